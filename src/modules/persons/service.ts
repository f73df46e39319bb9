import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { todayInNl } from '../cases/core.js';
import { caseVisibleTo } from '../cases/visibility.js';
import { signalVisibleTo } from '../signals/visibility.js';
import { processDirectorsOf } from './contacts.js';
import { knownToAny, knownToOf } from './known-to.js';
import type {
  NewPerson,
  Person,
  PersonCreate,
  PersonMatch,
  PersonMatchHit,
  PersonMatchList,
  PersonMatchQuery,
  PersonUpdate,
} from './schemas.js';
import { searchNameOf } from './search-name.js';
import { personVisibleTo } from './visibility.js';

/** Name similarity (pg_trgm, 0–1) from which a person is proposed as a possible match. */
export const MATCH_THRESHOLD = 0.4;
/** With the same date of birth, a somewhat less similar name is still proposed ("Mohamed"/"Mohammed"). */
export const MATCH_THRESHOLD_SAME_DOB = 0.3;
export const MAX_MATCHES = 5;

/** Roles that take signals in and may therefore search among the persons of the region. */
const INTAKE_ROLES = new Set(['process_director', 'case_coordinator']);

type PersonRow = {
  id: string;
  first_name: string;
  name_prefix: string | null;
  last_name: string;
  date_of_birth: string | null;
  gender: string | null;
  residence_municipality_id: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
};

export function presentPerson(p: PersonRow): z.infer<typeof Person> {
  return {
    id: p.id,
    firstName: p.first_name,
    namePrefix: p.name_prefix,
    lastName: p.last_name,
    dateOfBirth: p.date_of_birth,
    gender: p.gender as z.infer<typeof Person>['gender'],
    residenceMunicipalityId: p.residence_municipality_id,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
    version: p.version,
  };
}

const PERSON_COLUMNS = [
  'persons.id',
  'persons.first_name',
  'persons.name_prefix',
  'persons.last_name',
  'persons.date_of_birth',
  'persons.gender',
  'persons.residence_municipality_id',
  'persons.created_at',
  'persons.updated_at',
  'persons.version',
] as const;

function fieldError(pointer: string, code: string, detail: string) {
  return new DomainError('BUSINESS_RULE', detail, { fields: [{ in: 'body', pointer, code, detail }] });
}

/** A date of birth may not lie in the future. */
export function checkDateOfBirth(dateOfBirth: string | null | undefined, now: Date, pointer: string) {
  if (dateOfBirth && dateOfBirth > todayInNl(now)) {
    return { in: 'body' as const, pointer, code: 'in_future', detail: 'A date of birth cannot lie in the future.' };
  }
  return null;
}

/**
 * Inserts a person (inside the caller's transaction). Persons come into Schakel only through a
 * signal (newPerson) or a process director; search_name is kept in step with the name here.
 */
export async function insertPerson(
  tx: Tx,
  actor: Actor,
  input: z.infer<typeof NewPerson> & { residenceMunicipalityId?: string | null },
): Promise<PersonRow> {
  return tx
    .insertInto('persons')
    .values({
      region_id: actor.regionId,
      first_name: input.firstName,
      name_prefix: input.namePrefix ?? null,
      last_name: input.lastName,
      date_of_birth: input.dateOfBirth ?? null,
      gender: input.gender ?? null,
      residence_municipality_id: input.residenceMunicipalityId ?? null,
      search_name: searchNameOf(input),
      created_by: actor.userId,
    })
    .returning(PERSON_COLUMNS)
    .executeTakeFirstOrThrow();
}

/**
 * May the actor attach this existing person to a signal directly? Only a person they can already see
 * (personVisibleTo). A person known only to another municipality is linked through a link request
 * that its process director accepts (link-requests.ts). Otherwise a field error — the same answer
 * whether or not the id exists, so an id reveals nothing.
 */
export async function assertLinkablePerson(tx: Tx, actor: Actor, personId: string, pointer: string) {
  const row = await tx
    .selectFrom('persons')
    .select('persons.id')
    .where('persons.id', '=', personId)
    .where(personVisibleTo(actor))
    .executeTakeFirst();
  if (!row) return { in: 'body' as const, pointer, code: 'unknown_reference', detail: 'Choose a known person.' };
  return null;
}

async function assertMunicipality(tx: Tx, id: string | null | undefined, pointer: string) {
  if (!id) return;
  const row = await tx.selectFrom('municipalities').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw fieldError(pointer, 'unknown_reference', 'Choose a municipality of this region.');
}

/**
 * Why the actor processes this person's data: a case they can see that the person belongs to,
 * otherwise a signal they can see that is about the person.
 */
async function purposeFor(tx: Tx, actor: Actor, personId: string) {
  const asCase = await tx
    .selectFrom('cases')
    .select('cases.id')
    .where((eb) =>
      eb.or([
        eb('cases.subject_person_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('case_related_persons as rp')
            .select(sql`1`.as('one'))
            .whereRef('rp.case_id', '=', 'cases.id')
            .where('rp.person_id', '=', personId)
            .where('rp.removed_at', 'is', null),
        ),
      ]),
    )
    .where(caseVisibleTo(actor))
    .orderBy('cases.opened_at', 'desc')
    .executeTakeFirst();
  if (asCase) return { type: 'case', id: asCase.id };
  const asSignal = await tx
    .selectFrom('signals')
    .innerJoin('signal_subjects as ss', 'ss.signal_id', 'signals.id')
    .select('signals.id')
    .where('ss.person_id', '=', personId)
    .where('ss.unlinked_at', 'is', null)
    .where(signalVisibleTo(actor))
    .orderBy('signals.created_at', 'desc')
    .executeTakeFirst();
  return { type: 'signal-intake', id: asSignal?.id ?? null };
}

/** POST /persons — a process director registers a person (e.g. a related person of a case). */
export async function createPerson(deps: Deps, actor: Actor, traceId: string, input: z.infer<typeof PersonCreate>) {
  if (actor.role !== 'process_director') throw forbidden('Only a process director registers persons directly.');
  const dob = checkDateOfBirth(input.dateOfBirth, deps.now(), '/dateOfBirth');
  if (dob) throw new DomainError('BUSINESS_RULE', dob.detail, { fields: [dob] });
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    await assertMunicipality(tx, input.residenceMunicipalityId, '/residenceMunicipalityId');
    const row = await insertPerson(tx, actor, input);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'person',
      recordId: row.id,
      subjects: [{ type: 'person', id: row.id }],
      purpose: { type: 'signal-intake' },
    });
    return presentPerson(row);
  });
}

export async function getPerson(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const row = await tx
      .selectFrom('persons')
      .select(PERSON_COLUMNS)
      .where('persons.id', '=', id)
      .where(personVisibleTo(actor))
      .executeTakeFirst();
    if (!row) throw notFound('The person');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'person',
      recordId: id,
      subjects: [{ type: 'person', id }],
      purpose: await purposeFor(tx, actor, id),
    });
    return presentPerson(row);
  });
}

/**
 * PATCH /persons/{id}: corrects a person's details. Visible persons only (404 otherwise); process
 * directors, case coordinators and whoever registered the person may correct them.
 */
export async function updatePerson(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof PersonUpdate>,
) {
  const dob = checkDateOfBirth(input.dateOfBirth, deps.now(), '/dateOfBirth');
  if (dob) throw new DomainError('BUSINESS_RULE', dob.detail, { fields: [dob] });
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await tx
      .selectFrom('persons')
      .select([...PERSON_COLUMNS, 'persons.created_by'])
      .where('persons.id', '=', id)
      .where(personVisibleTo(actor))
      .executeTakeFirst();
    if (!existing) throw notFound('The person');
    if (!INTAKE_ROLES.has(actor.role) && existing.created_by !== actor.userId) {
      throw forbidden('Only process directors, case coordinators and whoever registered the person correct it.');
    }
    await assertMunicipality(tx, input.residenceMunicipalityId, '/residenceMunicipalityId');
    const next = {
      firstName: input.firstName ?? existing.first_name,
      namePrefix: input.namePrefix === undefined ? existing.name_prefix : input.namePrefix,
      lastName: input.lastName ?? existing.last_name,
    };
    const row = await tx
      .updateTable('persons')
      .set((eb) => ({
        first_name: next.firstName,
        name_prefix: next.namePrefix,
        last_name: next.lastName,
        search_name: searchNameOf(next),
        ...(input.dateOfBirth !== undefined ? { date_of_birth: input.dateOfBirth } : {}),
        ...(input.gender !== undefined ? { gender: input.gender } : {}),
        ...(input.residenceMunicipalityId !== undefined
          ? { residence_municipality_id: input.residenceMunicipalityId }
          : {}),
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(PERSON_COLUMNS)
      .executeTakeFirst();
    if (!row) throw staleVersion();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'person',
      recordId: id,
      subjects: [{ type: 'person', id }],
      purpose: await purposeFor(tx, actor, id),
    });
    return presentPerson(row);
  });
}

/** How long a hit can be used for a link request. */
export const HIT_VALID_MS = 24 * 60 * 60 * 1000;

/**
 * POST /persons/matches — possible matches for a name (and date of birth) on intake: at most five
 * persons of the region whose name is similar (pg_trgm), most similar name first. A person decides
 * whether one of them is the same person; nothing is merged or linked here. Only intake roles search.
 *
 * Persons the actor may already see (personVisibleTo) come with their details and the reasons. A match
 * on anyone else is only a hit: "known to municipality X, contact its process directors", with an
 * opaque hit id recorded here for a link request — no name, date of birth, counts or person id. Persons
 * known to no municipality (nothing refers to them) are not proposed. Every proposal is logged with the
 * person as subject: a visible match as a read of the person, a hit as a read of the hit.
 */
export async function matchPersons(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof PersonMatchQuery>,
): Promise<z.infer<typeof PersonMatchList>> {
  if (!INTAKE_ROLES.has(actor.role)) throw forbidden('Only process directors and case coordinators search persons.');
  const name = searchNameOf(input);
  const dob = input.dateOfBirth ?? null;
  const now = deps.now();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    if (input.signalId) {
      const signal = await tx
        .selectFrom('signals')
        .select('signals.id')
        .where('signals.id', '=', input.signalId)
        .where(signalVisibleTo(actor))
        .executeTakeFirst();
      if (!signal) throw fieldError('/signalId', 'unknown_reference', 'Choose a signal you can see.');
    }
    // Hits that can no longer be used, and that no link request refers to, go.
    await tx
      .deleteFrom('person_match_hits')
      .where('expires_at', '<', now)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('person_link_requests as r')
              .select(sql`1`.as('one'))
              .whereRef('r.hit_id', '=', 'person_match_hits.id'),
          ),
        ),
      )
      .execute();
    // The `%` operator uses the trigram index; its threshold is the lower of the two.
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(MATCH_THRESHOLD_SAME_DOB)}, true)`.execute(tx);
    const similarity = sql<number>`similarity(persons.search_name, ${name})`;
    const sameDob = dob === null ? sql<boolean>`false` : sql<boolean>`persons.date_of_birth = ${dob}::date`;
    const person = sql.ref('persons.id');
    let query = tx
      .selectFrom('persons')
      .select((eb) => [
        'persons.id',
        'persons.first_name',
        'persons.name_prefix',
        'persons.last_name',
        'persons.date_of_birth',
        similarity.as('similarity'),
        sql<boolean>`${personVisibleTo(actor)(eb)}`.as('visible'),
        sql<string>`(select count(distinct ss.signal_id) from signal_subjects ss
          where ss.person_id = persons.id and ss.unlinked_at is null)`.as('signal_count'),
        sql<string>`(select count(*) from (
            select c.id from cases c where c.subject_person_id = persons.id
            union
            select rp.case_id from case_related_persons rp where rp.person_id = persons.id and rp.removed_at is null
          ) known_cases)`.as('case_count'),
      ])
      .where('persons.region_id', '=', actor.regionId)
      .where(sql<boolean>`persons.search_name % ${name}`)
      .where(
        sql<boolean>`(${similarity} >= ${MATCH_THRESHOLD} or (${sameDob} and ${similarity} >= ${MATCH_THRESHOLD_SAME_DOB}))`,
      )
      .where((eb) => eb.or([personVisibleTo(actor)(eb), knownToAny(person)]))
      .orderBy(sql`${similarity} desc`);
    // Equally similar names: the one with the same date of birth first.
    if (dob !== null) query = query.orderBy(sql`${sameDob} desc`);
    const rows = await query.orderBy('persons.id').limit(MAX_MATCHES).execute();
    const visible = rows.filter((r) => r.visible);
    const hidden = rows.filter((r) => !r.visible);

    if (visible.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'person',
        recordId: null,
        subjects: visible.map((r) => ({ type: 'person' as const, id: r.id })),
        purpose: { type: 'signal-intake', id: input.signalId ?? null },
      });
    }
    const hits: z.infer<typeof PersonMatchHit>[] = [];
    if (hidden.length > 0) {
      const knownTo = await knownToOf(
        tx,
        hidden.map((r) => r.id),
      );
      const contacts = await processDirectorsOf(tx, actor.regionId, [
        ...new Set([...knownTo.values()].flat().map((m) => m.id)),
      ]);
      const expiresAt = new Date(now.getTime() + HIT_VALID_MS);
      for (const r of hidden) {
        const hit = await tx
          .insertInto('person_match_hits')
          .values({
            region_id: actor.regionId,
            person_id: r.id,
            signal_id: input.signalId ?? null,
            searched_by: actor.userId,
            first_name: input.firstName,
            name_prefix: input.namePrefix ?? null,
            last_name: input.lastName,
            date_of_birth: dob,
            created_at: now,
            expires_at: expiresAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAccess(tx, auditActor(actor, traceId), {
          action: 'read',
          recordType: 'person_match_hit',
          recordId: hit.id,
          subjects: [{ type: 'person', id: r.id }],
          purpose: { type: 'signal-intake', id: input.signalId ?? null },
        });
        hits.push({
          hitId: hit.id,
          knownTo: (knownTo.get(r.id) ?? []).map((m) => ({
            municipality: { id: m.id, name: m.name },
            contacts: contacts.get(m.id) ?? [],
          })),
          expiresAt: expiresAt.toISOString(),
        });
      }
    }
    return {
      items: visible.map((r) => {
        const percent = Math.round(Number(r.similarity) * 100);
        const reasons: z.infer<typeof PersonMatch>['reasons'] = [
          { code: 'name_similar', detail: `naam lijkt ${percent}% op` },
        ];
        if (dob !== null) {
          if (r.date_of_birth === null)
            reasons.push({ code: 'date_of_birth_unknown', detail: 'geboortedatum onbekend' });
          else if (r.date_of_birth === dob)
            reasons.push({ code: 'same_date_of_birth', detail: 'zelfde geboortedatum' });
          else reasons.push({ code: 'different_date_of_birth', detail: 'andere geboortedatum' });
        }
        return {
          personId: r.id,
          firstName: r.first_name,
          namePrefix: r.name_prefix,
          lastName: r.last_name,
          dateOfBirth: r.date_of_birth,
          nameSimilarity: Math.round(Number(r.similarity) * 100) / 100,
          reasons,
          knownIn: { signals: Number(r.signal_count), cases: Number(r.case_count) },
        };
      }),
      hits,
    };
  });
}
