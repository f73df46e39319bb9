/**
 * The five benchmarked operations, each twice: over HTTP against the real server, and as "the same
 * question in raw SQL" through a plain pg Pool — the same statements with the same filters, including
 * the need-to-know condition (built with the project's own caseVisibleTo / isDirectorOf, or for the
 * priority list the module's own query builder, compiled), but without HTTP, authentication, session
 * handling, validation, presenters and access-log entries.
 */
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { type ChainedEntry, entryHash, GENESIS_HASH } from '../src/core/audit-chain.js';
import { caseVisibleTo, isDirectorOf } from '../src/modules/cases/visibility.js';
import { priorityListQuery } from '../src/modules/monitoring/priority-list.js';
import { PriorityListQuery } from '../src/modules/monitoring/schemas.js';
import type { Database } from '../src/platform/db/schema.js';
import type { Actor } from '../src/platform/http/context.js';
import type { Client } from '../test/harness.js';

export interface BenchContext {
  regionId: string;
  today: string;
  director: Actor;
  /** Open cases the director sees (directed by their municipality). */
  caseIds: string[];
  /** The directing municipality's organisation: it takes part in every case it directs. */
  actionOwnerOrganisationId: string;
  matchQueries: Array<{ firstName: string; namePrefix: string | null; lastName: string; dateOfBirth: string | null }>;
  newPersons: Array<{ firstName: string; lastName: string; dateOfBirth: string }>;
  municipalityId: string;
  sourceOrganisationId: string;
  indicators: string[];
}

export interface Operation {
  name: string;
  kind: 'read' | 'write';
  /** What the HTTP call is, for the report. */
  http: string;
  /** What the raw SQL does, for the report. */
  raw: string;
  callHttp(client: Client, i: number): Promise<{ ok: boolean; status: number; body: unknown }>;
  callRaw(pool: RawPool, i: number): Promise<{ ok: boolean }>;
}

/** A plain pg Pool as the application login role, with role and region set once per connection. */
export class RawPool {
  private readonly ready = new WeakSet<pg.PoolClient>();
  constructor(
    readonly pool: pg.Pool,
    private readonly regionId: string,
  ) {}

  async withClient<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      if (!this.ready.has(client)) {
        await client.query(
          `select set_config('role', 'schakel_app', false), set_config('schakel.region_id', $1, false),
                  set_config('pg_trgm.similarity_threshold', '0.3', false)`,
          [this.regionId],
        );
        this.ready.add(client);
      }
      return await fn(client);
    } finally {
      client.release();
    }
  }

  query(q: CompiledQuery): Promise<pg.QueryResult> {
    return this.withClient((c) => c.query(q.sql, q.parameters as unknown[]));
  }
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

export function operations(ctx: BenchContext, kysely: Kysely<Database>): Operation[] {
  const actor = ctx.director;
  const listOptions = PriorityListQuery.parse({ limit: '50' });
  const priorityList = priorityListQuery(kysely, actor, listOptions, ctx.today).compile();

  const caseMain = (caseId: string) =>
    kysely
      .selectFrom('cases')
      .innerJoin('persons as p', 'p.id', 'cases.subject_person_id')
      .innerJoin('municipalities as mu', 'mu.id', 'cases.directing_municipality_id')
      .innerJoin('users as pd', 'pd.id', 'cases.process_director_id')
      .leftJoin('users as cc', 'cc.id', 'cases.case_coordinator_id')
      .selectAll('cases')
      .select(['p.first_name', 'p.name_prefix', 'p.last_name', 'p.date_of_birth', 'mu.name as municipality_name'])
      .select(['pd.name as process_director_name', 'cc.name as coordinator_name'])
      .select((eb) => sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'))
      .where('cases.id', '=', caseId)
      .where(caseVisibleTo(actor))
      .compile();
  const caseChildren = (caseId: string, subjectPersonId: string): CompiledQuery[] => [
    kysely
      .selectFrom('case_related_persons as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .select(['p.id', 'p.first_name', 'p.name_prefix', 'p.last_name', 'p.date_of_birth', 'r.relation', 'r.note'])
      .where('r.case_id', '=', caseId)
      .where('r.removed_at', 'is', null)
      .orderBy('r.added_at')
      .compile(),
    kysely
      .selectFrom('case_organisations as co')
      .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
      .select(['o.id', 'o.name', 'o.type', 'co.added_at'])
      .where('co.case_id', '=', caseId)
      .where('co.removed_at', 'is', null)
      .orderBy('co.added_at')
      .compile(),
    kysely
      .selectFrom('case_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .leftJoin('region_roles as rr', (j) =>
        j.onRef('rr.user_id', '=', 'm.user_id').onRef('rr.region_id', '=', 'm.region_id'),
      )
      .select(['m.user_id', 'u.name', 'rr.role', 'm.organisation_id', 'm.purpose', 'm.added_at'])
      .where('m.case_id', '=', caseId)
      .where('m.removed_at', 'is', null)
      .orderBy('u.name')
      .compile(),
    kysely
      .selectFrom('case_contributions')
      .innerJoin('cases', 'cases.id', 'case_contributions.case_id')
      .innerJoin('organisations as o', 'o.id', 'case_contributions.organisation_id')
      .innerJoin('users as au', 'au.id', 'case_contributions.author_id')
      .select(['case_contributions.id', 'case_contributions.body', 'case_contributions.legal_regime'])
      .select(['case_contributions.scope', 'case_contributions.created_at', 'o.name', 'au.name as author_name'])
      .where('case_contributions.case_id', '=', caseId)
      .where((eb) =>
        eb.and([
          caseVisibleTo(actor)(eb as never),
          eb.or([
            eb('case_contributions.scope', '=', 'conference'),
            eb('case_contributions.organisation_id', '=', actor.organisationId),
            isDirectorOf(actor)(eb as never),
          ]),
        ]),
      )
      .orderBy('case_contributions.created_at', 'desc')
      .orderBy('case_contributions.id', 'desc')
      .limit(200)
      .compile(),
    kysely
      .selectFrom('case_events as e')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.occurred_at', 'e.actor_id', 'u.name as actor_name', 'e.kind', 'e.summary', 'e.reason'])
      .where('e.case_id', '=', caseId)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(500)
      .compile(),
    kysely
      .selectFrom('assessments')
      .select(['assessed_on', 'concern_level'])
      .where('person_id', '=', subjectPersonId)
      .where('status', '=', 'final')
      .orderBy('sequence')
      .compile(),
  ];

  const ok = (status: number) => status >= 200 && status < 300;
  return [
    {
      name: 'priority list (50, as process director)',
      kind: 'read',
      http: 'GET /api/v1/priority-list?limit=50',
      raw: 'the module’s own priorityListQuery, compiled, as one statement',
      async callHttp(client) {
        const res = await client.get('/api/v1/priority-list?limit=50');
        return { ok: ok(res.status), status: res.status, body: res.body };
      },
      async callRaw(pool) {
        await pool.query(priorityList);
        return { ok: true };
      },
    },
    {
      name: 'case page',
      kind: 'read',
      http: 'GET /api/v1/cases/{id}',
      raw: 'the 7 SELECTs of the case page (case with need-to-know, related persons, organisations, members, contributions by scope, timeline, assessment history)',
      async callHttp(client, i) {
        const res = await client.get(`/api/v1/cases/${pick(ctx.caseIds, i)}`);
        return { ok: ok(res.status), status: res.status, body: res.body };
      },
      async callRaw(pool, i) {
        return pool.withClient(async (c) => {
          const caseId = pick(ctx.caseIds, i);
          const main = caseMain(caseId);
          const row = (await c.query(main.sql, main.parameters as unknown[])).rows[0] as
            | { subject_person_id: string }
            | undefined;
          if (!row) return { ok: false };
          for (const q of caseChildren(caseId, row.subject_person_id)) await c.query(q.sql, q.parameters as unknown[]);
          return { ok: true };
        });
      },
    },
    {
      name: 'fuzzy person search',
      kind: 'read',
      http: 'POST /api/v1/persons/matches {firstName, lastName, dateOfBirth}',
      raw: 'the pg_trgm match query (search_name % $name, similarity thresholds, counts of signals and cases, top 5)',
      async callHttp(client, i) {
        const q = pick(ctx.matchQueries, i);
        const res = await client.post('/api/v1/persons/matches', {
          firstName: q.firstName,
          ...(q.namePrefix ? { namePrefix: q.namePrefix } : {}),
          lastName: q.lastName,
          dateOfBirth: q.dateOfBirth,
        });
        return { ok: ok(res.status), status: res.status, body: res.body };
      },
      async callRaw(pool, i) {
        const q = pick(ctx.matchQueries, i);
        const name = [q.firstName, q.namePrefix ?? '', q.lastName]
          .join(' ')
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .toLowerCase()
          .replace(/\s+/g, ' ')
          .trim();
        await pool.withClient((c) => c.query(PERSON_MATCH_SQL, [name, q.dateOfBirth, ctx.regionId]));
        return { ok: true };
      },
    },
    {
      name: 'create a signal (one new person)',
      kind: 'write',
      http: 'POST /api/v1/signals {…, subjects: [{newPerson}]}',
      raw: 'one transaction: reference counter upsert, INSERT signal, INSERT person, INSERT signal_subject',
      async callHttp(client, i) {
        const p = pick(ctx.newPersons, i);
        const res = await client.post('/api/v1/signals', {
          municipalityId: ctx.municipalityId,
          sourceOrganisationId: ctx.sourceOrganisationId,
          receivedOn: ctx.today,
          subjectUnknown: false,
          indicators: ctx.indicators.slice(0, 2),
          ideology: 'other_unclear',
          urgency: 'normal',
          description: 'Benchmark: melder maakt zich zorgen over uitlatingen op sociale media.',
          subjects: [{ newPerson: { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth } }],
        });
        return { ok: ok(res.status), status: res.status, body: res.body };
      },
      async callRaw(pool, i) {
        const p = pick(ctx.newPersons, i);
        return pool.withClient(async (c) => {
          await c.query('begin');
          try {
            const year = Number(ctx.today.slice(0, 4));
            const counter = await c.query(
              `insert into reference_counters (region_id, kind, year, last_value) values ($1, 'S', $2, 1)
               on conflict (region_id, kind, year) do update set last_value = reference_counters.last_value + 1
               returning last_value`,
              [ctx.regionId, year],
            );
            const reference = `S-${year}-${String(counter.rows[0].last_value).padStart(4, '0')}-raw`;
            const signal = await c.query(
              `insert into signals (region_id, reference, municipality_id, source_organisation_id, received_on,
                 subject_unknown, indicators, ideology, urgency, description, created_by)
               values ($1, $2, $3, $4, $5, false, $6, 'other_unclear', 'normal', $7, $8) returning id`,
              [
                ctx.regionId,
                reference,
                ctx.municipalityId,
                ctx.sourceOrganisationId,
                ctx.today,
                ctx.indicators.slice(0, 2),
                'Benchmark: melder maakt zich zorgen over uitlatingen op sociale media.',
                actor.userId,
              ],
            );
            const person = await c.query(
              `insert into persons (region_id, first_name, last_name, date_of_birth, search_name, created_by)
               values ($1, $2, $3, $4, $5, $6) returning id`,
              [
                ctx.regionId,
                p.firstName,
                p.lastName,
                p.dateOfBirth,
                `${p.firstName} ${p.lastName}`.toLowerCase(),
                actor.userId,
              ],
            );
            await c.query(
              `insert into signal_subjects (region_id, signal_id, person_id, link_kind, linked_by)
               values ($1, $2, $3, 'new_person', $4)`,
              [ctx.regionId, signal.rows[0].id, person.rows[0].id, actor.userId],
            );
            await c.query('commit');
            return { ok: true };
          } catch (error) {
            await c.query('rollback');
            throw error;
          }
        });
      },
    },
    {
      name: 'add a plan action',
      kind: 'write',
      http: 'POST /api/v1/cases/{id}/actions {title, ownerOrganisationId, dueOn}',
      raw: 'one transaction: SELECT the case with need-to-know, INSERT action, INSERT timeline event',
      async callHttp(client, i) {
        const res = await client.post(`/api/v1/cases/${pick(ctx.caseIds, i)}/actions`, {
          title: 'Benchmark: huisbezoek afleggen',
          ownerOrganisationId: ctx.actionOwnerOrganisationId,
          dueOn: ctx.today,
        });
        return { ok: ok(res.status), status: res.status, body: res.body };
      },
      async callRaw(pool, i) {
        const caseId = pick(ctx.caseIds, i);
        const visible = kysely
          .selectFrom('cases')
          .select(['cases.id', 'cases.phase'])
          .select((eb) => sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'))
          .where('cases.id', '=', caseId)
          .where(caseVisibleTo(actor))
          .compile();
        return pool.withClient(async (c) => {
          await c.query('begin');
          try {
            const found = await c.query(visible.sql, visible.parameters as unknown[]);
            if (found.rowCount === 0) throw new Error('case not visible');
            await c.query(
              `insert into actions (region_id, case_id, title, owner_organisation_id, due_on, created_by)
               values ($1, $2, 'Benchmark: huisbezoek afleggen', $3, $4, $5)`,
              [ctx.regionId, caseId, ctx.actionOwnerOrganisationId, ctx.today, actor.userId],
            );
            await c.query(
              `insert into case_events (region_id, case_id, actor_id, kind, summary)
               values ($1, $2, $3, 'action_added', 'Actie toegevoegd')`,
              [ctx.regionId, caseId, actor.userId],
            );
            await c.query('commit');
            return { ok: true };
          } catch (error) {
            await c.query('rollback');
            throw error;
          }
        });
      },
    },
  ];
}

/** The person-match statement of src/modules/persons/service.ts (matchPersons), thresholds 0.4 / 0.3. */
export const PERSON_MATCH_SQL = `
select persons.id, persons.first_name, persons.name_prefix, persons.last_name, persons.date_of_birth,
  similarity(persons.search_name, $1) as similarity,
  (select count(distinct ss.signal_id) from signal_subjects ss
    where ss.person_id = persons.id and ss.unlinked_at is null) as signal_count,
  (select count(*) from (
      select c.id from cases c where c.subject_person_id = persons.id
      union
      select rp.case_id from case_related_persons rp where rp.person_id = persons.id and rp.removed_at is null
    ) known_cases) as case_count
from persons
where persons.region_id = $3
  and persons.search_name % $1
  and (similarity(persons.search_name, $1) >= 0.4
       or (persons.date_of_birth = $2::date and similarity(persons.search_name, $1) >= 0.3))
order by similarity(persons.search_name, $1) desc, (persons.date_of_birth = $2::date) desc, persons.id
limit 5`;

/**
 * Diagnostics: what every request pays before its own question. GET /me is HTTP plus signing in the
 * session (a read and an UPDATE of last_seen_at, committed); the access-log append is what
 * recordAccess does for one data subject — advisory lock on the region's chain, read the head, insert
 * the chained entry, commit — and, since the lock is held until commit, what concurrent requests of a
 * region queue for.
 */
export function diagnostics(ctx: BenchContext): Operation[] {
  const actor = ctx.director;
  return [
    {
      name: 'baseline: GET /me (HTTP + session)',
      kind: 'read',
      http: 'GET /api/v1/me',
      raw: 'SELECT the session and user, UPDATE sessions.last_seen_at, in one transaction',
      async callHttp(client) {
        const res = await client.get('/api/v1/me');
        return { ok: res.status === 200, status: res.status, body: res.body };
      },
      async callRaw(pool) {
        return pool.withClient(async (c) => {
          await c.query('begin');
          await c.query('select id, email, role from users where id = $1', [actor.userId]);
          await c.query(
            'update sessions set last_seen_at = now() where id_hash = (select id_hash from sessions where user_id = $1 limit 1)',
            [actor.userId],
          );
          await c.query('commit');
          return { ok: true };
        });
      },
    },
    {
      name: 'baseline: one access-log entry',
      kind: 'write',
      http: '(none)',
      raw: 'recordAccess for one subject: advisory lock, head, chained INSERT, commit',
      async callHttp() {
        return { ok: false, status: 0, body: null };
      },
      async callRaw(pool, i) {
        return pool.withClient(async (c) => {
          await c.query('begin');
          try {
            await c.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`access_log:${ctx.regionId}`]);
            const head = (await c.query('select seq, hash from access_log_heads where region_id = $1', [ctx.regionId]))
              .rows[0] as { seq: string; hash: string } | undefined;
            const entry: ChainedEntry = {
              regionId: ctx.regionId,
              seq: (head ? Number(head.seq) : 0) + 1,
              occurredAt: new Date().toISOString(),
              actorUserId: actor.userId,
              actorOrganisationId: actor.organisationId,
              actorRole: actor.role,
              action: 'read',
              recordType: 'case',
              recordId: pick(ctx.caseIds, i),
              subjectType: 'person',
              subjectId: pick(ctx.caseIds, i),
              purposeType: 'case',
              purposeId: pick(ctx.caseIds, i),
              result: 'ok',
              traceId: `bench-${i}`,
              prevHash: head?.hash ?? GENESIS_HASH,
            };
            await c.query(
              `insert into access_log (region_id, seq, occurred_at, actor_user_id, actor_organisation_id, actor_role,
                 action, record_type, record_id, subject_type, subject_id, purpose_type, purpose_id, result, trace_id,
                 prev_hash, hash)
               values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
              [
                entry.regionId,
                entry.seq,
                entry.occurredAt,
                entry.actorUserId,
                entry.actorOrganisationId,
                entry.actorRole,
                entry.action,
                entry.recordType,
                entry.recordId,
                entry.subjectType,
                entry.subjectId,
                entry.purposeType,
                entry.purposeId,
                entry.result,
                entry.traceId,
                entry.prevHash,
                entryHash(entry),
              ],
            );
            await c.query('commit');
            return { ok: true };
          } catch (error) {
            await c.query('rollback');
            throw error;
          }
        });
      },
    },
  ];
}
