/**
 * Trainings (001, action line 3): the catalogue of RoR and Behr trainings, the sessions of each
 * training, and per session its participants and their attendance. Participants are people: only
 * roles with programme:contacts see them (the API logs every read and change).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listOrganisations } from '../../api/endpoints.js';
import {
  addParticipant,
  createSession,
  getSession,
  getTraining,
  listParticipants,
  listSessions,
  listTrainings,
  type Participant,
  removeParticipant,
  type Training,
  type TrainingSession,
  updateParticipant,
} from '../../api/expertise.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Heading, Paragraph } from '../../components/ams.js';
import { Details } from '../../components/details.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
  requireText,
  SelectField,
  TextField,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatNumber, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import { NotFoundPage } from '../not-found.js';
import { isIsoDate, Section, StatusMessage, todayIso } from './shared.js';

export const trainingPath = (id: string) => itemPath(paths.trainings, id);
export const sessionPath = (id: string) => `${paths.trainings}/sessions/${encodeURIComponent(id)}`;

export function TrainingsPage() {
  const { t } = useTranslation();
  const trainings = useLoad(() => listTrainings().then((r) => r.items), []);
  const sessions = useLoad(() => listSessions({}).then((r) => r.items), []);
  return (
    <>
      <PageHeader title={t('expertisePages.trainings.title')} intro={t('expertisePages.trainings.intro')} />
      <Flash />
      <Section id="trainings-catalogue" title={t('expertisePages.trainings.catalogue')}>
        {trainings.error !== null && <LoadError error={trainings.error} onRetry={() => void trainings.reload()} />}
        {trainings.loading && !trainings.data && <Loading />}
        {trainings.data && (
          <DataTable
            caption={t('expertisePages.trainings.catalogueCaption')}
            captionHidden
            head={
              <>
                <Th>{t('expertisePages.trainings.name')}</Th>
                <Th>{t('expertisePages.trainings.provider')}</Th>
                <Th>{t('expertisePages.trainings.kind')}</Th>
                <Th align="end">{t('expertisePages.trainings.days')}</Th>
                <Th align="end">{t('expertisePages.trainings.sessions')}</Th>
              </>
            }
          >
            {trainings.data.map((tr) => (
              <Tr key={tr.id}>
                <Td>
                  <Link className="ams-link" to={trainingPath(tr.id)}>
                    {tr.name}
                  </Link>
                </Td>
                <Td>{tr.provider}</Td>
                <Td>{t(`expertisePages.kinds.${tr.kind}`)}</Td>
                <Td align="end">{tr.durationDays === null ? t('common.none') : formatNumber(tr.durationDays)}</Td>
                <Td align="end">{formatNumber(tr.sessionCount)}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </Section>
      <Section id="trainings-sessions" title={t('expertisePages.trainings.allSessions')}>
        {sessions.error !== null && <LoadError error={sessions.error} onRetry={() => void sessions.reload()} />}
        {sessions.loading && !sessions.data && <Loading />}
        {sessions.data && <SessionsTable sessions={sessions.data} showTraining />}
      </Section>
    </>
  );
}

function SessionsTable({ sessions, showTraining }: { sessions: TrainingSession[]; showTraining: boolean }) {
  const { t } = useTranslation();
  const today = todayIso();
  if (sessions.length === 0) return <Paragraph>{t('expertisePages.trainings.noSessions')}</Paragraph>;
  return (
    <DataTable
      caption={t('expertisePages.trainings.sessionsCaption')}
      captionHidden
      head={
        <>
          <Th>{t('expertisePages.session.heldOn')}</Th>
          {showTraining && <Th>{t('expertisePages.trainings.name')}</Th>}
          <Th>{t('expertisePages.session.location')}</Th>
          <Th align="end">{t('expertisePages.session.participants')}</Th>
          <Th align="end">{t('expertisePages.session.attended')}</Th>
          <Th>{t('common.actions')}</Th>
        </>
      }
    >
      {sessions.map((s) => (
        <Tr key={s.id}>
          <Td>
            {formatDate(s.heldOn)}{' '}
            {s.heldOn >= today && <Badge label={t('expertisePages.session.planned')} color="azure" />}
          </Td>
          {showTraining && <Td>{s.trainingName}</Td>}
          <Td>{s.location ?? t('common.none')}</Td>
          <Td align="end">{formatNumber(s.participantCount)}</Td>
          <Td align="end">{formatNumber(s.attendedCount)}</Td>
          <Td>
            <Link className="ams-link" to={sessionPath(s.id)}>
              {t('expertisePages.session.open')}
              <span className="schakel-visually-hidden">
                {' '}
                {t('expertisePages.session.openName', { training: s.trainingName, date: formatDate(s.heldOn) })}
              </span>
            </Link>
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}

export function TrainingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const training = useLoad(() => getTraining(id), [id]);
  const sessions = useLoad(() => listSessions({ trainingId: id }).then((r) => r.items), [id]);
  if (training.error instanceof ApiError && training.error.status === 404) return <NotFoundPage />;
  const tr = training.data;
  return (
    <>
      <BackLink to={paths.trainings}>{t('expertisePages.trainings.title')}</BackLink>
      {training.error !== null && <LoadError error={training.error} onRetry={() => void training.reload()} />}
      {!tr && training.loading && <Loading />}
      {tr && (
        <>
          <PageHeader title={tr.name} intro={tr.provider} />
          <Flash />
          <TrainingDetails training={tr} />
          <Section id="training-sessions" title={t('expertisePages.training.sessions')}>
            {sessions.error !== null && <LoadError error={sessions.error} onRetry={() => void sessions.reload()} />}
            {sessions.data && <SessionsTable sessions={sessions.data} showTraining={false} />}
          </Section>
          {tr.active && <PlanSession training={tr} />}
        </>
      )}
    </>
  );
}

function TrainingDetails({ training }: { training: Training }) {
  const { t } = useTranslation();
  const none = t('common.none');
  return (
    <Details
      className="schakel-details exp-details"
      rows={[
        { term: t('expertisePages.trainings.kind'), value: t(`expertisePages.kinds.${training.kind}`) },
        {
          term: t('expertisePages.trainings.days'),
          value: training.durationDays === null ? none : formatNumber(training.durationDays),
        },
        { term: t('expertisePages.training.targetAudience'), value: training.targetAudience ?? none },
        { term: t('expertisePages.training.goal'), value: training.goal ?? none },
        { term: t('expertisePages.training.evaluation'), value: training.evaluation ?? none },
      ]}
    />
  );
}

function PlanSession({ training }: { training: Training }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [heldOn, setHeldOn] = useState('');
  const [location, setLocation] = useState('');
  const [trainer, setTrainer] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'heldOn', id: fieldId('session', 'heldOn'), label: t('expertisePages.session.heldOn') },
    { name: 'location', id: fieldId('session', 'location'), label: t('expertisePages.session.location') },
    { name: 'trainer', id: fieldId('session', 'trainer'), label: t('expertisePages.session.trainer') },
  ];
  const [heldOnSpec, locationSpec, trainerSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!isIsoDate(heldOn)) found.heldOn = t('expertisePages.errors.date', { label: heldOnSpec.label.toLowerCase() });
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const saved = await createSession({
          trainingId: training.id,
          heldOn,
          location: location.trim() || null,
          trainer: trainer.trim() || null,
        });
        clear();
        navigate(sessionPath(saved.id), {
          state: { notice: t('expertisePages.session.plannedNotice', { date: formatDate(saved.heldOn) }) },
        });
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  return (
    <Section id="training-plan" title={t('expertisePages.training.plan')}>
      <FormShell
        className="schakel-form schakel-narrow"
        onSubmit={submit}
        errors={errors}
        fields={fields}
        focusSignal={focusSignal}
        busy={busy}
        submitLabel={t('expertisePages.training.planSubmit')}
      >
        <TextField
          spec={heldOnSpec}
          type="date"
          required
          value={heldOn}
          onValue={setHeldOn}
          error={errors.fields.heldOn}
        />
        <TextField spec={locationSpec} optional value={location} onValue={setLocation} error={errors.fields.location} />
        <TextField spec={trainerSpec} optional value={trainer} onValue={setTrainer} error={errors.fields.trainer} />
      </FormShell>
    </Section>
  );
}

export function SessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const loaded = useLoad(() => getSession(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const s = loaded.data;
  const canSeePeople = session.can('programme:contacts');
  return (
    <>
      <BackLink to={s ? trainingPath(s.trainingId) : paths.trainings}>
        {s ? s.trainingName : t('expertisePages.trainings.title')}
      </BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!s && loaded.loading && <Loading />}
      {s && (
        <>
          <PageHeader
            title={t('expertisePages.session.title', { training: s.trainingName, date: formatDate(s.heldOn) })}
          />
          <Flash />
          <StatusMessage message={message} />
          <Details
            className="schakel-details exp-details"
            rows={[
              { term: t('expertisePages.session.heldOn'), value: formatDate(s.heldOn) },
              { term: t('expertisePages.session.location'), value: s.location ?? t('common.none') },
              { term: t('expertisePages.session.trainer'), value: s.trainer ?? t('common.none') },
              {
                term: t('expertisePages.session.participants'),
                value: t('expertisePages.session.counts', { count: s.participantCount, attended: s.attendedCount }),
              },
            ]}
          />
          {canSeePeople ? (
            <Participants
              session={s}
              onChange={(text) => {
                setMessage(text);
                void loaded.reload();
              }}
            />
          ) : (
            <Paragraph>{t('expertisePages.session.peopleHidden')}</Paragraph>
          )}
        </>
      )}
    </>
  );
}

function Participants({ session, onChange }: { session: TrainingSession; onChange: (message: string) => void }) {
  const { t } = useTranslation();
  const participants = useLoad(
    () => listParticipants(session.id).then((r) => sortBy(r.items, (p) => p.name)),
    [session.id],
  );
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  async function run(p: Participant, action: () => Promise<unknown>, message: string) {
    setBusyId(p.id);
    setRowError(null);
    try {
      await action();
      setConfirmRemove(null);
      await participants.reload();
      onChange(message);
    } catch (error) {
      setRowError(generalMessage(error, t));
      await participants.reload();
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Section
      id="session-participants"
      title={t('expertisePages.session.participantsHeading')}
      intro={t('expertisePages.session.participantsIntro')}
    >
      {participants.error !== null && (
        <LoadError error={participants.error} onRetry={() => void participants.reload()} />
      )}
      {rowError && (
        <div className="schakel-notice" role="alert">
          <Paragraph>{rowError}</Paragraph>
        </div>
      )}
      {participants.data && participants.data.length === 0 && (
        <Paragraph>{t('expertisePages.session.noParticipants')}</Paragraph>
      )}
      {participants.data && participants.data.length > 0 && (
        <DataTable
          caption={t('expertisePages.session.participantsCaption')}
          captionHidden
          head={
            <>
              <Th>{t('expertisePages.participant.name')}</Th>
              <Th>{t('expertisePages.participant.organisation')}</Th>
              <Th>{t('expertisePages.participant.email')}</Th>
              <Th>{t('expertisePages.participant.attendance')}</Th>
              <Th>{t('common.actions')}</Th>
            </>
          }
        >
          {participants.data.map((p) => (
            <Tr key={p.id}>
              <Td>{p.name}</Td>
              <Td>{p.organisationName}</Td>
              <Td>{p.email ?? t('common.none')}</Td>
              <Td>
                {p.attended ? (
                  <Badge label={t('expertisePages.participant.present')} color="lime" />
                ) : (
                  <span>{t('expertisePages.participant.absent')}</span>
                )}
              </Td>
              <Td>
                <div className="exp-row-actions">
                  <Button
                    variant="secondary"
                    disabled={busyId === p.id}
                    onClick={() =>
                      void run(
                        p,
                        () => updateParticipant(session.id, p.id, { attended: !p.attended, version: p.version }),
                        t(
                          p.attended
                            ? 'expertisePages.participant.markedAbsent'
                            : 'expertisePages.participant.markedPresent',
                          {
                            name: p.name,
                          },
                        ),
                      )
                    }
                  >
                    {p.attended
                      ? t('expertisePages.participant.markAbsent')
                      : t('expertisePages.participant.markPresent')}
                    <span className="schakel-visually-hidden"> {p.name}</span>
                  </Button>
                  {confirmRemove === p.id ? (
                    <div className="schakel-confirm" role="alert">
                      <Paragraph>{t('expertisePages.participant.confirmRemove', { name: p.name })}</Paragraph>
                      <FormActions>
                        <Button
                          disabled={busyId === p.id}
                          onClick={() =>
                            void run(
                              p,
                              () => removeParticipant(session.id, p.id),
                              t('expertisePages.participant.removed', { name: p.name }),
                            )
                          }
                        >
                          {t('expertisePages.participant.confirmRemoveButton')}
                        </Button>
                        <Button variant="tertiary" onClick={() => setConfirmRemove(null)}>
                          {t('common.cancel')}
                        </Button>
                      </FormActions>
                    </div>
                  ) : (
                    <Button variant="tertiary" onClick={() => setConfirmRemove(p.id)}>
                      {t('expertisePages.participant.remove')}
                      <span className="schakel-visually-hidden"> {p.name}</span>
                    </Button>
                  )}
                </div>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      <AddParticipant
        sessionId={session.id}
        onAdded={async (p) => {
          await participants.reload();
          onChange(t('expertisePages.participant.added', { name: p.name }));
        }}
      />
    </Section>
  );
}

function AddParticipant({ sessionId, onAdded }: { sessionId: string; onAdded: (p: Participant) => Promise<void> }) {
  const { t } = useTranslation();
  const organisations = useLoad(() => listOrganisations().then((r) => sortBy(r.items, (o) => o.name)), []);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [email, setEmail] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('participant', 'name'), label: t('expertisePages.participant.name') },
    {
      name: 'organisationId',
      id: fieldId('participant', 'organisationId'),
      label: t('expertisePages.participant.organisation'),
    },
    { name: 'email', id: fieldId('participant', 'email'), label: t('expertisePages.participant.email') },
  ];
  const [nameSpec, orgSpec, emailSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, nameSpec, name, t);
    requireText(found, orgSpec, organisationId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const saved = await addParticipant(sessionId, {
          name: name.trim(),
          organisationId,
          email: email.trim() || null,
        });
        clear();
        setName('');
        setEmail('');
        await onAdded(saved);
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  return (
    <form
      className="schakel-form schakel-narrow exp-subform"
      noValidate
      onSubmit={submit}
      aria-labelledby="add-participant"
    >
      <Heading level={3} id="add-participant">
        {t('expertisePages.participant.addHeading')}
      </Heading>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <TextField
        spec={nameSpec}
        required
        value={name}
        onValue={setName}
        error={errors.fields.name}
        autoComplete="off"
      />
      <SelectField
        spec={orgSpec}
        required
        value={organisationId}
        onValue={setOrganisationId}
        placeholder={t('common.choose')}
        options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        error={errors.fields.organisationId}
      />
      <TextField
        spec={emailSpec}
        type="email"
        optional
        value={email}
        onValue={setEmail}
        error={errors.fields.email}
        autoComplete="off"
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('expertisePages.participant.add')}
        </Button>
      </FormActions>
    </form>
  );
}
