import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addRelatedPerson,
  type CaseDetail,
  IDEOLOGIES,
  type Ideology,
  listMemberCandidates,
  type MemberCandidate,
  matchPersons,
  OPEN_PHASES,
  type PersonMatch,
  PRIORITIES,
  type Priority,
  RELATIONS,
  type Relation,
  RISK_GROUPS,
  removeRelatedPerson,
  TARGET_GROUPS,
  type TargetGroup,
  updateCase,
} from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { Button, DescriptionList, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, Td, Th, Tr } from '../../components/page.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { StaleNotice } from '../admin/stale.js';
import type { CaseSectionProps } from './case-page.js';
import { caseProblemToErrors, OverdueMarker, RemoveWithReason, Section, todayIso } from './shared.js';

export function OverviewSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const today = todayIso();
  const isOpen = OPEN_PHASES.includes(detail.phase);
  const none = t('common.none');

  return (
    <Section id="case-overview" title={t('cases.overview.heading')}>
      <DescriptionList className="schakel-details cw-details">
        <DescriptionList.Term>{t('cases.overview.subject')}</DescriptionList.Term>
        <DescriptionList.Description>
          {detail.subject.name}
          {detail.subject.dateOfBirth && (
            <span className="cw-cell-note">
              {t('cases.overview.dateOfBirth')}: {formatDate(detail.subject.dateOfBirth)}
            </span>
          )}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.targetGroup')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.targetGroups.${detail.targetGroup}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.riskGroup')}</DescriptionList.Term>
        <DescriptionList.Description>
          {detail.riskGroup ? t(`caseLabels.riskGroups.${detail.riskGroup}`) : t('cases.overview.noRiskGroup')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.ideology')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.ideologies.${detail.ideology}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.municipality')}</DescriptionList.Term>
        <DescriptionList.Description>{detail.directingMunicipality.name}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.processDirector')}</DescriptionList.Term>
        <DescriptionList.Description>{detail.processDirector?.name ?? none}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.caseCoordinator')}</DescriptionList.Term>
        <DescriptionList.Description>
          {detail.caseCoordinator?.name ?? t('cases.overview.noCoordinator')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.priority')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.priorities.${detail.priority}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.phase')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.phases.${detail.phase}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.escalationLevel')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t(`caseLabels.escalationLevels.${detail.escalationLevel}`)}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.nextReview')}</DescriptionList.Term>
        <DescriptionList.Description>
          {formatDate(detail.nextReviewOn) || none}
          {isOpen && detail.nextReviewOn && detail.nextReviewOn < today && (
            <>
              {' '}
              <OverdueMarker />
            </>
          )}
        </DescriptionList.Description>
        {detail.revisitOn && (
          <>
            <DescriptionList.Term>{t('cases.overview.revisitOn')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(detail.revisitOn)}</DescriptionList.Description>
          </>
        )}
        <DescriptionList.Term>{t('cases.overview.lastConference')}</DescriptionList.Term>
        <DescriptionList.Description>{formatDate(detail.lastConferenceOn) || none}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.overview.openedAt')}</DescriptionList.Term>
        <DescriptionList.Description>{formatDate(detail.openedAt)}</DescriptionList.Description>
        {detail.closedAt && detail.closingKind && (
          <>
            <DescriptionList.Term>{t('cases.overview.closed')}</DescriptionList.Term>
            <DescriptionList.Description>
              {t('cases.lifecycle.closedInfo', {
                kind: t(`caseLabels.closingKinds.${detail.closingKind}`),
                date: formatDate(detail.closedAt),
              })}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('cases.overview.closingReason')}</DescriptionList.Term>
            <DescriptionList.Description>{detail.closingReason ?? none}</DescriptionList.Description>
          </>
        )}
      </DescriptionList>

      {detail.permissions.manage && !editing && (
        <p>
          <Button variant="secondary" onClick={() => setEditing(true)}>
            {t('cases.overview.edit')}
          </Button>
        </p>
      )}
      {editing && (
        <EditCaseForm
          detail={detail}
          onDone={async (saved) => {
            setEditing(false);
            if (saved) {
              await reload();
              notify(t('cases.overview.saved'));
            }
          }}
          reload={reload}
        />
      )}

      <ConcernSection detail={detail} />
      <RelatedPersons detail={detail} reload={reload} notify={notify} />
    </Section>
  );
}

function ConcernSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { level, trend, history } = detail.concern;
  return (
    <Section id="case-concern" level={3} title={t('cases.overview.concern')}>
      <Paragraph className="cw-concern">
        {level
          ? t('cases.overview.concernText', {
              level: t(`caseLabels.concernLevels.${level}`),
              trend: t(`caseLabels.concernTrends.${trend ?? 'none'}`),
            })
          : t('cases.overview.concernNone')}
      </Paragraph>
      <Paragraph size="small" className="schakel-muted">
        {t('cases.overview.concernNote')}
      </Paragraph>
      {history.length > 0 && (
        <DataTable
          caption={t('cases.overview.historyCaption')}
          head={
            <>
              <Th>{t('cases.overview.assessedOn')}</Th>
              <Th>{t('cases.overview.concern')}</Th>
            </>
          }
        >
          {history.map((h) => (
            <Tr key={`${h.assessedOn}-${h.concernLevel}`}>
              <Td>{formatDate(h.assessedOn)}</Td>
              <Td>{t(`caseLabels.concernLevels.${h.concernLevel}`)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}

function EditCaseForm({
  detail,
  onDone,
  reload,
}: {
  detail: CaseDetail;
  onDone: (saved: boolean) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [targetGroup, setTargetGroup] = useState<TargetGroup>(detail.targetGroup);
  const [riskGroup, setRiskGroup] = useState(detail.riskGroup ? String(detail.riskGroup) : '');
  const [ideology, setIdeology] = useState<Ideology>(detail.ideology);
  const [priority, setPriority] = useState<Priority>(detail.priority);
  const [coordinator, setCoordinator] = useState(detail.caseCoordinator?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    { name: 'targetGroup', id: fieldId('case-edit', 'targetGroup'), label: t('cases.overview.targetGroup') },
    { name: 'riskGroup', id: fieldId('case-edit', 'riskGroup'), label: t('cases.overview.riskGroup') },
    { name: 'ideology', id: fieldId('case-edit', 'ideology'), label: t('cases.overview.ideology') },
    { name: 'priority', id: fieldId('case-edit', 'priority'), label: t('cases.overview.priority') },
    {
      name: 'caseCoordinatorId',
      id: fieldId('case-edit', 'caseCoordinatorId'),
      label: t('cases.overview.caseCoordinator'),
    },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  // Process directors choose from every case coordinator and process director of the region (the
  // API's coordinator candidates); a case coordinator keeps the coordinators who take part already.
  const isDirector = detail.permissions.isDirector;
  const candidates = useLoad(
    async (): Promise<MemberCandidate[]> => (isDirector ? listMemberCandidates(detail.id, 'coordinator') : []),
    [detail.id, isDirector],
  );
  const coordinators = new Map<string, string>();
  if (detail.caseCoordinator) coordinators.set(detail.caseCoordinator.id, detail.caseCoordinator.name);
  for (const o of detail.organisations) {
    for (const m of o.members) if (m.role === 'case_coordinator') coordinators.set(m.userId, m.name);
  }
  for (const u of candidates.data ?? []) {
    coordinators.set(u.userId, `${u.name} (${u.organisation.name})`);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await updateCase(detail.id, {
        targetGroup,
        riskGroup: riskGroup ? Number(riskGroup) : null,
        ideology,
        priority,
        caseCoordinatorId: coordinator || null,
        version: detail.version,
      });
      clear();
      await onDone(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="case-edit" level={3} title={t('cases.overview.editHeading')}>
      <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {stale && (
          <StaleNotice
            onReload={() => {
              clear();
              setStale(false);
              void reload().then(() => onDone(false));
            }}
          />
        )}
        <SelectField
          spec={spec('targetGroup')}
          value={targetGroup}
          onValue={(v) => setTargetGroup(v as TargetGroup)}
          options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`caseLabels.targetGroups.${g}`) }))}
          error={errors.fields.targetGroup}
        />
        <SelectField
          spec={spec('riskGroup')}
          value={riskGroup}
          onValue={setRiskGroup}
          options={[
            { value: '', label: t('cases.overview.noRiskGroup') },
            ...RISK_GROUPS.map((g) => ({ value: String(g), label: t(`caseLabels.riskGroups.${g}`) })),
          ]}
          error={errors.fields.riskGroup}
        />
        <SelectField
          spec={spec('ideology')}
          value={ideology}
          onValue={(v) => setIdeology(v as Ideology)}
          options={IDEOLOGIES.map((i) => ({ value: i, label: t(`caseLabels.ideologies.${i}`) }))}
          error={errors.fields.ideology}
        />
        <SelectField
          spec={spec('priority')}
          value={priority}
          onValue={(v) => setPriority(v as Priority)}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`caseLabels.priorities.${p}`) }))}
          error={errors.fields.priority}
        />
        <SelectField
          spec={spec('caseCoordinatorId')}
          hint={isDirector ? t('cases.overview.coordinatorHintDirector') : t('cases.overview.coordinatorHint')}
          value={coordinator}
          onValue={setCoordinator}
          options={[
            { value: '', label: t('cases.overview.noCoordinator') },
            ...[...coordinators].map(([value, label]) => ({ value, label })),
          ]}
          error={errors.fields.caseCoordinatorId}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('common.save')}
          </Button>
          <Button variant="tertiary" onClick={() => void onDone(false)}>
            {t('common.cancel')}
          </Button>
        </FormActions>
      </form>
    </Section>
  );
}

function RelatedPersons({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const manage = detail.permissions.manage;
  return (
    <Section id="case-related" level={3} title={t('cases.overview.related.heading')}>
      <Paragraph>{t('cases.overview.related.intro')}</Paragraph>
      {detail.relatedPersons.length === 0 ? (
        <Paragraph>{t('cases.overview.related.empty')}</Paragraph>
      ) : (
        <DataTable
          caption={t('cases.overview.related.caption')}
          head={
            <>
              <Th>{t('cases.overview.related.name')}</Th>
              <Th>{t('cases.overview.related.relation')}</Th>
              <Th>{t('cases.overview.related.dateOfBirth')}</Th>
              <Th>{t('cases.overview.related.note')}</Th>
              {manage && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {detail.relatedPersons.map((r) => (
            <Tr key={r.person.id}>
              <Td>{r.person.name}</Td>
              <Td>{t(`caseLabels.relations.${r.relation}`)}</Td>
              <Td>{formatDate(r.person.dateOfBirth) || t('common.none')}</Td>
              <Td>{r.note ?? t('common.none')}</Td>
              {manage && (
                <Td>
                  <RemoveWithReason
                    id={`related-${r.person.id}`}
                    buttonLabel={t('cases.overview.related.remove')}
                    itemName={r.person.name}
                    accessibleLabel={t('cases.overview.related.removeItem', { name: r.person.name })}
                    onRemove={async (reason) => {
                      await removeRelatedPerson(detail.id, r.person.id, reason);
                      await reload();
                      notify(t('cases.overview.related.removed', { name: r.person.name }));
                    }}
                  />
                </Td>
              )}
            </Tr>
          ))}
        </DataTable>
      )}
      {manage && <AddRelatedPerson detail={detail} reload={reload} notify={notify} />}
    </Section>
  );
}

function personName(p: { firstName: string; namePrefix: string | null; lastName: string }): string {
  return [p.firstName, p.namePrefix, p.lastName].filter(Boolean).join(' ');
}

function AddRelatedPerson({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const [firstName, setFirstName] = useState('');
  const [namePrefix, setNamePrefix] = useState('');
  const [lastName, setLastName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [relation, setRelation] = useState<Relation | ''>('');
  const [note, setNote] = useState('');
  const [matches, setMatches] = useState<PersonMatch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId('related', name), label });
  const fields: FieldSpec[] = [
    f('firstName', t('cases.overview.related.firstName')),
    f('namePrefix', t('cases.overview.related.namePrefix')),
    f('lastName', t('cases.overview.related.lastName')),
    f('dateOfBirth', t('cases.overview.related.dateOfBirth')),
    f('relation', t('cases.overview.related.relation')),
    f('note', t('cases.overview.related.note')),
  ];
  const spec = (name: string) => fields.find((x) => x.name === name) as FieldSpec;
  // Errors about the new person (/newPerson/firstName) belong to the name fields.
  const mapped = (error: unknown) => {
    const result = caseProblemToErrors(error, fields, t);
    if (error instanceof ApiError) {
      for (const issue of error.problem.errors ?? []) {
        const name = issue.location.pointer.split('/').pop() ?? '';
        const s = fields.find((x) => x.name === name);
        if (s && !result.fields[name]) {
          result.fields[name] = issue.detail;
          result.general = result.general.filter((g) => g !== issue.detail);
        }
      }
    }
    return result;
  };

  function checkName(): boolean {
    const found: FieldErrors = {};
    requireText(found, spec('firstName'), firstName, t);
    requireText(found, spec('lastName'), lastName, t);
    if (Object.keys(found).length) {
      fail({ fields: found, general: [] });
      return false;
    }
    return true;
  }

  async function search() {
    if (!checkName()) return;
    setBusy(true);
    try {
      const result = await matchPersons({
        firstName: firstName.trim(),
        lastName: lastName.trim(),
        ...(namePrefix.trim() ? { namePrefix: namePrefix.trim() } : {}),
        ...(dateOfBirth ? { dateOfBirth } : {}),
      });
      clear();
      setMatches(result.items);
    } catch (error) {
      fail(mapped(error));
    } finally {
      setBusy(false);
    }
  }

  async function add(personId: string | null, name: string) {
    const found: FieldErrors = {};
    if (personId === null) {
      requireText(found, spec('firstName'), firstName, t);
      requireText(found, spec('lastName'), lastName, t);
    }
    requireText(found, spec('relation'), relation, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await addRelatedPerson(detail.id, {
        ...(personId
          ? { personId }
          : {
              newPerson: {
                firstName: firstName.trim(),
                lastName: lastName.trim(),
                ...(namePrefix.trim() ? { namePrefix: namePrefix.trim() } : {}),
                ...(dateOfBirth ? { dateOfBirth } : {}),
              },
            }),
        relation: relation as Relation,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      clear();
      setFirstName('');
      setNamePrefix('');
      setLastName('');
      setDateOfBirth('');
      setRelation('');
      setNote('');
      setMatches(null);
      await reload();
      notify(t('cases.overview.related.added', { name }));
    } catch (error) {
      fail(mapped(error));
    } finally {
      setBusy(false);
    }
  }

  const newName = [firstName.trim(), namePrefix.trim(), lastName.trim()].filter(Boolean).join(' ');

  return (
    <Section id="related-add" level={3} title={t('cases.overview.related.add')}>
      <form
        className="schakel-form schakel-narrow"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add(null, newName);
        }}
      >
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <TextField
          spec={spec('firstName')}
          required
          value={firstName}
          onValue={setFirstName}
          error={errors.fields.firstName}
          autoComplete="off"
        />
        <TextField
          spec={spec('namePrefix')}
          optional
          value={namePrefix}
          onValue={setNamePrefix}
          error={errors.fields.namePrefix}
          autoComplete="off"
        />
        <TextField
          spec={spec('lastName')}
          required
          value={lastName}
          onValue={setLastName}
          error={errors.fields.lastName}
          autoComplete="off"
        />
        <TextField
          spec={spec('dateOfBirth')}
          optional
          type="date"
          value={dateOfBirth}
          onValue={setDateOfBirth}
          error={errors.fields.dateOfBirth}
        />
        <SelectField
          spec={spec('relation')}
          required
          value={relation}
          onValue={(v) => setRelation(v as Relation | '')}
          placeholder={t('common.choose')}
          options={RELATIONS.map((r) => ({ value: r, label: t(`caseLabels.relations.${r}`) }))}
          error={errors.fields.relation}
        />
        <TextAreaField
          spec={spec('note')}
          optional
          rows={2}
          value={note}
          onValue={setNote}
          error={errors.fields.note}
        />
        <Paragraph size="small" className="schakel-field-hint">
          {t('cases.overview.related.searchHint')}
        </Paragraph>
        <FormActions>
          <Button variant="secondary" onClick={() => void search()} disabled={busy}>
            {t('cases.overview.related.search')}
          </Button>
          <Button type="submit" disabled={busy}>
            {t('cases.overview.related.addNew')}
          </Button>
        </FormActions>
      </form>
      {matches !== null && (
        <div role="status">
          {matches.length === 0 ? (
            <Paragraph>{t('cases.overview.related.noMatches')}</Paragraph>
          ) : (
            <DataTable
              caption={t('cases.overview.related.matchesCaption')}
              head={
                <>
                  <Th>{t('cases.overview.related.name')}</Th>
                  <Th>{t('cases.overview.related.dateOfBirth')}</Th>
                  <Th>{t('cases.overview.related.matchReasons')}</Th>
                  <Th>{t('cases.overview.related.knownIn')}</Th>
                  <Th>{t('common.actions')}</Th>
                </>
              }
            >
              {matches.map((m) => (
                <Tr key={m.personId}>
                  <Td>{personName(m)}</Td>
                  <Td>{formatDate(m.dateOfBirth) || t('common.none')}</Td>
                  <Td>
                    {m.reasons.map((r, i) => (
                      <Fragment key={r.code}>
                        {i > 0 && <br />}
                        {r.detail}
                      </Fragment>
                    ))}
                  </Td>
                  <Td>{t('cases.overview.related.knownInText', m.knownIn)}</Td>
                  <Td>
                    <Button variant="secondary" disabled={busy} onClick={() => void add(m.personId, personName(m))}>
                      {t('cases.overview.related.link')}
                      <span className="schakel-visually-hidden"> {personName(m)}</span>
                    </Button>
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </div>
      )}
    </Section>
  );
}
