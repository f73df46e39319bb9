/** The actions of a case: owner organisation and person, due date (overdue marked), status, progress notes. */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases.js';
import {
  ACTION_STATUSES,
  type Action,
  type ActionStatus,
  addAction,
  addActionNote,
  listActionNotes,
  listActions,
  updateAction,
} from '../../api/plans.js';
import { useSession } from '../../auth/session.js';
import { Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import type { CaseSectionProps } from '../cases/case-page.js';
import { interventionName, loadInterventions } from '../cases/reviews-section.js';
import { caseProblemToErrors, Section } from '../cases/shared.js';
import {
  type ActionDraft,
  ActionFields,
  ActionHeadCells,
  ActionRow,
  actionRowOf,
  emptyActionDraft,
} from './action-row.js';

export function ActionsSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const session = useSession();
  const actions = useLoad(() => listActions(detail.id), [detail.id]);
  const myOrganisation = session.me?.user.organisation.id ?? '';
  const manage = detail.permissions.manage;
  const canChange = (a: Action) => manage || a.ownerOrganisationId === myOrganisation;
  const canAdd = manage || detail.organisations.some((o) => o.organisationId === myOrganisation);

  async function changed(message: string) {
    await Promise.all([actions.reload(), reload()]);
    notify(message);
  }

  return (
    <Section id="case-actions" title={t('plans.actions.heading')} intro={t('plans.actions.intro')}>
      {actions.error !== null && <LoadError error={actions.error} onRetry={() => void actions.reload()} />}
      {actions.loading && !actions.data && <Loading />}
      {actions.data && actions.data.items.length === 0 && <Paragraph>{t('plans.actions.empty')}</Paragraph>}
      {actions.data && actions.data.items.length > 0 && (
        <DataTable caption={t('plans.actions.caption')} head={<ActionHeadCells />}>
          {actions.data.items.map((a) => (
            <ActionRow
              key={a.id}
              action={actionRowOf(a)}
              details={
                <ActionNotes action={a} canWrite={canChange(a)} onAdded={() => notify(t('plans.actions.noteAdded'))} />
              }
              status={
                canChange(a) ? (
                  <ActionStatusForm
                    action={a}
                    onSaved={(status) =>
                      changed(
                        t('plans.actions.statusSaved', {
                          title: a.title,
                          status: t(`plans.actions.statuses.${status}`),
                        }),
                      )
                    }
                  />
                ) : undefined
              }
            />
          ))}
        </DataTable>
      )}
      {canAdd && <AddAction detail={detail} onAdded={(title) => changed(t('plans.actions.added', { title }))} />}
    </Section>
  );
}

function ActionStatusForm({ action, onSaved }: { action: Action; onSaved: (status: ActionStatus) => Promise<void> }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'status',
    id: fieldId(`action-${action.id}`, 'status'),
    label: t('plans.actions.statusOf', { title: action.title }),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await updateAction(action.id, { status, version: action.version });
      clear();
      await onSaved(saved.status);
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="cw-row-form" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
      <SelectField
        spec={spec}
        value={status}
        onValue={(v) => setStatus(v as ActionStatus)}
        options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`plans.actions.statuses.${s}`) }))}
        error={errors.fields.status}
      />
      <Button type="submit" variant="secondary" disabled={busy || status === action.status}>
        {t('plans.actions.saveStatus')}
        <span className="schakel-visually-hidden"> {t('plans.actions.statusOf', { title: action.title })}</span>
      </Button>
    </form>
  );
}

/** Progress notes in a disclosure, loaded when opened. */
function ActionNotes({ action, canWrite, onAdded }: { action: Action; canWrite: boolean; onAdded: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="cw-disclosure" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('plans.actions.notes')}</summary>
      {open && <NotesBody action={action} canWrite={canWrite} onAdded={onAdded} />}
    </details>
  );
}

function NotesBody({ action, canWrite, onAdded }: { action: Action; canWrite: boolean; onAdded: () => void }) {
  const { t } = useTranslation();
  const notes = useLoad(() => listActionNotes(action.id), [action.id]);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = { name: 'body', id: fieldId(`note-${action.id}`, 'body'), label: t('plans.actions.note') };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec, body, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await addActionNote(action.id, body.trim());
      clear();
      setBody('');
      await notes.reload();
      onAdded();
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cw-notes">
      {notes.error !== null && <LoadError error={notes.error} />}
      {notes.loading && !notes.data && <Loading />}
      {notes.data && notes.data.items.length === 0 && <Paragraph size="small">{t('plans.actions.noNotes')}</Paragraph>}
      {notes.data && notes.data.items.length > 0 && (
        <ul className="cw-plain-list">
          {notes.data.items.map((n) => (
            <li key={n.id}>
              <p className="cw-info__body">{n.body}</p>
              <p className="cw-byline">
                {t('plans.actions.noteByline', {
                  author: n.authorName,
                  organisation: n.authorOrganisationName,
                  date: formatDateTime(n.createdAt),
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
          <TextAreaField spec={spec} rows={3} value={body} onValue={setBody} error={errors.fields.body} />
          <FormActions>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('plans.actions.addNote')}
            </Button>
          </FormActions>
        </form>
      )}
    </div>
  );
}

function AddAction({ detail, onAdded }: { detail: CaseDetail; onAdded: (title: string) => Promise<void> }) {
  const { t } = useTranslation();
  const session = useSession();
  const manage = detail.permissions.manage;
  const myOrganisation = session.me?.user.organisation.id ?? '';
  const organisations = manage
    ? detail.organisations
    : detail.organisations.filter((o) => o.organisationId === myOrganisation);
  const interventions = useLoad(() => loadInterventions(detail.id), [detail.id]);
  const [draft, setDraft] = useState<ActionDraft>(() => emptyActionDraft(manage ? '' : myOrganisation));
  const [interventionId, setInterventionId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'title', id: fieldId('action', 'title'), label: t('plans.actions.actionTitle') },
    { name: 'description', id: fieldId('action', 'description'), label: t('plans.actions.description') },
    {
      name: 'ownerOrganisationId',
      id: fieldId('action', 'ownerOrganisationId'),
      label: t('plans.actions.ownerOrganisation'),
    },
    { name: 'ownerUserId', id: fieldId('action', 'ownerUserId'), label: t('plans.actions.ownerUser') },
    { name: 'dueOn', id: fieldId('action', 'dueOn'), label: t('plans.actions.dueOn') },
    {
      name: 'planInterventionId',
      id: fieldId('action', 'planInterventionId'),
      label: t('plans.actions.intervention'),
    },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('title'), draft.title, t);
    requireText(found, spec('ownerOrganisationId'), draft.ownerOrganisationId, t, 'errors.requiredChoice');
    requireText(found, spec('dueOn'), draft.dueOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const added = await addAction(detail.id, {
        title: draft.title.trim(),
        description: draft.description.trim() || null,
        ownerOrganisationId: draft.ownerOrganisationId,
        ownerUserId: draft.ownerUserId || null,
        dueOn: draft.dueOn,
        planInterventionId: interventionId || null,
      });
      clear();
      setDraft((d) => ({ ...emptyActionDraft(d.ownerOrganisationId) }));
      setInterventionId('');
      await onAdded(added.title);
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="action-add" level={3} title={t('plans.actions.add')}>
      {!manage && <Paragraph size="small">{t('plans.actions.ownOnly')}</Paragraph>}
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <ActionFields
          draft={draft}
          onDraft={(update) => setDraft((d) => ({ ...d, ...update }))}
          spec={spec}
          errors={errors.fields}
          organisations={organisations}
          chooseOrganisation={manage}
        />
        <SelectField
          spec={spec('planInterventionId')}
          value={interventionId}
          onValue={setInterventionId}
          options={[
            { value: '', label: t('plans.actions.noIntervention') },
            ...(interventions.data ?? []).map((i) => ({ value: i.id, label: interventionName(i) })),
          ]}
          error={errors.fields.planInterventionId}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('plans.actions.submit')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
