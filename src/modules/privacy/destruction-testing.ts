/**
 * Test support for the destruction tests (not used by the running application): a data subject with
 * something in every place the case approach keeps data — made through the real API where it has a
 * route, and written directly where it has none — and a scan of every text, date and JSON column of
 * every table in the database, as the owner, for what must be gone.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { inclusionFor } from '../triage/inclusion-testing.js';

/** The part of the test harness' client these helpers use. */
export interface ApiClient {
  cookie: string | null;
  csrfToken: string | null;
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>;
  put(path: string, body: unknown): Promise<{ status: number; body: any }>;
  patch(path: string, body: unknown): Promise<{ status: number; body: any }>;
}

const letters = (n: number) =>
  Array.from(randomBytes(n), (b) => String.fromCharCode(97 + (b % 26)))
    .join('')
    .replace(/^./, (c) => c.toUpperCase());

/**
 * Unique, recognisable needles: names, a date of birth and a free-text marker. The date of birth lies
 * in 1930–1949, before any date the demo generator gives (ages up to 71), so the scan cannot find it in
 * another person.
 */
export function needles() {
  const day = 1 + ((randomBytes(1)[0] as number) % 28);
  const month = 1 + ((randomBytes(1)[0] as number) % 12);
  return {
    firstName: `Qz${letters(8)}`,
    lastName: `Vx${letters(10)}`,
    relatedLastName: `Wy${letters(10)}`,
    dateOfBirth: `19${30 + ((randomBytes(1)[0] as number) % 20)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    marker: `MRK${randomBytes(8).toString('hex')}`,
  };
}
export type Needles = ReturnType<typeof needles>;

function ok<T extends { status: number; body: any }>(res: T, expected: number, what: string): T {
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export interface RichSubject {
  personId: string;
  relatedPersonId: string;
  caseId: string;
  signalId: string;
  /** A second signal about the person that led to no case. */
  noCaseSignalId: string;
  meetingId: string;
}

/**
 * A person with: a signal (reporter, description, an encrypted attachment) that opened a case, a
 * second signal decided "no action", a related person, contributions, a case conference (agenda item
 * with judgement and a decision, general minutes naming the person), a plan (analysis, goals, an
 * intervention with its evaluation), actions with progress notes, a proportionality review, an
 * evaluation, an assessment with ratings, a subject access request (copies of the records), a
 * break-the-glass grant, an expert match, a notification and a lifted legal hold. Every free text
 * carries the marker; the minutes name the person.
 */
export async function seedRichSubject(
  env: {
    baseUrl: string;
    owner: Kysely<Database>;
    director: ApiClient;
    police: ApiClient;
    fg: ApiClient;
    rijswijk: ApiClient;
  },
  n: Needles,
): Promise<RichSubject> {
  const { director, police, fg, rijswijk, owner } = env;
  const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
  const full = `${n.firstName} ${n.lastName}`;
  const M = n.marker;
  const municipalities = (await director.get('/api/v1/municipalities?limit=200')).body.items as Array<{
    id: string;
    name: string;
  }>;
  const delft = municipalities.find((m) => m.name === 'Delft')?.id;
  const orgs = (await director.get('/api/v1/organisations?limit=200')).body.items as Array<{
    id: string;
    name: string;
  }>;
  const politie = orgs.find((o) => o.name === 'Politie')?.id;
  const gemeente = orgs.find((o) => o.name === 'Gemeente Delft')?.id;

  const signal = ok(
    await police.post('/api/v1/signals', {
      municipalityId: delft,
      sourceOrganisationId: politie,
      reporterName: `Melder ${M}`,
      reporterContact: `${M}@melder.example`,
      receivedOn: '2026-01-12',
      subjects: [{ newPerson: { firstName: n.firstName, lastName: n.lastName, dateOfBirth: n.dateOfBirth } }],
      ideology: 'jihadist',
      urgency: 'high',
      description: `${full} (${n.dateOfBirth}) deelt propaganda. ${M}`,
    }),
    201,
    'signal',
  ).body;
  const personId = signal.subjects[0].personId as string;

  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(Buffer.from(`Verslag over ${full} ${M}`))], { type: 'text/plain' }),
    `verslag-${M}.txt`,
  );
  const uploaded = await fetch(`${env.baseUrl}/api/v1/signals/${signal.id}/attachments`, {
    method: 'POST',
    headers: { cookie: police.cookie ?? '', 'x-csrf-token': police.csrfToken ?? '' },
    body: form,
  });
  if (uploaded.status !== 201) throw new Error(`attachment: ${uploaded.status} ${await uploaded.text()}`);

  const decided = ok(
    await director.post('/api/v1/triage-decisions', {
      signalId: signal.id,
      decision: 'open_case',
      rationale: `Zorgen over ${full}. ${M}`,
      inclusion: await inclusionFor(director),
      case: { subjectPersonId: personId, targetGroup: 'returnee', riskGroup: 2 },
    }),
    201,
    'triage decision',
  ).body;
  const caseId = decided.caseId as string;

  const second = ok(
    await police.post('/api/v1/signals', {
      municipalityId: delft,
      sourceOrganisationId: politie,
      receivedOn: '2026-01-20',
      subjects: [{ personId, matchReason: `Zelfde persoon ${M}` }],
      ideology: 'jihadist',
      urgency: 'normal',
      description: `Tweede melding over ${full}. ${M}`,
    }),
    201,
    'second signal',
  ).body;
  ok(
    await director.post('/api/v1/triage-decisions', {
      signalId: second.id,
      decision: 'no_action',
      rationale: `Geen nieuwe zorg. ${M}`,
    }),
    201,
    'no-action decision',
  );

  const related = ok(
    await director.post(`/api/v1/cases/${caseId}/related-persons`, {
      newPerson: { firstName: n.firstName, lastName: n.relatedLastName },
      relation: 'sibling',
      note: `Broer. ${M}`,
    }),
    201,
    'related person',
  ).body;
  const relatedPersonId = (related.person?.id ?? related.personId ?? related.id) as string;
  ok(
    await director.post(`/api/v1/cases/${caseId}/contributions`, {
      body: `Gesprek met ${full}. ${M}`,
      legalRegime: 'avg',
      scope: 'conference',
    }),
    201,
    'contribution',
  );
  ok(
    await director.post(`/api/v1/cases/${caseId}/contributions`, {
      body: `Alleen voor de regisseur. ${M}`,
      legalRegime: 'wpg',
      scope: 'process_director',
    }),
    201,
    'contribution pd',
  );

  // The case conference.
  const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const meeting = ok(
    await director.post('/api/v1/meetings', { title: 'Casusoverleg', startsAt: inHours(1), endsAt: inHours(2) }),
    201,
    'meeting',
  ).body;
  const item = ok(await director.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { caseId }), 201, 'agenda').body;
  const itemId = (item.id ?? item.agenda?.[0]?.id) as string;
  ok(
    await director.post(`/api/v1/meetings/${meeting.id}/transitions`, { to: 'in_progress', version: meeting.version }),
    200,
    'meeting in progress',
  );
  const agendaItem = ok(await director.get(`/api/v1/meetings/${meeting.id}/agenda-items/${itemId}`), 200, 'item').body;
  ok(
    await director.post(`/api/v1/meetings/${meeting.id}/agenda-items/${itemId}/contributions`, {
      body: `Beeld van de politie over ${full}. ${M}`,
      legalRegime: 'avg',
      scope: 'conference',
    }),
    201,
    'meeting contribution',
  );
  ok(
    await director.put(`/api/v1/meetings/${meeting.id}/agenda-items/${itemId}/judgement`, {
      judgement: `Zorgelijk. ${M}`,
      version: agendaItem.version ?? agendaItem.item?.version ?? 1,
    }),
    200,
    'judgement',
  );
  ok(
    await director.post(`/api/v1/meetings/${meeting.id}/agenda-items/${itemId}/decisions`, {
      title: `Huisbezoek ${M}`,
      description: `Bij ${full} thuis. ${M}`,
      ownerOrganisationId: gemeente,
      dueOn: day(30),
    }),
    201,
    'decision',
  );
  const inProgress = ok(await director.get(`/api/v1/meetings/${meeting.id}`), 200, 'meeting').body;
  ok(
    await director.put(`/api/v1/meetings/${meeting.id}/minutes`, {
      notes: `Besproken: ${full}, geboren ${n.dateOfBirth}. Verder de lopende zaken van de regio.`,
      version: inProgress.version,
    }),
    200,
    'minutes',
  );

  // Plan of approach, actions and notes.
  const toolbox = (await director.get('/api/v1/toolbox?limit=200')).body.items as Array<{ id: string }>;
  const plan = ok(
    await director.post(`/api/v1/cases/${caseId}/plan`, {
      problemAnalysis: `Analyse van ${full}. ${M}`,
      goals: [{ text: `Doel ${M}` }],
    }),
    201,
    'plan',
  ).body;
  const intervention = ok(
    await director.post(`/api/v1/plans/${plan.id}/interventions`, {
      toolboxItemId: toolbox[0]?.id,
      goal: `Begeleiding ${M}`,
      responsibleOrganisationId: gemeente,
    }),
    201,
    'intervention',
  ).body;
  const interventionId = (intervention.interventions?.at(-1)?.id ?? intervention.id) as string;
  ok(
    await director.post(`/api/v1/plan-interventions/${interventionId}/evaluations`, {
      kind: 'process',
      findings: `Verloopt goed. ${M}`,
    }),
    201,
    'intervention evaluation',
  );
  const action = ok(
    await director.post(`/api/v1/cases/${caseId}/actions`, {
      title: `Gesprek ${M}`,
      description: `Met ${full}. ${M}`,
      ownerOrganisationId: gemeente,
      dueOn: day(20),
    }),
    201,
    'action',
  ).body;
  ok(await director.post(`/api/v1/actions/${action.id}/notes`, { body: `Voortgang ${M}` }), 201, 'note');
  ok(
    await director.post(`/api/v1/cases/${caseId}/proportionality-reviews`, {
      reviewedOn: day(0),
      reasoning: `Nog steeds nodig. ${M}`,
    }),
    201,
    'proportionality review',
  );
  ok(
    await director.post(`/api/v1/cases/${caseId}/evaluations`, { kind: 'process', findings: `Goed verlopen. ${M}` }),
    201,
    'evaluation',
  );

  // Break-the-glass by another municipality's process director.
  ok(
    await rijswijk.post('/api/v1/break-glass', { caseId, reason: `Spoedeisend: melding over de woning. ${M}` }),
    201,
    'break glass',
  );

  // A subject access request with its compiled copies.
  const sar = ok(await fg.post('/api/v1/subject-access-requests', { personId, receivedOn: '2026-02-02' }), 201, 'sar');
  ok(await fg.post(`/api/v1/subject-access-requests/${sar.body.id}/compilation`, {}), 200, 'compilation');
  ok(
    await fg.patch(`/api/v1/subject-access-requests/${sar.body.id}`, {
      status: 'in_progress',
      decision: `Besluit ${M}`,
      version: sar.body.version + 1,
    }),
    200,
    'sar decision',
  );

  // A legal hold, set and lifted (it no longer holds anything).
  const hold = ok(await fg.post('/api/v1/legal-holds', { caseId, reason: `Procedure ${M}` }), 201, 'hold').body;
  ok(
    await fg.post(`/api/v1/legal-holds/${hold.id}/lifting`, { reason: `Afgerond ${M}`, version: hold.version }),
    200,
    'lift',
  );

  // What has no route here: an assessment with ratings, an expert match, a notification.
  const c = await owner.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const factor = await owner
    .selectFrom('framework_factors')
    .select(['id', 'framework_id'])
    .where('region_id', '=', c.region_id)
    .executeTakeFirstOrThrow();
  const assessment = await owner
    .insertInto('assessments')
    .values({
      region_id: c.region_id,
      person_id: personId,
      case_id: caseId,
      framework_id: factor.framework_id,
      sequence: 1,
      status: 'final',
      concern_level: 'medium',
      rationale: `Afweging over ${full}. ${M}`,
      assessed_on: '2026-02-01',
      assessed_by: c.process_director_id,
      organisation_id: gemeente as string,
      finalised_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await owner
    .insertInto('assessment_ratings')
    .values({
      region_id: c.region_id,
      assessment_id: assessment.id,
      factor_id: factor.id,
      rating: 'present',
      evidence: `Bewijs ${M}`,
    })
    .execute();
  const expert = await owner
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'expert@pool.demo')
    .executeTakeFirstOrThrow();
  await owner
    .insertInto('expertise_pool_matches')
    .values({
      region_id: c.region_id,
      case_id: caseId,
      expert_user_id: expert.id,
      purpose: `Duiding ${M}`,
      matched_by: c.process_director_id,
    })
    .execute();
  await owner
    .insertInto('notifications')
    .values({
      region_id: c.region_id,
      user_id: c.process_director_id,
      kind: 'review_due',
      case_id: caseId,
      message: `Herbeoordeling ${c.reference}`,
      dedupe_key: `test-${M}`,
    })
    .execute();
  return { personId, relatedPersonId, caseId, signalId: signal.id, noCaseSignalId: second.id, meetingId: meeting.id };
}

/**
 * Closes the case definitively `years` ago, decides/closes its no-case signal and delivers the subject
 * access request as long ago.
 */
export async function ageSubject(owner: Kysely<Database>, s: RichSubject, years: number, marker: string) {
  const then = new Date(Date.now() - years * 365.25 * 24 * 3600_000);
  await owner
    .updateTable('cases')
    .set({ phase: 'closed', closing_kind: 'definitive', closed_at: then, closing_reason: `Doel bereikt ${marker}` })
    .where('id', '=', s.caseId)
    .execute();
  await sql`update triage_decisions set decided_at = ${then} where signal_id = ${s.noCaseSignalId}`.execute(owner);
  await owner.updateTable('signals').set({ closed_at: then }).where('id', '=', s.noCaseSignalId).execute();
  // The subject access request was answered then too (an open one keeps the person).
  await owner
    .updateTable('subject_access_requests')
    .set({ status: 'delivered' })
    .where('person_id', '=', s.personId)
    .execute();
}

/**
 * Every column of every table in the database that can hold text (text, varchar, char, json, jsonb,
 * arrays, dates), scanned as the owner for each needle. Returns "table.column: needle" per hit.
 */
export async function scanDatabase(owner: Kysely<Database>, needleList: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'date', 'USER-DEFINED')
        or c.udt_name in ('citext'))
    order by 1, 2`.execute(owner);
  const hits: string[] = [];
  for (const { table_name, column_name } of columns.rows) {
    for (const needle of needleList) {
      const found = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}
        where ${sql.ref(column_name)}::text ilike ${`%${needle}%`}`.execute(owner);
      if ((found.rows[0]?.n ?? 0) > 0) hits.push(`${table_name}.${column_name}: ${needle}`);
    }
  }
  return hits;
}

/** How many tables and text-like columns the scan covers (to show it is not empty). */
export async function scannedColumnCount(owner: Kysely<Database>): Promise<{ tables: number; columns: number }> {
  const r = await sql<{ tables: number; columns: number }>`
    select count(distinct c.table_name)::int as tables, count(*)::int as columns
    from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'date', 'USER-DEFINED')`.execute(
    owner,
  );
  return r.rows[0] ?? { tables: 0, columns: 0 };
}
