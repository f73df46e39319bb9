/**
 * An action as the case page and the case conference show it: one table row (what, owner, due date
 * with the overdue marker, status) and the fields that create one (a plan action or a decision of
 * the case conference, which becomes an action). One component for both pages.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseOrganisation } from '../../api/cases.js';
import type { Decision } from '../../api/meetings.js';
import type { Action } from '../../api/plans.js';
import { type FieldErrors, type FieldSpec, SelectField, TextAreaField, TextField } from '../../components/form.js';
import { Td, Th, Tr } from '../../components/page.js';
import { formatDate } from '../../lib/format.js';
import { OverdueMarker, todayIso } from '../cases/shared.js';

export interface ActionRowData {
  id: string;
  title: string;
  description: string | null;
  ownerOrganisationName: string;
  ownerUserName: string | null;
  dueOn: string;
  status: string;
  overdue: boolean;
  /** Decided in a case conference. */
  fromMeeting: boolean;
}

export function actionRowOf(a: Action): ActionRowData {
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    ownerOrganisationName: a.ownerOrganisationName,
    ownerUserName: a.ownerUserName,
    dueOn: a.dueOn,
    status: a.status,
    overdue: a.overdue,
    fromMeeting: a.agendaItemId !== null,
  };
}

/** A decision of the case conference is an action; it is overdue as an action is (open, date passed). */
export function decisionRowOf(d: Decision): ActionRowData {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    ownerOrganisationName: d.ownerOrganisation.name,
    ownerUserName: d.ownerUser?.name ?? null,
    dueOn: d.dueOn,
    status: d.status,
    overdue: (d.status === 'open' || d.status === 'in_progress') && d.dueOn < todayIso(),
    // Shown on the conference's own page: no need to say where it comes from.
    fromMeeting: false,
  };
}

/** The header cells of an action table; `titleLabel` names the first column ("Actie", "Besluit"). */
export function ActionHeadCells({ titleLabel }: { titleLabel?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Th>{titleLabel ?? t('plans.actions.title')}</Th>
      <Th>{t('plans.actions.owner')}</Th>
      <Th>{t('plans.actions.dueOn')}</Th>
      <Th>{t('plans.actions.status')}</Th>
    </>
  );
}

/**
 * One action as a table row. `details` goes under the title (e.g. the progress notes); `status`
 * replaces the status text (e.g. a form to change it).
 */
export function ActionRow({
  action: a,
  details,
  status,
}: {
  action: ActionRowData;
  details?: ReactNode;
  status?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Tr>
      <Td>
        <strong>{a.title}</strong>
        {a.description && <span className="cw-cell-note">{a.description}</span>}
        {a.fromMeeting && <span className="cw-cell-note">{t('plans.actions.fromMeeting')}</span>}
        {details}
      </Td>
      <Td>
        {a.ownerOrganisationName}
        {a.ownerUserName && <span className="cw-cell-note">{a.ownerUserName}</span>}
      </Td>
      <Td>
        <span className="schakel-nowrap">{formatDate(a.dueOn)}</span>
        {a.overdue && (
          <>
            {' '}
            <OverdueMarker />
          </>
        )}
      </Td>
      <Td>{status ?? t(`plans.actions.statuses.${a.status}`, { defaultValue: a.status })}</Td>
    </Tr>
  );
}

export interface ActionDraft {
  title: string;
  description: string;
  ownerOrganisationId: string;
  ownerUserId: string;
  dueOn: string;
}

export const emptyActionDraft = (ownerOrganisationId = ''): ActionDraft => ({
  title: '',
  description: '',
  ownerOrganisationId,
  ownerUserId: '',
  dueOn: '',
});

/**
 * The fields of a new action: what, owner organisation (one that takes part in the case), owner
 * person (a member of it, optional) and due date. `spec` names them under the API's field names.
 */
export function ActionFields({
  draft,
  onDraft,
  spec,
  errors,
  organisations,
  chooseOrganisation = true,
}: {
  draft: ActionDraft;
  onDraft: (update: Partial<ActionDraft>) => void;
  spec: (name: keyof ActionDraft) => FieldSpec;
  errors: FieldErrors;
  organisations: CaseOrganisation[];
  /** Offer "choose" as the first option (false when only one organisation can be chosen). */
  chooseOrganisation?: boolean;
}) {
  const { t } = useTranslation();
  const members = organisations.find((o) => o.organisationId === draft.ownerOrganisationId)?.members ?? [];
  return (
    <>
      <TextField
        spec={spec('title')}
        required
        value={draft.title}
        onValue={(title) => onDraft({ title })}
        error={errors.title}
      />
      <TextAreaField
        spec={spec('description')}
        optional
        rows={3}
        value={draft.description}
        onValue={(description) => onDraft({ description })}
        error={errors.description}
      />
      <SelectField
        spec={spec('ownerOrganisationId')}
        required
        value={draft.ownerOrganisationId}
        onValue={(ownerOrganisationId) => onDraft({ ownerOrganisationId, ownerUserId: '' })}
        placeholder={chooseOrganisation ? t('common.choose') : undefined}
        options={organisations.map((o) => ({ value: o.organisationId, label: o.name }))}
        error={errors.ownerOrganisationId}
      />
      <SelectField
        spec={spec('ownerUserId')}
        value={draft.ownerUserId}
        onValue={(ownerUserId) => onDraft({ ownerUserId })}
        options={[
          { value: '', label: t('plans.interventions.nobody') },
          ...members.map((m) => ({ value: m.userId, label: m.name })),
        ]}
        error={errors.ownerUserId}
      />
      <TextField
        spec={spec('dueOn')}
        required
        type="date"
        value={draft.dueOn}
        onValue={(dueOn) => onDraft({ dueOn })}
        error={errors.dueOn}
      />
    </>
  );
}
