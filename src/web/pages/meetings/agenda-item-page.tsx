/**
 * One case on a case conference's agenda, discussed with the BOB method: picture (each partner's
 * contribution, from their own session), judgement (chair) and decisions that become actions (chair).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CaseDetail, getCase } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import {
  AGENDA_ITEM_STATUSES,
  type AgendaItemDetail,
  type AgendaItemStatus,
  addDecision,
  addPictureContribution,
  getAgendaItem,
  getMeeting,
  type MeetingDetail,
  saveJudgement,
  updateAgendaItem,
} from '../../api/meetings.js';
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
import { BackLink, DataTable, LoadError, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { useLoad } from '../../lib/use-load.js';
import { ContributionForm } from '../cases/information-section.js';
import { casePath, meetingPath } from '../cases/paths.js';
import { caseProblemToErrors, InformationList, Section, StatusMessage } from '../cases/shared.js';
import { NotFoundPage } from '../not-found.js';
import {
  type ActionDraft,
  ActionFields,
  ActionHeadCells,
  ActionRow,
  decisionRowOf,
  emptyActionDraft,
} from '../plans/action-row.js';
import { meetingWhen } from './format.js';

interface Loaded {
  meeting: MeetingDetail;
  item: AgendaItemDetail;
}

export function AgendaItemPage() {
  const { t } = useTranslation();
  const { id = '', itemId = '' } = useParams();
  const loaded = useLoad<Loaded>(async () => {
    const [meeting, item] = await Promise.all([getMeeting(id), getAgendaItem(id, itemId)]);
    return { meeting, item };
  }, [id, itemId]);
  const [message, setMessage] = useState<string | null>(null);
  const data = loaded.data;

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;

  const reload = async () => {
    await loaded.reload();
  };

  return (
    <>
      {data && (
        <BackLink to={meetingPath(data.meeting.id)}>
          {t('meetings.item.backToMeeting', { title: data.meeting.title })}
        </BackLink>
      )}
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!data && loaded.loading && <Loading />}
      {data && (
        <>
          <PageHeader
            title={t('meetings.item.title', { reference: data.item.case.reference })}
            intro={t('meetings.item.intro', {
              subject: data.item.case.subjectName,
              meeting: `${data.meeting.title} (${meetingWhen(data.meeting, t)}, ${t(`meetings.statuses.${data.meeting.status}`)})`,
            })}
          />
          <p>
            <Link className="ams-link" to={casePath(data.item.case.id)}>
              {t('meetings.item.toCase', { reference: data.item.case.reference })}
            </Link>
          </p>
          <StatusMessage message={message} />
          {data.meeting.isChair && (
            <ItemStatus meeting={data.meeting} item={data.item} reload={reload} notify={setMessage} />
          )}
          <Picture meeting={data.meeting} item={data.item} reload={reload} notify={setMessage} />
          <Judgement meeting={data.meeting} item={data.item} reload={reload} notify={setMessage} />
          <Decisions meeting={data.meeting} item={data.item} reload={reload} notify={setMessage} />
        </>
      )}
    </>
  );
}

interface ItemProps {
  meeting: MeetingDetail;
  item: AgendaItemDetail;
  reload: () => Promise<void>;
  notify: (message: string) => void;
}

function ItemStatus({ meeting, item, reload, notify }: ItemProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AgendaItemStatus>(item.status);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = { name: 'status', id: fieldId('item', 'status'), label: t('meetings.item.statusLabel') };
  const editable = ['scheduled', 'in_progress', 'held'].includes(meeting.status);
  useEffect(() => setStatus(item.status), [item.status]);
  if (!editable) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await updateAgendaItem(meeting.id, item.id, { status, version: item.version });
      clear();
      await reload();
      notify(t('meetings.item.statusSaved'));
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
        onValue={(v) => setStatus(v as AgendaItemStatus)}
        options={AGENDA_ITEM_STATUSES.map((s) => ({ value: s, label: t(`meetings.agenda.statuses.${s}`) }))}
        error={errors.fields.status}
      />
      <Button type="submit" variant="secondary" disabled={busy || status === item.status}>
        {t('meetings.item.saveStatus')}
      </Button>
    </form>
  );
}

function Picture({ meeting, item, reload, notify }: ItemProps) {
  const { t } = useTranslation();
  const canContribute = meeting.status === 'scheduled' || meeting.status === 'in_progress';
  return (
    <Section id="item-picture" title={t('meetings.item.picture')} intro={t('meetings.item.pictureIntro')}>
      {item.contributions.length === 0 ? (
        <Paragraph>{t('meetings.item.pictureEmpty')}</Paragraph>
      ) : (
        <InformationList
          label={t('meetings.item.picture')}
          items={item.contributions.map((c) => ({
            id: c.id,
            organisation: c.sourceOrganisation.name,
            legalRegime: c.legalRegime,
            legalRegimeReason: c.legalRegimeReason,
            scope: c.scope,
            policeOrProsecution: c.policeOrProsecution,
            author: c.author.name,
            createdAt: c.createdAt,
            body: c.body,
          }))}
        />
      )}
      {canContribute ? (
        <ContributionForm
          formId="picture-contribution"
          heading={t('meetings.item.contribute')}
          submitLabel={t('meetings.item.contributeSubmit')}
          onSubmit={async (body) => {
            await addPictureContribution(meeting.id, item.id, body);
            await reload();
            notify(t('meetings.item.contributed'));
          }}
        />
      ) : (
        <Paragraph size="small" className="schakel-muted">
          {t('meetings.item.contributeClosed')}
        </Paragraph>
      )}
    </Section>
  );
}

function Judgement({ meeting, item, reload, notify }: ItemProps) {
  const { t } = useTranslation();
  const editable = meeting.isChair && (meeting.status === 'in_progress' || meeting.status === 'held');
  const [text, setText] = useState(item.judgement ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'judgement',
    id: fieldId('judgement-form', 'judgement'),
    label: t('meetings.item.judgementText'),
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec, text, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await saveJudgement(meeting.id, item.id, { judgement: text.trim(), version: item.version });
      clear();
      await reload();
      notify(t('meetings.item.judgementSaved'));
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="item-judgement" title={t('meetings.item.judgement')} intro={t('meetings.item.judgementIntro')}>
      {editable ? (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
          <TextAreaField spec={spec} required rows={6} value={text} onValue={setText} error={errors.fields.judgement} />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('meetings.item.saveJudgement')}
            </Button>
          </FormActions>
        </form>
      ) : (
        <>
          {item.judgement ? (
            <p className="cw-info__body">{item.judgement}</p>
          ) : (
            <Paragraph>{t('meetings.item.judgementEmpty')}</Paragraph>
          )}
          {!meeting.isChair && (
            <Paragraph size="small" className="schakel-muted">
              {t('meetings.item.chairDuringMeeting')}
            </Paragraph>
          )}
        </>
      )}
    </Section>
  );
}

function Decisions({ meeting, item, reload, notify }: ItemProps) {
  const { t } = useTranslation();
  const editable = meeting.isChair && (meeting.status === 'in_progress' || meeting.status === 'held');
  return (
    <Section id="item-decisions" title={t('meetings.item.decisions')} intro={t('meetings.item.decisionsIntro')}>
      {item.decisions.length === 0 ? (
        <Paragraph>{t('meetings.item.decisionsEmpty')}</Paragraph>
      ) : (
        <DataTable
          caption={t('meetings.item.decisionsCaption')}
          head={<ActionHeadCells titleLabel={t('meetings.item.decision')} />}
        >
          {item.decisions.map((d) => (
            <ActionRow key={d.id} action={decisionRowOf(d)} />
          ))}
        </DataTable>
      )}
      {editable && <DecisionForm meeting={meeting} item={item} reload={reload} notify={notify} />}
    </Section>
  );
}

function DecisionForm({ meeting, item, reload, notify }: ItemProps) {
  const { t } = useTranslation();
  // The owners come from the case's participants (the chair, a process director, sees the case).
  const caseDetail = useLoad<CaseDetail>(() => getCase(item.case.id), [item.case.id]);
  const [draft, setDraft] = useState<ActionDraft>(() => emptyActionDraft());
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'title', id: fieldId('decision', 'title'), label: t('meetings.item.decisionTitle') },
    { name: 'description', id: fieldId('decision', 'description'), label: t('meetings.item.decisionDescription') },
    {
      name: 'ownerOrganisationId',
      id: fieldId('decision', 'ownerOrganisationId'),
      label: t('meetings.item.ownerOrganisation'),
    },
    { name: 'ownerUserId', id: fieldId('decision', 'ownerUserId'), label: t('meetings.item.ownerUser') },
    { name: 'dueOn', id: fieldId('decision', 'dueOn'), label: t('meetings.item.dueOn') },
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
      const decision = await addDecision(meeting.id, item.id, {
        title: draft.title.trim(),
        description: draft.description.trim() || null,
        ownerOrganisationId: draft.ownerOrganisationId,
        ownerUserId: draft.ownerUserId || null,
        dueOn: draft.dueOn,
      });
      clear();
      setDraft(emptyActionDraft());
      await reload();
      notify(t('meetings.item.decided', { title: decision.title }));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="decision-add" level={3} title={t('meetings.item.addDecision')}>
      {caseDetail.error !== null && <LoadError error={caseDetail.error} />}
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <ActionFields
          draft={draft}
          onDraft={(update) => setDraft((d) => ({ ...d, ...update }))}
          spec={spec}
          errors={errors.fields}
          organisations={caseDetail.data?.organisations ?? []}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('meetings.item.decisionSubmit')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}
