import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listUsers } from '../../api/endpoints.js';
import {
  DECISIONS,
  type Decision,
  getSignal,
  IDEOLOGIES,
  type Ideology,
  listSignals,
  REFERRALS,
  type Referral,
  type Signal,
} from '../../api/signals.js';
import {
  addToTriageAgenda,
  decideOnSignal,
  getTriageMeeting,
  PRIORITIES,
  type Priority,
  RISK_GROUPS,
  TARGET_GROUPS,
  type TargetGroup,
  type TriageAgendaItem,
  type TriageDecisionInput,
  type TriageMeeting,
  updateTriageMeeting,
} from '../../api/triage.js';
import { useSession } from '../../auth/session.js';
import { Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  generalMessage,
  requireText,
  SelectField,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, DataTable, Flash, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import {
  personName,
  pointerErrors,
  RadioGroupField,
  specFinder,
  TextAreaField,
  useMunicipalities,
} from '../signals/common.js';
import {
  checkWeging,
  emptyWeging,
  toInclusionInput,
  useWegingOptions,
  type WegingDraft,
  WegingFields,
  wegingSpecs,
} from './weging.js';

interface Outcome {
  message: string;
  caseId: string | null;
  caseReference: string | null;
}

export function TriageMeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const meeting = useLoad(() => getTriageMeeting(id), [id]);
  const [deciding, setDeciding] = useState<TriageAgendaItem | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (meeting.error instanceof ApiError && meeting.error.status === 404) {
    return (
      <div className="schakel-narrow">
        <BackLink to={paths.triage}>{t('triage.title')}</BackLink>
        <PageHeader title={t('notFound.title')} />
        <Paragraph>{t('triage.notFound')}</Paragraph>
      </div>
    );
  }
  const m = meeting.data;
  const isChair = m !== null && m.chair.id === session.me?.user.id;

  async function markHeld() {
    if (!m) return;
    setBusy(true);
    setActionError(null);
    try {
      meeting.setData(await updateTriageMeeting(m.id, { status: 'held', version: m.version }));
      setOutcome({ message: t('triage.markedHeld'), caseId: null, caseReference: null });
    } catch (error) {
      setActionError(generalMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <BackLink to={paths.triage}>{t('triage.title')}</BackLink>
      <PageHeader
        title={m ? t('triage.meetingTitle', { date: formatDate(m.heldOn) }) : t('triage.title')}
        intro={m ? t('triage.meetingIntro', { municipality: m.municipality.name, chair: m.chair.name }) : undefined}
      />
      <Flash />
      {outcome && (
        <Notice severity="success" heading={outcome.message} live>
          {outcome.caseId && (
            <Paragraph>
              <Link className="ams-link" to={itemPath(paths.cases, outcome.caseId)}>
                {t('triage.toCase', { reference: outcome.caseReference ?? '' })}
              </Link>
            </Paragraph>
          )}
        </Notice>
      )}
      {actionError && <Notice severity="error" heading={actionError} live />}
      {meeting.error !== null && <LoadError error={meeting.error} onRetry={() => void meeting.reload()} />}
      {!m && meeting.error === null && <Loading />}
      {m && (
        <>
          <DescriptionList className="schakel-details">
            <DescriptionList.Term>{t('triage.heldOn')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(m.heldOn)}</DescriptionList.Description>
            <DescriptionList.Term>{t('triage.municipality')}</DescriptionList.Term>
            <DescriptionList.Description>{m.municipality.name}</DescriptionList.Description>
            <DescriptionList.Term>{t('triage.status')}</DescriptionList.Term>
            <DescriptionList.Description>{t(`triage.statusLabel.${m.status}`)}</DescriptionList.Description>
            <DescriptionList.Term>{t('triage.chair')}</DescriptionList.Term>
            <DescriptionList.Description>{m.chair.name}</DescriptionList.Description>
          </DescriptionList>
          {isChair && m.status === 'planned' && (
            <p className="schakel-form-actions">
              <Button variant="secondary" onClick={() => void markHeld()} disabled={busy}>
                {t('triage.markHeld')}
              </Button>
            </p>
          )}
          <Agenda meeting={m} onDecide={(item) => setDeciding(item)} />
          {deciding && (
            <DecisionForm
              key={deciding.signal.id}
              meeting={m}
              item={deciding}
              onCancel={() => setDeciding(null)}
              onDone={async (result) => {
                setDeciding(null);
                setOutcome(result);
                await meeting.reload();
              }}
            />
          )}
          <AddToAgenda
            meeting={m}
            onAdded={(next, reference) => {
              meeting.setData(next);
              setOutcome({ message: t('triage.added', { reference }), caseId: null, caseReference: null });
            }}
          />
        </>
      )}
    </>
  );
}

function Agenda({ meeting: m, onDecide }: { meeting: TriageMeeting; onDecide: (item: TriageAgendaItem) => void }) {
  const { t } = useTranslation();
  return (
    <section className="schakel-section" aria-labelledby="triage-agenda">
      <Heading level={2} id="triage-agenda">
        {t('triage.agendaHeading')}
      </Heading>
      {m.agenda.length === 0 ? (
        <Paragraph>{t('triage.noAgenda')}</Paragraph>
      ) : (
        <DataTable
          caption={t('triage.agendaCaption')}
          captionHidden
          head={
            <>
              <Th>{t('triage.position')}</Th>
              <Th>{t('triage.signal')}</Th>
              <Th>{t('signals.municipality')}</Th>
              <Th>{t('signals.receivedOn')}</Th>
              <Th>{t('signals.urgency')}</Th>
              <Th>{t('triage.subjects')}</Th>
              <Th>{t('triage.decision')}</Th>
            </>
          }
        >
          {m.agenda.map((item) => {
            const s = item.signal;
            const d = item.decision;
            return (
              <Tr key={s.id}>
                <Td>{item.position}</Td>
                <Td>
                  <Link className="ams-link schakel-nowrap" to={itemPath(paths.signals, s.id)}>
                    {s.reference}
                  </Link>
                </Td>
                <Td>{s.municipality.name}</Td>
                <Td>{formatDate(s.receivedOn)}</Td>
                <Td>{t(`intake.urgency.${s.urgency}`)}</Td>
                <Td>
                  {s.subjectUnknown || s.subjects.length === 0
                    ? t('signals.subjectUnknownShort')
                    : s.subjects.map(personName).join(', ')}
                </Td>
                <Td>
                  {d ? (
                    <>
                      {t(`intake.decision.${d.decision}`)}
                      {d.referredTo && ` (${t(`intake.referral.${d.referredTo}`)})`}
                      {d.caseId && (
                        <span className="schakel-actor-role">
                          <Link className="ams-link" to={itemPath(paths.cases, d.caseId)}>
                            {d.caseReference
                              ? t('signals.toCase', { reference: d.caseReference })
                              : t('signals.toCaseNoRef')}
                          </Link>
                        </span>
                      )}
                    </>
                  ) : (
                    <button
                      type="button"
                      className="schakel-inline-button"
                      aria-label={t('triage.decideLabel', { reference: s.reference })}
                      onClick={() => onDecide(item)}
                    >
                      {t('triage.decide')}
                    </button>
                  )}
                </Td>
              </Tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

function AddToAgenda({
  meeting: m,
  onAdded,
}: {
  meeting: TriageMeeting;
  onAdded: (next: TriageMeeting, reference: string) => void;
}) {
  const { t } = useTranslation();
  const onAgenda = new Set(m.agenda.map((i) => i.signal.id));
  const open = useLoad(() => listSignals({ status: 'received', limit: 200 }), [m.id]);
  const [signalId, setSignalId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [{ name: 'signalId', id: 'triage-add-signal', label: t('triage.addSignal') }];
  const candidates = (open.data?.items ?? []).filter((s) => !onAgenda.has(s.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, fields[0] as FieldSpec, signalId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const reference = candidates.find((s) => s.id === signalId)?.reference ?? '';
      const next = await addToTriageAgenda(m.id, signalId);
      clear();
      setSignalId('');
      onAdded(next, reference);
      await open.reload();
    } catch (error) {
      fail(pointerErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="triage-add">
      <Heading level={2} id="triage-add">
        {t('triage.addHeading')}
      </Heading>
      {open.error !== null && <LoadError error={open.error} onRetry={() => void open.reload()} />}
      {open.loading && !open.data && <Loading />}
      {open.data &&
        (candidates.length === 0 ? (
          <Paragraph>{t('triage.noOpenSignals')}</Paragraph>
        ) : (
          <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
            <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
            <SelectField
              spec={fields[0] as FieldSpec}
              required
              hint={t('triage.addSignalHint')}
              value={signalId}
              onValue={setSignalId}
              placeholder={t('common.choose')}
              options={candidates.map((s) => ({
                value: s.id,
                label: [
                  s.reference,
                  s.municipality.name,
                  formatDate(s.receivedOn),
                  s.subjectUnknown || s.subjects.length === 0
                    ? t('signals.subjectUnknownShort')
                    : s.subjects.map(personName).join(', '),
                ].join(' · '),
              }))}
              error={errors.fields.signalId}
            />
            <FormActions>
              <Button type="submit" variant="secondary" disabled={busy}>
                {t('triage.add')}
              </Button>
            </FormActions>
          </form>
        ))}
    </section>
  );
}

interface CaseDraft {
  subjectPersonId: string;
  targetGroup: TargetGroup | '';
  riskGroup: string;
  ideology: Ideology | '';
  directingMunicipalityId: string;
  caseCoordinatorId: string;
  priority: Priority;
}

/**
 * Case coordinators to choose from. Only roles that may read users get the list; process directors
 * cannot (API gap: no list of the region's case coordinators for them), and assign one later.
 */
function useCaseCoordinators() {
  const session = useSession();
  const canRead = session.can('users:read');
  return useLoad(
    () =>
      canRead
        ? listUsers({ role: 'case_coordinator', limit: 200 }).then((r) => r.items.filter((u) => !u.disabled))
        : Promise.resolve([]),
    [canRead],
  );
}

function DecisionForm({
  meeting,
  item,
  onCancel,
  onDone,
}: {
  meeting: TriageMeeting;
  item: TriageAgendaItem;
  onCancel: () => void;
  onDone: (outcome: Outcome) => Promise<void>;
}) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const signal = useLoad(() => getSignal(item.signal.id), [item.signal.id]);
  const municipalities = useMunicipalities();
  const coordinators = useCaseCoordinators();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [referredTo, setReferredTo] = useState<Referral | ''>('');
  const [rationale, setRationale] = useState('');
  const [caseDraft, setCaseDraftState] = useState<CaseDraft>({
    subjectPersonId: '',
    targetGroup: '',
    riskGroup: '',
    ideology: '',
    directingMunicipalityId: '',
    caseCoordinatorId: '',
    priority: 'normal',
  });
  const setCase = (update: Partial<CaseDraft>) => setCaseDraftState((d) => ({ ...d, ...update }));
  const [weging, setWeging] = useState<WegingDraft>(emptyWeging);
  const wegingOptions = useWegingOptions();
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const reference = item.signal.reference;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // Defaults from the signal: its ideology, its municipality, and its subject when there is only one.
  const loaded: Signal | null = signal.data;
  useEffect(() => {
    if (!loaded) return;
    setCaseDraftState((d) => ({
      ...d,
      ideology: d.ideology || loaded.ideology,
      directingMunicipalityId: d.directingMunicipalityId || loaded.municipality.id,
      subjectPersonId: d.subjectPersonId || (loaded.subjects.length === 1 ? (loaded.subjects[0]?.personId ?? '') : ''),
    }));
  }, [loaded]);

  const formId = 'decision';
  const f = (name: string, label: string): FieldSpec => ({ name, id: `${formId}-${name.replace('/', '-')}`, label });
  const fields: FieldSpec[] = [
    f('decision', t('triage.decisionChoice')),
    f('referredTo', t('triage.referredTo')),
    f('rationale', t('triage.rationale')),
    f('case/subjectPersonId', t('triage.subjectPerson')),
    f('case/targetGroup', t('triage.targetGroup')),
    f('case/riskGroup', t('triage.riskGroup')),
    f('case/ideology', t('triage.ideology')),
    f('case/directingMunicipalityId', t('triage.directingMunicipality')),
    f('case/caseCoordinatorId', t('triage.caseCoordinator')),
    f('case/priority', t('triage.priority')),
    ...(decision === 'open_case' ? wegingSpecs(t) : []),
  ];
  const spec = specFinder(fields);
  // Errors on the body as a whole, the signal or the meeting go to the decision question.
  const errorFields: FieldSpec[] = [
    ...fields,
    { ...spec('decision'), name: 'case' },
    { ...spec('decision'), name: 'signalId' },
    { ...spec('decision'), name: 'triageMeetingId' },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('decision'), decision, t, 'errors.requiredChoice');
    if (decision === 'refer') requireText(found, spec('referredTo'), referredTo, t, 'errors.requiredChoice');
    requireText(found, spec('rationale'), rationale, t);
    if (decision === 'open_case') {
      if (loaded && loaded.subjects.length === 0) found['case/subjectPersonId'] = t('triage.noSubjectForCase');
      else requireText(found, spec('case/subjectPersonId'), caseDraft.subjectPersonId, t, 'errors.requiredChoice');
      requireText(found, spec('case/targetGroup'), caseDraft.targetGroup, t, 'errors.requiredChoice');
      Object.assign(found, checkWeging(weging, wegingOptions.data?.organisations ?? [], t));
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const body: TriageDecisionInput = {
      signalId: item.signal.id,
      triageMeetingId: meeting.id,
      decision: decision as Decision,
      rationale: rationale.trim(),
      ...(decision === 'refer' ? { referredTo: referredTo as Referral } : {}),
      ...(decision === 'open_case'
        ? {
            case: {
              subjectPersonId: caseDraft.subjectPersonId,
              targetGroup: caseDraft.targetGroup as TargetGroup,
              riskGroup: caseDraft.riskGroup ? Number(caseDraft.riskGroup) : null,
              ...(caseDraft.ideology ? { ideology: caseDraft.ideology } : {}),
              ...(caseDraft.directingMunicipalityId
                ? { directingMunicipalityId: caseDraft.directingMunicipalityId }
                : {}),
              caseCoordinatorId: caseDraft.caseCoordinatorId || null,
              priority: caseDraft.priority,
            },
            inclusion: toInclusionInput(weging),
          }
        : {}),
    };
    setBusy(true);
    try {
      const result = await decideOnSignal(body);
      clear();
      await onDone({
        message: result.caseId
          ? t('triage.caseOpened', { reference, caseReference: result.caseReference ?? '' })
          : t('triage.decided', { reference }),
        caseId: result.caseId,
        caseReference: result.caseReference,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) {
        fail({ fields: {}, general: [t('triage.notYours')] });
      } else {
        fail(pointerErrors(error, errorFields, t));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section schakel-form-wide" aria-labelledby="decision-heading">
      <Heading level={2} id="decision-heading" ref={headingRef} tabIndex={-1}>
        {t('triage.decisionHeading', { reference })}
      </Heading>
      {signal.error !== null && <LoadError error={signal.error} onRetry={() => void signal.reload()} />}
      <form className="schakel-form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        <RadioGroupField
          spec={spec('decision')}
          required
          value={decision}
          onValue={(value) => setDecision(value as Decision)}
          choices={DECISIONS.map((d) => ({
            value: d,
            label: t(`intake.decision.${d}`),
            description: t(`intake.decisionHint.${d}`),
          }))}
          error={errors.fields.decision}
        />
        {decision === 'refer' && (
          <RadioGroupField
            spec={spec('referredTo')}
            required
            inline
            value={referredTo}
            onValue={(value) => setReferredTo(value as Referral)}
            choices={REFERRALS.map((r) => ({ value: r, label: t(`intake.referral.${r}`) }))}
            error={errors.fields.referredTo}
          />
        )}
        <TextAreaField
          spec={spec('rationale')}
          required
          rows={4}
          hint={t('triage.rationaleHint')}
          value={rationale}
          onValue={setRationale}
          error={errors.fields.rationale}
        />
        {decision === 'open_case' && (
          <section className="schakel-form schakel-panel" aria-labelledby="decision-case">
            <Heading level={3} id="decision-case">
              {t('triage.caseHeading')}
            </Heading>
            {!loaded && signal.error === null && <Loading />}
            {loaded && loaded.subjects.length === 0 && (
              <Paragraph id={spec('case/subjectPersonId').id} tabIndex={-1}>
                {t('triage.noSubjectForCase')}
              </Paragraph>
            )}
            {loaded && loaded.subjects.length > 0 && (
              <RadioGroupField
                spec={spec('case/subjectPersonId')}
                required
                nested
                value={caseDraft.subjectPersonId}
                onValue={(subjectPersonId) => setCase({ subjectPersonId })}
                choices={loaded.subjects.map((s) => ({
                  value: s.personId,
                  label: personName(s),
                  description: s.dateOfBirth ? t('signals.born', { date: formatDate(s.dateOfBirth) }) : undefined,
                }))}
                error={errors.fields['case/subjectPersonId']}
              />
            )}
            <div className="schakel-grid-fields">
              <SelectField
                spec={spec('case/targetGroup')}
                required
                value={caseDraft.targetGroup}
                onValue={(targetGroup) => setCase({ targetGroup: targetGroup as TargetGroup | '' })}
                placeholder={t('common.choose')}
                options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`intake.targetGroup.${g}`) }))}
                error={errors.fields['case/targetGroup']}
              />
              <SelectField
                spec={spec('case/riskGroup')}
                optional
                value={caseDraft.riskGroup}
                onValue={(riskGroup) => setCase({ riskGroup })}
                placeholder={t('triage.noRiskGroup')}
                options={RISK_GROUPS.map((n) => ({ value: String(n), label: t('intake.riskGroup', { n }) }))}
                error={errors.fields['case/riskGroup']}
              />
              <SelectField
                spec={spec('case/ideology')}
                required
                value={caseDraft.ideology}
                onValue={(ideology) => setCase({ ideology: ideology as Ideology | '' })}
                options={IDEOLOGIES.map((i) => ({ value: i, label: t(`intake.ideology.${i}`) }))}
                error={errors.fields['case/ideology']}
              />
              <SelectField
                spec={spec('case/directingMunicipalityId')}
                required
                value={caseDraft.directingMunicipalityId}
                onValue={(directingMunicipalityId) => setCase({ directingMunicipalityId })}
                options={(municipalities.data ?? []).map((mu) => ({ value: mu.id, label: mu.name }))}
                error={errors.fields['case/directingMunicipalityId']}
              />
              {(coordinators.data ?? []).length > 0 ? (
                <SelectField
                  spec={spec('case/caseCoordinatorId')}
                  optional
                  value={caseDraft.caseCoordinatorId}
                  onValue={(caseCoordinatorId) => setCase({ caseCoordinatorId })}
                  placeholder={t('triage.noCoordinator')}
                  options={(coordinators.data ?? []).map((u) => ({
                    value: u.id,
                    label: `${u.name} (${u.organisationName})`,
                  }))}
                  error={errors.fields['case/caseCoordinatorId']}
                />
              ) : (
                <div>
                  <p className="ams-label schakel-static-label">{t('triage.caseCoordinator')}</p>
                  <Paragraph size="small" id={spec('case/caseCoordinatorId').id} className="schakel-field-hint">
                    {t('triage.coordinatorUnavailable')}
                  </Paragraph>
                </div>
              )}
            </div>
            <RadioGroupField
              spec={spec('case/priority')}
              required
              inline
              nested
              value={caseDraft.priority}
              onValue={(priority) => setCase({ priority: priority as Priority })}
              choices={PRIORITIES.map((p) => ({ value: p, label: t(`intake.priority.${p}`) }))}
              error={errors.fields['case/priority']}
            />
          </section>
        )}
        {decision === 'open_case' && (
          <WegingFields draft={weging} onChange={setWeging} errors={errors.fields} options={wegingOptions} />
        )}
        <FormActions>
          <Button type="submit" disabled={busy || (decision === 'open_case' && (!loaded || !wegingOptions.data))}>
            {t('triage.submit')}
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('triage.cancel')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
