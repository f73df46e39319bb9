/**
 * One contact circle: the five steps of 001 as a checklist completed in order (the API decides what
 * the phase allows and reports it in `allowed`), the work of each step inside it — inviting key
 * figures from the standing list, the meeting, the hard and soft signals and needs, the actions —
 * then the report and the process evaluation that close the circle.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  addCircleAction,
  addObservation,
  allKeyFigures,
  CIRCLE_ACTION_STATUSES,
  type CircleActionStatus,
  type ContactCircle,
  type ContactCircleAction,
  type ContactCircleStep,
  completeContactCircleStep,
  getContactCircle,
  inviteKeyFigure,
  OBSERVATION_KINDS,
  type ObservationKind,
  setContactCircleMeeting,
  updateCircleAction,
  updateContactCircle,
  withdrawInvitation,
  writeCircleEvaluation,
  writeCircleReport,
} from '../../api/networks.js';
import { Button, Checkbox, FieldSet, Heading, Paragraph } from '../../components/ams.js';
import { Details } from '../../components/details.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { FormShell, formFields, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { newPath, paths } from '../../paths.js';
import { NotFoundPage } from '../not-found.js';
import { CircleStatusBadge, progressText, stepTitle } from './circle-labels.js';
import { networkProblemToErrors, Prose, Section, StatusMessage, toLocalInput, useFocusAfterRender } from './shared.js';

interface CircleProps {
  circle: ContactCircle;
  /**
   * Runs a change, shows the circle as it is now and announces `message`; then focus goes to the
   * element with id `focus` (when the change removes the control that had it). Rethrows the error.
   */
  run: (action: () => Promise<unknown>, message: string, focus?: string) => Promise<void>;
}

const stepHeadingId = (step: number) => `circle-step-${step}`;

export function ContactCirclePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad(() => getContactCircle(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const circle = loaded.data;
  const focusAfterRender = useFocusAfterRender();

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;

  const run = async (action: () => Promise<unknown>, done: string, focus?: string) => {
    let result: unknown;
    try {
      result = await action();
    } catch (error) {
      // Part of the change may stand, or someone else changed the circle: show what is stored now.
      await loaded.reload();
      throw error;
    }
    if (focus) focusAfterRender(focus);
    // Most changes answer with the whole circle; otherwise fetch it again.
    if (result && typeof result === 'object' && 'steps' in result) loaded.setData(result as ContactCircle);
    else await loaded.reload();
    setMessage(done);
  };

  return (
    <>
      <BackLink to={paths.contactCircles}>{t('networksPages.circles.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!circle && loaded.loading && <Loading />}
      {circle && (
        <>
          <PageHeader
            title={circle.incidentTitle}
            intro={t('networksPages.circle.intro', { date: formatDate(circle.incidentOn) })}
          />
          <Flash />
          <StatusMessage message={message} />
          <KeyFacts circle={circle} />
          <IncidentSection circle={circle} run={run} />
          <StepsSection circle={circle} run={run} />
          <ReportSection circle={circle} run={run} />
          <EvaluationSection circle={circle} run={run} />
        </>
      )}
    </>
  );
}

function KeyFacts({ circle }: { circle: ContactCircle }) {
  const { t } = useTranslation();
  return (
    <dl className="nw-key-facts">
      <div>
        <dt>{t('networksPages.circles.status')}</dt>
        <dd>
          <CircleStatusBadge status={circle.status} />
        </dd>
      </div>
      <div>
        <dt>{t('networksPages.circles.progress')}</dt>
        <dd>{progressText(circle, t)}</dd>
      </div>
      <div>
        <dt>{t('networksPages.circles.incidentOn')}</dt>
        <dd>{formatDate(circle.incidentOn)}</dd>
      </div>
      <div>
        <dt>{t('networksPages.circles.invitees')}</dt>
        <dd>{circle.invitees.length}</dd>
      </div>
      <div>
        <dt>{t('networksPages.circle.meeting')}</dt>
        <dd>
          {circle.meeting.heldAt
            ? `${formatDateTime(circle.meeting.heldAt)}, ${circle.meeting.location ?? ''}`
            : t('networksPages.circle.meetingNotSet')}
        </dd>
      </div>
    </dl>
  );
}

// --- The incident -----------------------------------------------------------------------------------

function IncidentSection({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const [editing, setEditing] = useState(false);
  const [incidentTitle, setIncidentTitle] = useState(circle.incidentTitle);
  const [incidentOn, setIncidentOn] = useState(circle.incidentOn);
  const [description, setDescription] = useState(circle.description ?? '');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('incident', {
    incidentTitle: t('networksPages.circles.incident'),
    incidentOn: t('networksPages.circles.incidentOn'),
    description: t('networksPages.circles.description'),
  });

  function open() {
    setIncidentTitle(circle.incidentTitle);
    setIncidentOn(circle.incidentOn);
    setDescription(circle.description ?? '');
    clear();
    setEditing(true);
    focusAfterRender(spec('incidentTitle').id);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('incidentTitle'), incidentTitle, t);
    requireText(found, spec('incidentOn'), incidentOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () =>
            updateContactCircle(circle.id, {
              incidentTitle: incidentTitle.trim(),
              incidentOn,
              description: description.trim() || null,
              version: circle.version,
            }),
          t('common.saved'),
          'circle-incident',
        );
        clear();
        setEditing(false);
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <Section id="circle-incident" title={t('networksPages.circle.incidentHeading')}>
      {!editing && (
        <>
          {circle.description ? (
            <Prose text={circle.description} />
          ) : (
            <Paragraph>{t('networksPages.circle.noDescription')}</Paragraph>
          )}
          {circle.allowed.editDetails && (
            <div>
              <Button variant="secondary" onClick={open}>
                {t('networksPages.circle.editIncident')}
              </Button>
            </div>
          )}
        </>
      )}
      {editing && (
        <FormShell
          label={t('networksPages.circle.editIncident')}
          className="schakel-form nw-inline-form"
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('common.save')}
          onCancel={() => setEditing(false)}
        >
          <TextField
            spec={spec('incidentTitle')}
            required
            value={incidentTitle}
            onValue={setIncidentTitle}
            error={errors.fields.incidentTitle}
            autoComplete="off"
          />
          <TextField
            spec={spec('incidentOn')}
            required
            type="date"
            value={incidentOn}
            onValue={setIncidentOn}
            error={errors.fields.incidentOn}
          />
          <TextAreaField
            spec={spec('description')}
            optional
            value={description}
            onValue={setDescription}
            error={errors.fields.description}
          />
        </FormShell>
      )}
    </Section>
  );
}

// --- The five steps ---------------------------------------------------------------------------------

function StepsSection({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  return (
    <Section
      id="circle-steps"
      title={t('networksPages.circle.stepsHeading')}
      intro={t('networksPages.circle.stepsIntro')}
    >
      <ol className="nw-steps">
        {circle.steps.map((step) => (
          <StepItem key={step.step} step={step} circle={circle} run={run} />
        ))}
      </ol>
    </Section>
  );
}

function StepItem({ step, circle, run }: CircleProps & { step: ContactCircleStep }) {
  const { t } = useTranslation();
  const current = circle.currentStep === step.step;
  const state = step.completed ? 'done' : current ? 'current' : 'todo';
  const headingId = stepHeadingId(step.step);
  return (
    <li className={`nw-step nw-step--${state}`} aria-current={current ? 'step' : undefined}>
      <span className="nw-step__marker" aria-hidden="true">
        {step.completed ? '✓' : step.step}
      </span>
      <div className="nw-step__body">
        <Heading level={3} id={headingId} tabIndex={-1} className="nw-step__heading">
          <span className="schakel-visually-hidden">{t(`networksPages.circle.stepState.${state}`)}: </span>
          {t('networksPages.circle.stepTitle', { step: step.step, title: stepTitle(step) })}
        </Heading>
        <p className="nw-step__state">
          {step.completed
            ? step.completedByName
              ? t('networksPages.circle.completedBy', {
                  date: formatDateTime(step.completedAt),
                  name: step.completedByName,
                })
              : t('networksPages.circle.completedOn', { date: formatDateTime(step.completedAt) })
            : current
              ? t('networksPages.circle.currentStep')
              : t('networksPages.circle.todoStep')}
        </p>
        {step.completed && step.notes && (
          <div className="nw-step__notes">
            <p className="nw-label">{t('networksPages.circle.notes')}</p>
            <Prose text={step.notes} />
          </div>
        )}
        {current && <Paragraph size="small">{t(`networksPages.circle.stepHints.${step.step}`)}</Paragraph>}
        <StepWork step={step.step} circle={circle} run={run} />
        {current && <CompleteStepForm step={step} circle={circle} run={run} />}
      </div>
    </li>
  );
}

function StepWork({ step, circle, run }: CircleProps & { step: number }) {
  const reached = circle.completedSteps >= step - 1;
  switch (step) {
    case 2:
      return reached ? <Invitees circle={circle} run={run} /> : null;
    case 3:
      return reached || circle.allowed.arrangeMeeting ? <Meeting circle={circle} run={run} /> : null;
    case 4:
      return reached ? <Observations circle={circle} run={run} /> : null;
    case 5:
      return reached ? <Actions circle={circle} run={run} /> : null;
    default:
      return null;
  }
}

function CompleteStepForm({ step, circle, run }: CircleProps & { step: ContactCircleStep }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState('');
  const { errors, clear, focusSignal, busy, save } = useSaveForm();
  const prefix = `complete-${step.step}`;
  const fields: FieldSpec[] = [
    { name: 'notes', id: fieldId(prefix, 'notes'), label: t('networksPages.circle.notesLabel', { step: step.step }) },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save(
      async () => {
        await run(
          () =>
            completeContactCircleStep(circle.id, step.step, { notes: notes.trim() || null, version: circle.version }),
          t('networksPages.circle.stepCompleted', { step: step.step }),
          step.step < 5 ? stepHeadingId(step.step + 1) : 'circle-report',
        );
        clear();
        setNotes('');
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <FormShell
      label={t('networksPages.circle.completeLabel', { step: step.step })}
      className="schakel-form nw-inline-form nw-complete"
      onSubmit={submit}
      errors={errors}
      fields={fields}
      focusSignal={focusSignal}
      busy={busy}
      submitLabel={t('networksPages.circle.complete', { step: step.step })}
    >
      <TextAreaField
        spec={fields[0] as FieldSpec}
        optional
        rows={3}
        hint={t(`networksPages.circle.notesHints.${step.step}`)}
        value={notes}
        onValue={setNotes}
        error={errors.fields.notes}
      />
    </FormShell>
  );
}

// --- Step 2: the invitees ---------------------------------------------------------------------------

function Invitees({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const { errors, clear, focusSignal, busy, save } = useSaveForm();

  async function withdraw(inviteeId: string, name: string) {
    await save(
      async () => {
        await run(
          () => withdrawInvitation(circle.id, inviteeId),
          t('networksPages.circle.withdrawn', { name }),
          'circle-invitees',
        );
        clear();
      },
      (error) => networkProblemToErrors(error, [], t),
    );
  }

  return (
    <div className="nw-work">
      <Heading level={4} id="circle-invitees" tabIndex={-1}>
        {t('networksPages.circle.inviteesHeading')}
      </Heading>
      <ErrorSummary errors={errors} fields={[]} focusSignal={focusSignal} />
      {circle.invitees.length === 0 ? (
        <Paragraph>{t('networksPages.circle.noInvitees')}</Paragraph>
      ) : (
        <DataTable
          caption={t('networksPages.circle.inviteesCaption', { count: circle.invitees.length })}
          captionHidden
          head={
            <>
              <Th>{t('networksPages.keyFigures.name')}</Th>
              <Th>{t('networksPages.keyFigures.organisation')}</Th>
              <Th>{t('networksPages.keyFigures.role')}</Th>
              <Th>{t('networksPages.keyFigures.contact')}</Th>
              {circle.allowed.invite && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {circle.invitees.map((i) => (
            <Tr key={i.id}>
              <Td>{i.name}</Td>
              <Td>{i.organisation}</Td>
              <Td>{i.role}</Td>
              <Td>
                {i.phone && <span className="nw-cell-line">{i.phone}</span>}
                {i.email && <span className="nw-cell-line">{i.email}</span>}
                {!i.phone && !i.email && t('common.none')}
              </Td>
              {circle.allowed.invite && (
                <Td>
                  <Button variant="secondary" disabled={busy} onClick={() => void withdraw(i.id, i.name)}>
                    {t('networksPages.circle.withdraw')}
                    <span className="schakel-visually-hidden"> {i.name}</span>
                  </Button>
                </Td>
              )}
            </Tr>
          ))}
        </DataTable>
      )}
      {circle.allowed.invite && <InviteForm circle={circle} run={run} />}
    </div>
  );
}

function InviteForm({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const standing = useLoad(() => allKeyFigures({ active: 'true', withConsent: 'true' }), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const invited = new Set(circle.invitees.map((i) => i.keyFigureId));
  const available = (standing.data ?? []).filter((k) => !invited.has(k.id));
  const fields: FieldSpec[] = [
    { name: 'keyFigureId', id: 'invite-first', label: t('networksPages.circle.chooseLegend') },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen.length === 0)
      return fail({ fields: { keyFigureId: t('networksPages.circle.chooseSomeone') }, general: [] });
    setBusy(true);
    const names = available.filter((k) => chosen.includes(k.id)).map((k) => k.name);
    try {
      await run(
        async () => {
          // One invitation per key figure; stop at the first refusal (the ones before it stand).
          for (const keyFigureId of chosen) await inviteKeyFigure(circle.id, keyFigureId);
        },
        t('networksPages.circle.invited', { count: names.length, names: names.join(', ') }),
      );
      clear();
      setChosen([]);
    } catch (error) {
      fail(networkProblemToErrors(error, fields, t));
      setChosen([]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="schakel-form nw-inline-form"
      noValidate
      onSubmit={submit}
      aria-label={t('networksPages.circle.inviteLabel')}
    >
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {standing.error !== null && <LoadError error={standing.error} onRetry={() => void standing.reload()} />}
      {standing.loading && !standing.data && <Loading />}
      {standing.data &&
        (available.length === 0 ? (
          <Paragraph>{t('networksPages.circle.nobodyLeft')}</Paragraph>
        ) : (
          <FieldSet
            legend={t('networksPages.circle.chooseLegend')}
            invalid={Boolean(errors.fields.keyFigureId)}
            aria-describedby="invite-hint"
          >
            <Paragraph size="small" id="invite-hint" className="schakel-field-hint">
              {t('networksPages.circle.chooseHint')}
            </Paragraph>
            {errors.fields.keyFigureId && <p className="nw-error">{errors.fields.keyFigureId}</p>}
            <div className="nw-choices">
              {available.map((k, index) => (
                <Checkbox
                  key={k.id}
                  id={index === 0 ? 'invite-first' : `invite-${k.id}`}
                  name="keyFigureId"
                  value={k.id}
                  checked={chosen.includes(k.id)}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, k.id] : c.filter((x) => x !== k.id)))}
                >
                  <span>
                    {k.name}
                    <span className="nw-choice-note">
                      {k.organisation} — {k.role}
                      {k.municipalityName ? ` (${k.municipalityName})` : ''}
                    </span>
                  </span>
                </Checkbox>
              ))}
            </div>
          </FieldSet>
        ))}
      <Paragraph size="small">
        {t('networksPages.circle.notOnList')}{' '}
        <Link className="ams-link" to={newPath(paths.keyFigures)}>
          {t('networksPages.keyFigures.new')}
        </Link>
      </Paragraph>
      {available.length > 0 && (
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('networksPages.circle.invite')}
          </Button>
        </FormActions>
      )}
    </form>
  );
}

// --- Step 3: the meeting ----------------------------------------------------------------------------

function Meeting({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const [heldAt, setHeldAt] = useState(toLocalInput(circle.meeting.heldAt));
  const [location, setLocation] = useState(circle.meeting.location ?? '');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  useEffect(() => {
    setHeldAt(toLocalInput(circle.meeting.heldAt));
    setLocation(circle.meeting.location ?? '');
  }, [circle.meeting.heldAt, circle.meeting.location]);
  const { fields, spec } = formFields('meeting', {
    heldAt: t('networksPages.circle.heldAt'),
    location: t('networksPages.circle.location'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('heldAt'), heldAt, t);
    requireText(found, spec('location'), location, t);
    if (heldAt && Number.isNaN(new Date(heldAt).getTime())) found.heldAt = t('networksPages.circle.heldAtFormat');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () =>
            setContactCircleMeeting(circle.id, {
              heldAt: new Date(heldAt).toISOString(),
              location: location.trim(),
              version: circle.version,
            }),
          t('networksPages.circle.meetingSaved'),
        );
        clear();
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <div className="nw-work">
      <Heading level={4}>{t('networksPages.circle.meetingHeading')}</Heading>
      {circle.meeting.heldAt ? (
        <Details
          className="schakel-details"
          rows={[
            { term: t('networksPages.circle.heldAt'), value: formatDateTime(circle.meeting.heldAt) },
            { term: t('networksPages.circle.location'), value: circle.meeting.location },
          ]}
        />
      ) : (
        <Paragraph>{t('networksPages.circle.meetingNotSet')}</Paragraph>
      )}
      {circle.allowed.arrangeMeeting && (
        <FormShell
          label={t('networksPages.circle.meetingHeading')}
          className="schakel-form nw-inline-form"
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('networksPages.circle.saveMeeting')}
          submitVariant="secondary"
        >
          <TextField
            spec={spec('heldAt')}
            required
            type="datetime-local"
            value={heldAt}
            onValue={setHeldAt}
            error={errors.fields.heldAt}
          />
          <TextField
            spec={spec('location')}
            required
            value={location}
            onValue={setLocation}
            error={errors.fields.location}
            autoComplete="off"
          />
        </FormShell>
      )}
    </div>
  );
}

// --- Step 4: hard and soft signals and needs --------------------------------------------------------

function Observations({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ObservationKind | ''>('');
  const [description, setDescription] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('observation', {
    kind: t('networksPages.circle.kind'),
    description: t('networksPages.circle.observation'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!kind) found.kind = t('errors.requiredChoice', { label: spec('kind').label.toLowerCase() });
    requireText(found, spec('description'), description, t);
    if (Object.keys(found).length || !kind) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () => addObservation(circle.id, { kind, description: description.trim() }),
          t('networksPages.circle.observationAdded', { kind: t(`networksPages.circle.kinds.${kind}`) }),
        );
        clear();
        setKind('');
        setDescription('');
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <div className="nw-work">
      <Heading level={4}>{t('networksPages.circle.observationsHeading')}</Heading>
      {circle.signalsAndNeeds.length === 0 ? (
        <Paragraph>{t('networksPages.circle.noObservations')}</Paragraph>
      ) : (
        <DataTable
          caption={t('networksPages.circle.observationsHeading')}
          captionHidden
          head={
            <>
              <Th>{t('networksPages.circle.kind')}</Th>
              <Th>{t('networksPages.circle.observation')}</Th>
              <Th>{t('networksPages.circle.recordedAt')}</Th>
            </>
          }
        >
          {circle.signalsAndNeeds.map((o) => (
            <Tr key={o.id}>
              <Td>{t(`networksPages.circle.kinds.${o.kind}`)}</Td>
              <Td>{o.description}</Td>
              <Td>{formatDateTime(o.createdAt)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {circle.allowed.recordSignalOrNeed && (
        <FormShell
          label={t('networksPages.circle.addObservation')}
          className="schakel-form nw-inline-form"
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('networksPages.circle.addObservation')}
          submitVariant="secondary"
        >
          <RadioGroupField
            spec={spec('kind')}
            value={kind}
            onValue={(v) => setKind(v as ObservationKind)}
            error={errors.fields.kind}
            options={OBSERVATION_KINDS.map((k) => ({
              value: k,
              label: t(`networksPages.circle.kinds.${k}`),
              hint: t(`networksPages.circle.kindHints.${k}`),
            }))}
          />
          <TextAreaField
            spec={spec('description')}
            required
            rows={3}
            hint={t('networksPages.circle.observationHint')}
            value={description}
            onValue={setDescription}
            error={errors.fields.description}
          />
        </FormShell>
      )}
    </div>
  );
}

// --- Step 5: actions --------------------------------------------------------------------------------

function Actions({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('circle-action', {
    title: t('networksPages.circle.actionTitle'),
    owner: t('networksPages.circle.actionOwner'),
    dueOn: t('networksPages.circle.actionDue'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('title'), title, t);
    requireText(found, spec('owner'), owner, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () => addCircleAction(circle.id, { title: title.trim(), owner: owner.trim(), dueOn: dueOn || null }),
          t('networksPages.circle.actionAdded', { title: title.trim() }),
        );
        clear();
        setTitle('');
        setOwner('');
        setDueOn('');
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <div className="nw-work">
      <Heading level={4} id="circle-actions" tabIndex={-1}>
        {t('networksPages.circle.actionsHeading')}
      </Heading>
      {circle.actions.length === 0 ? (
        <Paragraph>{t('networksPages.circle.noActions')}</Paragraph>
      ) : (
        <DataTable
          caption={t('networksPages.circle.actionsHeading')}
          captionHidden
          head={
            <>
              <Th>{t('networksPages.circle.actionTitle')}</Th>
              <Th>{t('networksPages.circle.actionOwner')}</Th>
              <Th>{t('networksPages.circle.actionDue')}</Th>
              <Th>{t('networksPages.circle.actionStatus')}</Th>
            </>
          }
        >
          {circle.actions.map((a) => (
            <Tr key={a.id}>
              <Td>{a.title}</Td>
              <Td>{a.owner}</Td>
              <Td>{a.dueOn ? formatDate(a.dueOn) : t('common.none')}</Td>
              <Td>
                {circle.allowed.updateAction ? (
                  <ActionStatusForm circle={circle} action={a} run={run} />
                ) : (
                  t(`networksPages.circle.actionStatuses.${a.status}`)
                )}
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {circle.allowed.addAction && (
        <FormShell
          label={t('networksPages.circle.addAction')}
          className="schakel-form nw-inline-form"
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={t('networksPages.circle.addAction')}
          submitVariant="secondary"
        >
          <TextField
            spec={spec('title')}
            required
            value={title}
            onValue={setTitle}
            error={errors.fields.title}
            autoComplete="off"
          />
          <TextField
            spec={spec('owner')}
            required
            hint={t('networksPages.circle.actionOwnerHint')}
            value={owner}
            onValue={setOwner}
            error={errors.fields.owner}
            autoComplete="off"
          />
          <TextField
            spec={spec('dueOn')}
            optional
            type="date"
            value={dueOn}
            onValue={setDueOn}
            error={errors.fields.dueOn}
          />
        </FormShell>
      )}
    </div>
  );
}

function ActionStatusForm({ circle, action, run }: CircleProps & { action: ContactCircleAction }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CircleActionStatus>(action.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `action-status-${action.id}`;
  useEffect(() => setStatus(action.status), [action.status]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await run(
        () => updateCircleAction(circle.id, action.id, { status, version: action.version }),
        t('networksPages.circle.actionUpdated', {
          title: action.title,
          status: t(`networksPages.circle.actionStatuses.${status}`),
        }),
      );
      setError(null);
    } catch (e) {
      setError(networkProblemToErrors(e, [], t).general.join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="nw-row-form" noValidate onSubmit={submit}>
      <label className="schakel-visually-hidden" htmlFor={id}>
        {t('networksPages.circle.actionStatusOf', { title: action.title })}
      </label>
      <select
        id={id}
        className="ams-select"
        value={status}
        onChange={(e) => setStatus(e.target.value as CircleActionStatus)}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {CIRCLE_ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`networksPages.circle.actionStatuses.${s}`)}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={busy}>
        {t('common.save')}
        <span className="schakel-visually-hidden"> {action.title}</span>
      </Button>
      {error && (
        <p className="nw-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

// --- Report and process evaluation ------------------------------------------------------------------

function ReportSection({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const [text, setText] = useState(circle.report?.text ?? '');
  const [editing, setEditing] = useState(false);
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'text', id: fieldId('report', 'text'), label: t('networksPages.circle.report') },
  ];
  const showForm = circle.allowed.writeReport && (circle.report === null || editing);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, fields[0] as FieldSpec, text, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () => writeCircleReport(circle.id, { text: text.trim(), version: circle.version }),
          t('networksPages.circle.reportSaved'),
          'circle-evaluation',
        );
        clear();
        setEditing(false);
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  return (
    <Section id="circle-report" title={t('networksPages.circle.reportHeading')}>
      {circle.report && !showForm && (
        <>
          <Prose text={circle.report.text} />
          <p className="nw-byline">
            {t('networksPages.circle.writtenBy', {
              date: formatDateTime(circle.report.writtenAt),
              name: circle.report.writtenByName ?? t('common.none'),
            })}
          </p>
          {circle.allowed.writeReport && (
            <div>
              <Button
                variant="secondary"
                onClick={() => {
                  setText(circle.report?.text ?? '');
                  setEditing(true);
                  focusAfterRender(fields[0]?.id ?? '');
                }}
              >
                {t('networksPages.circle.reviseReport')}
              </Button>
            </div>
          )}
        </>
      )}
      {!circle.report && !circle.allowed.writeReport && <Paragraph>{t('networksPages.circle.reportLater')}</Paragraph>}
      {showForm && (
        <form
          className="schakel-form nw-inline-form"
          noValidate
          onSubmit={submit}
          aria-label={t('networksPages.circle.reportHeading')}
        >
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <TextAreaField
            spec={fields[0] as FieldSpec}
            required
            rows={8}
            hint={t('networksPages.circle.reportHint')}
            value={text}
            onValue={setText}
            error={errors.fields.text}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('networksPages.circle.saveReport')}
            </Button>
            {editing && (
              <Button variant="tertiary" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
            )}
          </FormActions>
        </form>
      )}
    </Section>
  );
}

function EvaluationSection({ circle, run }: CircleProps) {
  const { t } = useTranslation();
  const [findings, setFindings] = useState('');
  const [whatWentWell, setWhatWentWell] = useState('');
  const [improvements, setImprovements] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('evaluation', {
    findings: t('networksPages.circle.findings'),
    whatWentWell: t('networksPages.circle.wentWell'),
    improvements: t('networksPages.circle.improvements'),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('findings'), findings, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await run(
          () =>
            writeCircleEvaluation(circle.id, {
              findings: findings.trim(),
              whatWentWell: whatWentWell.trim() || null,
              improvements: improvements.trim() || null,
              version: circle.version,
            }),
          t('networksPages.circle.evaluationSaved'),
          'circle-evaluation',
        );
        clear();
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }

  const e = circle.evaluation;
  return (
    <Section id="circle-evaluation" title={t('networksPages.circle.evaluationHeading')}>
      {e && (
        <>
          <Details
            className="schakel-details"
            rows={[
              {
                term: t('networksPages.circle.findings'),
                value: <Prose text={e.findings} />,
              },
              {
                term: t('networksPages.circle.wentWell'),
                value: e.whatWentWell ? <Prose text={e.whatWentWell} /> : t('common.none'),
              },
              {
                term: t('networksPages.circle.improvements'),
                value: e.improvements ? <Prose text={e.improvements} /> : t('common.none'),
              },
            ]}
          />
          <p className="nw-byline">
            {t('networksPages.circle.evaluatedBy', {
              date: formatDateTime(e.evaluatedAt),
              name: e.evaluatedByName ?? t('common.none'),
            })}
          </p>
          <Paragraph>{t('networksPages.circle.closedText')}</Paragraph>
        </>
      )}
      {!e && !circle.allowed.writeEvaluation && <Paragraph>{t('networksPages.circle.evaluationLater')}</Paragraph>}
      {!e && circle.allowed.writeEvaluation && (
        <form
          className="schakel-form nw-inline-form"
          noValidate
          onSubmit={submit}
          aria-label={t('networksPages.circle.evaluationHeading')}
        >
          <Paragraph>{t('networksPages.circle.evaluationIntro')}</Paragraph>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <TextAreaField
            spec={spec('findings')}
            required
            rows={4}
            hint={t('networksPages.circle.findingsHint')}
            value={findings}
            onValue={setFindings}
            error={errors.fields.findings}
          />
          <TextAreaField
            spec={spec('whatWentWell')}
            optional
            rows={3}
            value={whatWentWell}
            onValue={setWhatWentWell}
            error={errors.fields.whatWentWell}
          />
          <TextAreaField
            spec={spec('improvements')}
            optional
            rows={3}
            value={improvements}
            onValue={setImprovements}
            error={errors.fields.improvements}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('networksPages.circle.saveEvaluation')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}
