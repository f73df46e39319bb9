/**
 * The expertise pool (001, action line 4): its meetings as a generated schedule (every three weeks,
 * every third one thematic — src/core/pool-schedule.ts), planned further by the programme's staff; its
 * members; and matching a member to a case, which only the process director of the case's directing
 * municipality may do (the expert becomes a case member with the purpose logged).
 */
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type CaseListItem, listCases, OPEN_PHASES } from '../../api/cases.js';
import {
  listPoolMatches,
  listPoolMeetings,
  listPoolMembers,
  matchPoolMember,
  type PoolMeeting,
  type PoolMember,
  schedulePoolMeetings,
  updatePoolMeeting,
} from '../../api/expertise.js';
import { useSession } from '../../auth/session.js';
import { Badge, Paragraph } from '../../components/ams.js';
import {
  type FieldErrors,
  type FieldSpec,
  fieldId,
  problemToErrors,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { DataTable, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime, sortBy } from '../../lib/format.js';
import { type Loaded, useLoad } from '../../lib/use-load.js';
import { casePath } from '../cases/paths.js';
import { addDaysIso, isIsoDate, Section, StatusMessage, todayIso } from './shared.js';

/** The pool's rhythm, as the API applies it (src/core/pool-schedule.ts): shown before planning. */
export const POOL_INTERVAL_DAYS = 21;
export const THEMATIC_EVERY = 3;

export function previewSchedule(firstOn: string, count: number, firstSequence: number) {
  return Array.from({ length: count }, (_, i) => {
    const sequence = firstSequence + i;
    return { sequence, heldOn: addDaysIso(firstOn, i * POOL_INTERVAL_DAYS), thematic: sequence % THEMATIC_EVERY === 0 };
  });
}

const COUNTS = [1, 2, 3, 4, 5, 6, 9, 12, 15, 18];

export function PoolPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const meetings = useLoad(() => listPoolMeetings().then((r) => r.items), []);
  const canPlan = session.can('programme:work');
  const canMatch = session.me?.user.role === 'process_director';
  // Loaded once for both sections (each read of the members is logged).
  const members = useLoad(async () => (canMatch ? (await listPoolMembers()).items : null), [canMatch]);
  const notify = (text: string) => {
    setMessage(text);
    void meetings.reload();
  };
  return (
    <>
      <PageHeader title={t('expertisePages.pool.title')} intro={t('expertisePages.pool.intro')} />
      <StatusMessage message={message} />
      <Section
        id="pool-schedule"
        title={t('expertisePages.pool.schedule')}
        intro={t('expertisePages.pool.scheduleIntro')}
      >
        {meetings.error !== null && <LoadError error={meetings.error} onRetry={() => void meetings.reload()} />}
        {meetings.loading && !meetings.data && <Loading />}
        {meetings.data && <ScheduleTable meetings={meetings.data} />}
      </Section>
      {canPlan && meetings.data && (
        <>
          <PlanMeetings meetings={meetings.data} notify={notify} />
          <ThemeForm meetings={meetings.data} notify={notify} />
        </>
      )}
      {canMatch && <Members members={members} />}
      {canMatch && <MatchForm members={members.data ?? []} notify={setMessage} />}
    </>
  );
}

function ThematicMark({ thematic }: { thematic: boolean }) {
  const { t } = useTranslation();
  return thematic ? (
    <Badge label={t('expertisePages.pool.thematic')} color="purple" />
  ) : (
    <span>{t('expertisePages.pool.regular')}</span>
  );
}

function ScheduleTable({ meetings }: { meetings: PoolMeeting[] }) {
  const { t } = useTranslation();
  const today = todayIso();
  if (meetings.length === 0) return <Paragraph>{t('expertisePages.pool.noMeetings')}</Paragraph>;
  return (
    <DataTable
      caption={t('expertisePages.pool.scheduleCaption')}
      head={
        <>
          <Th align="end">{t('expertisePages.pool.sequence')}</Th>
          <Th>{t('expertisePages.pool.date')}</Th>
          <Th>{t('expertisePages.pool.kind')}</Th>
          <Th>{t('expertisePages.pool.theme')}</Th>
          <Th>{t('expertisePages.pool.when')}</Th>
        </>
      }
    >
      {meetings.map((m) => (
        <Tr key={m.id}>
          <Td align="end">{m.sequence}</Td>
          <Td>{formatDate(m.heldOn)}</Td>
          <Td>
            <ThematicMark thematic={m.thematic} />
          </Td>
          <Td>{m.theme ?? (m.thematic ? t('expertisePages.pool.noTheme') : t('common.none'))}</Td>
          <Td>{m.heldOn < today ? t('expertisePages.pool.past') : t('expertisePages.pool.upcoming')}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

function PlanMeetings({ meetings, notify }: { meetings: PoolMeeting[]; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const last = meetings[meetings.length - 1];
  const suggested = last ? addDaysIso(last.heldOn, POOL_INTERVAL_DAYS) : todayIso();
  const [firstOn, setFirstOn] = useState(suggested);
  const [count, setCount] = useState('6');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  useEffect(() => setFirstOn(suggested), [suggested]);

  const fields: FieldSpec[] = [
    { name: 'firstOn', id: fieldId('pool-plan', 'firstOn'), label: t('expertisePages.pool.firstOn') },
    { name: 'count', id: fieldId('pool-plan', 'count'), label: t('expertisePages.pool.count') },
  ];
  const [firstSpec, countSpec] = fields as [FieldSpec, FieldSpec];
  const preview = useMemo(
    () => (isIsoDate(firstOn) ? previewSchedule(firstOn, Number(count), (last?.sequence ?? 0) + 1) : []),
    [firstOn, count, last],
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!isIsoDate(firstOn)) found.firstOn = t('expertisePages.errors.date', { label: firstSpec.label.toLowerCase() });
    else if (last && firstOn <= last.heldOn) {
      found.firstOn = t('expertisePages.pool.afterLast', { date: formatDate(last.heldOn) });
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const planned = await schedulePoolMeetings({ firstOn, count: Number(count) });
        clear();
        notify(
          t('expertisePages.pool.planned', {
            count: planned.items.length,
            thematic: planned.items.filter((m) => m.thematic).length,
          }),
        );
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  return (
    <Section id="pool-plan" title={t('expertisePages.pool.plan')} intro={t('expertisePages.pool.planIntro')}>
      <FormShell
        className="schakel-form schakel-narrow"
        onSubmit={submit}
        errors={errors}
        fields={fields}
        focusSignal={focusSignal}
        busy={busy}
        submitLabel={t('expertisePages.pool.planSubmit', { count: Number(count) })}
      >
        <TextField
          spec={firstSpec}
          type="date"
          required
          value={firstOn}
          onValue={setFirstOn}
          error={errors.fields.firstOn}
          hint={last ? t('expertisePages.pool.firstOnHint', { date: formatDate(last.heldOn) }) : undefined}
        />
        <SelectField
          spec={countSpec}
          required
          value={count}
          onValue={setCount}
          options={COUNTS.map((n) => ({ value: String(n), label: String(n) }))}
          error={errors.fields.count}
        />
        {preview.length > 0 && (
          <DataTable
            caption={t('expertisePages.pool.previewCaption')}
            head={
              <>
                <Th align="end">{t('expertisePages.pool.sequence')}</Th>
                <Th>{t('expertisePages.pool.date')}</Th>
                <Th>{t('expertisePages.pool.kind')}</Th>
              </>
            }
          >
            {preview.map((p) => (
              <Tr key={p.sequence}>
                <Td align="end">{p.sequence}</Td>
                <Td>{formatDate(p.heldOn)}</Td>
                <Td>
                  <ThematicMark thematic={p.thematic} />
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </FormShell>
    </Section>
  );
}

function ThemeForm({ meetings, notify }: { meetings: PoolMeeting[]; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const today = todayIso();
  const thematic = meetings.filter((m) => m.thematic && m.heldOn >= today);
  const [meetingId, setMeetingId] = useState('');
  const [theme, setTheme] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'meetingId', id: fieldId('pool-theme', 'meetingId'), label: t('expertisePages.pool.themeMeeting') },
    { name: 'theme', id: fieldId('pool-theme', 'theme'), label: t('expertisePages.pool.theme') },
  ];
  const [meetingSpec, themeSpec] = fields as [FieldSpec, FieldSpec];
  const chosen = meetings.find((m) => m.id === meetingId);
  if (thematic.length === 0) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, meetingSpec, meetingId, t, 'errors.requiredChoice');
    if (Object.keys(found).length || !chosen) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const saved = await updatePoolMeeting(chosen.id, { theme: theme.trim() || null, version: chosen.version });
        clear();
        setMeetingId('');
        setTheme('');
        notify(t('expertisePages.pool.themeSaved', { date: formatDate(saved.heldOn) }));
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  return (
    <Section id="pool-theme" title={t('expertisePages.pool.themeHeading')} intro={t('expertisePages.pool.themeIntro')}>
      <FormShell
        className="schakel-form schakel-narrow"
        onSubmit={submit}
        errors={errors}
        fields={fields}
        focusSignal={focusSignal}
        busy={busy}
        submitLabel={t('expertisePages.pool.themeSubmit')}
      >
        <SelectField
          spec={meetingSpec}
          required
          value={meetingId}
          onValue={(v) => {
            setMeetingId(v);
            setTheme(meetings.find((m) => m.id === v)?.theme ?? '');
          }}
          placeholder={t('common.choose')}
          options={thematic.map((m) => ({
            value: m.id,
            label: t('expertisePages.pool.meetingOption', {
              sequence: m.sequence,
              date: formatDate(m.heldOn),
              theme: m.theme ?? t('expertisePages.pool.noTheme'),
            }),
          }))}
          error={errors.fields.meetingId}
        />
        <TextField
          spec={themeSpec}
          optional
          value={theme}
          onValue={setTheme}
          error={errors.fields.theme}
          maxLength={200}
        />
      </FormShell>
    </Section>
  );
}

function Members({ members }: { members: Loaded<PoolMember[] | null> }) {
  const { t } = useTranslation();
  return (
    <Section id="pool-members" title={t('expertisePages.pool.members')} intro={t('expertisePages.pool.membersIntro')}>
      {members.error !== null && <LoadError error={members.error} onRetry={() => void members.reload()} />}
      {members.loading && !members.data && <Loading />}
      {members.data && members.data.length === 0 && <Paragraph>{t('expertisePages.pool.noMembers')}</Paragraph>}
      {members.data && members.data.length > 0 && (
        <DataTable
          caption={t('expertisePages.pool.membersCaption')}
          captionHidden
          head={
            <>
              <Th>{t('expertisePages.pool.memberName')}</Th>
              <Th>{t('expertisePages.pool.memberOrganisation')}</Th>
              <Th>{t('expertisePages.pool.memberEmail')}</Th>
            </>
          }
        >
          {members.data.map((m) => (
            <Tr key={m.userId}>
              <Td>{m.name}</Td>
              <Td>{m.organisationName}</Td>
              <Td>{m.email}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}

/** Up to 1000 open cases the process director sees, for the case picker. */
async function loadOpenCases(): Promise<CaseListItem[]> {
  const all: CaseListItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const result: { items: CaseListItem[]; nextCursor: string | null } = await listCases({ limit: 200, cursor });
    all.push(...result.items.filter((c) => OPEN_PHASES.includes(c.phase)));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return sortBy(all, (c) => c.reference);
}

function MatchForm({ members, notify }: { members: PoolMember[]; notify: (message: string) => void }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const cases = useLoad(loadOpenCases, []);
  const [caseId, setCaseId] = useState(search.get('caseId') ?? '');
  const [expertUserId, setExpertUserId] = useState('');
  const [purpose, setPurpose] = useState('');
  const matches = useLoad(async () => (caseId ? (await listPoolMatches(caseId)).items : null), [caseId]);
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'caseId', id: fieldId('pool-match', 'caseId'), label: t('expertisePages.match.case') },
    { name: 'expertUserId', id: fieldId('pool-match', 'expertUserId'), label: t('expertisePages.match.expert') },
    { name: 'purpose', id: fieldId('pool-match', 'purpose'), label: t('expertisePages.match.purpose') },
  ];
  const [caseSpec, expertSpec, purposeSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];
  const chosenCase = cases.data?.find((c) => c.id === caseId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, caseSpec, caseId, t, 'errors.requiredChoice');
    requireText(found, expertSpec, expertUserId, t, 'errors.requiredChoice');
    requireText(found, purposeSpec, purpose, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const saved = await matchPoolMember({ caseId, expertUserId, purpose: purpose.trim() });
        clear();
        setExpertUserId('');
        setPurpose('');
        await matches.reload();
        notify(t('expertisePages.match.done', { expert: saved.expertName, reference: saved.caseReference }));
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  const memberOption = (m: PoolMember) => ({ value: m.userId, label: `${m.name} (${m.organisationName})` });
  return (
    <Section id="pool-match" title={t('expertisePages.match.heading')} intro={t('expertisePages.match.intro')}>
      {cases.error !== null && <LoadError error={cases.error} onRetry={() => void cases.reload()} />}
      <FormShell
        className="schakel-form schakel-narrow"
        onSubmit={submit}
        errors={errors}
        fields={fields}
        focusSignal={focusSignal}
        busy={busy}
        submitLabel={t('expertisePages.match.submit')}
      >
        <SelectField
          spec={caseSpec}
          required
          value={caseId}
          onValue={setCaseId}
          placeholder={t('common.choose')}
          options={(cases.data ?? []).map((c) => ({
            value: c.id,
            label: t('expertisePages.match.caseOption', {
              reference: c.reference,
              subject: c.subject.name,
              municipality: c.directingMunicipality.name,
            }),
          }))}
          error={errors.fields.caseId}
        />
        <SelectField
          spec={expertSpec}
          required
          value={expertUserId}
          onValue={setExpertUserId}
          placeholder={t('common.choose')}
          options={sortBy(members, (m) => m.name).map(memberOption)}
          error={errors.fields.expertUserId}
        />
        <TextAreaField
          spec={purposeSpec}
          required
          hint={t('expertisePages.match.purposeHint')}
          value={purpose}
          onValue={setPurpose}
          rows={3}
          maxLength={2000}
          error={errors.fields.purpose}
        />
      </FormShell>
      {chosenCase && matches.data && (
        <Section
          id="pool-match-list"
          level={3}
          title={t('expertisePages.match.listHeading', { reference: chosenCase.reference })}
        >
          {matches.data.length === 0 ? (
            <Paragraph>{t('expertisePages.match.none')}</Paragraph>
          ) : (
            <DataTable
              caption={t('expertisePages.match.listCaption', { reference: chosenCase.reference })}
              captionHidden
              head={
                <>
                  <Th>{t('expertisePages.match.expert')}</Th>
                  <Th>{t('expertisePages.match.purpose')}</Th>
                  <Th>{t('expertisePages.match.matchedAt')}</Th>
                  <Th>{t('expertisePages.match.matchedBy')}</Th>
                </>
              }
            >
              {matches.data.map((m) => (
                <Tr key={m.id}>
                  <Td>{m.expertName}</Td>
                  <Td>{m.purpose}</Td>
                  <Td>{formatDateTime(m.matchedAt)}</Td>
                  <Td>{m.matchedByName}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
          <Paragraph>
            <Link className="ams-link" to={casePath(chosenCase.id, 'participants')}>
              {t('expertisePages.match.toCase', { reference: chosenCase.reference })}
            </Link>
          </Paragraph>
        </Section>
      )}
    </Section>
  );
}
