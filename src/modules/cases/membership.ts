/**
 * Who takes part in a case: partner organisations, their people added to it, and the related persons
 * of the subject. Only the process director of the directing municipality and the case coordinator
 * manage this. A removed member loses access at their very next request, because visibility is
 * decided in the SQL of every query (visibility.ts).
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import { can, isRole, ROLES } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { searchNameOf } from '../persons/search-name.js';
import { personVisibleTo } from '../persons/visibility.js';
import { hasSignedCovenant } from '../privacy/covenants.js';
import { recordCaseEvent } from './core.js';
import { POLICE_OR_PROSECUTION_TYPES, presentPerson, RELATION_NL } from './presenters.js';
import type {
  CaseMember,
  CaseOrganisation,
  MemberCandidate,
  MemberCandidateQuery,
  RelatedPerson,
  RelatedPersonAdd,
} from './schemas.js';
import { scopeOf } from './service.js';
import { requireManageableCase } from './visibility.js';

type Out<T extends z.ZodType> = z.infer<T>;

function refuse(pointer: string, code: string, detail: string, where: 'body' | 'path' = 'body'): DomainError {
  return new DomainError('BUSINESS_RULE', detail, { fields: [{ in: where, pointer, code, detail }] });
}

async function directingOrganisationId(tx: Tx, municipalityId: string): Promise<string | null> {
  const m = await tx
    .selectFrom('municipalities')
    .select('organisation_id')
    .where('id', '=', municipalityId)
    .executeTakeFirst();
  return m?.organisation_id ?? null;
}

async function presentParticipation(tx: Tx, caseId: string, organisationId: string, directingOrgId: string | null) {
  const o = await tx
    .selectFrom('case_organisations as co')
    .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
    .select(['o.id', 'o.name', 'o.type', 'co.added_at'])
    .where('co.case_id', '=', caseId)
    .where('co.organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const members = await tx
    .selectFrom('case_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('region_roles as rr', (j) =>
      j.onRef('rr.user_id', '=', 'm.user_id').onRef('rr.region_id', '=', 'm.region_id'),
    )
    .select(['m.user_id', 'u.name', 'rr.role', 'm.organisation_id', 'm.purpose', 'm.added_at'])
    .where('m.case_id', '=', caseId)
    .where('m.organisation_id', '=', organisationId)
    .where('m.removed_at', 'is', null)
    .orderBy('u.name')
    .execute();
  const out: Out<typeof CaseOrganisation> = {
    organisationId: o.id,
    name: o.name,
    type: o.type,
    isPoliceOrProsecution: POLICE_OR_PROSECUTION_TYPES.includes(o.type),
    isDirecting: o.id === directingOrgId,
    addedAt: o.added_at.toISOString(),
    members: members.map(presentMember),
  };
  return out;
}

function presentMember(m: {
  user_id: string;
  name: string;
  role: string | null;
  organisation_id: string;
  purpose: string;
  added_at: Date;
}): Out<typeof CaseMember> {
  return {
    userId: m.user_id,
    name: m.name,
    role: m.role ?? '',
    organisationId: m.organisation_id,
    purpose: m.purpose as 'partner' | 'expert',
    addedAt: m.added_at.toISOString(),
  };
}

// --- Organisations ---------------------------------------------------------------------------------

export async function addOrganisation(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  organisationId: string,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const org = await tx
      .selectFrom('organisations as o')
      .innerJoin('region_organisations as ro', (j) =>
        j.onRef('ro.organisation_id', '=', 'o.id').on('ro.region_id', '=', actor.regionId),
      )
      .select(['o.id', 'o.name'])
      .where('o.id', '=', organisationId)
      .executeTakeFirst();
    if (!org)
      throw refuse('/organisationId', 'invalid_reference', 'Choose an organisation that takes part in this region.');
    // Issue 4 (privacy/covenants.ts): only organisations that signed the region's covenant share case data.
    if (!(await hasSignedCovenant(tx, organisationId)))
      throw refuse('/organisationId', 'no_covenant', `${org.name} has not signed a covenant of this region.`);
    const existing = await tx
      .selectFrom('case_organisations')
      .select('removed_at')
      .where('case_id', '=', caseId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (existing && existing.removed_at === null) {
      throw new DomainError('CONFLICT', `${org.name} already takes part in this case.`, {
        fields: [
          {
            in: 'body',
            pointer: '/organisationId',
            code: 'duplicate',
            detail: 'This organisation already takes part.',
          },
        ],
      });
    }
    if (existing) {
      await tx
        .updateTable('case_organisations')
        .set({ removed_at: null, added_by: actor.userId })
        .where('case_id', '=', caseId)
        .where('organisation_id', '=', organisationId)
        .execute();
    } else {
      await tx
        .insertInto('case_organisations')
        .values({ region_id: actor.regionId, case_id: caseId, organisation_id: organisationId, added_by: actor.userId })
        .execute();
    }
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'organisation_added',
      summary: `${org.name} neemt deel aan de casus`,
      params: { organisation: org.name },
      at: deps.now(),
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_organisation',
      recordId: caseId,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: caseId },
    });
    return presentParticipation(
      tx,
      caseId,
      organisationId,
      await directingOrganisationId(tx, c.directing_municipality_id),
    );
  });
}

/** Ends an organisation's participation; its people added to the case lose access with it. */
export async function removeOrganisation(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  organisationId: string,
  reason: string | undefined,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    if (organisationId === (await directingOrganisationId(tx, c.directing_municipality_id))) {
      throw refuse(
        '/organisationId',
        'directing_organisation',
        'The directing municipality always takes part in its case.',
        'path',
      );
    }
    const now = deps.now();
    const removed = await tx
      .updateTable('case_organisations')
      .set({ removed_at: now })
      .where('case_id', '=', caseId)
      .where('organisation_id', '=', organisationId)
      .where('removed_at', 'is', null)
      .returning('organisation_id')
      .executeTakeFirst();
    if (!removed) throw new DomainError('NOT_FOUND', 'This organisation does not take part in the case.');
    await tx
      .updateTable('case_members')
      .set({ removed_at: now })
      .where('case_id', '=', caseId)
      .where('organisation_id', '=', organisationId)
      .where('removed_at', 'is', null)
      .execute();
    const org = await tx.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'organisation_removed',
      summary: `${org?.name ?? 'Organisatie'} neemt niet meer deel aan de casus`,
      params: { organisation: org?.name ?? '' },
      reason: reason || null,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_organisation',
      recordId: caseId,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: caseId },
    });
  });
}

// --- Members ---------------------------------------------------------------------------------------

const CASE_ROLES = ROLES.filter((r) => can(r, 'cases:work'));
/** Who may be the case coordinator (the same rule as assertCoordinator in service.ts). */
const COORDINATOR_ROLES = ['case_coordinator', 'process_director'] as const;

/**
 * The organisations taking part in the case whose staff may be added now: participating and under a
 * signed covenant of the region (privacy/covenants.ts decides the latter).
 */
async function memberOrganisations(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('case_organisations')
    .select('organisation_id')
    .where('case_id', '=', caseId)
    .where('removed_at', 'is', null)
    .execute();
  const out: string[] = [];
  for (const r of rows) if (await hasSignedCovenant(tx, r.organisation_id)) out.push(r.organisation_id);
  return out;
}

/**
 * GET /cases/{id}/member-candidates — whom the case's managers can add as a member (active staff of
 * participating organisations who are not members yet) and, for its process directors, whom they can
 * choose as case coordinator. Sorted by name; each user shown is logged as read for the case.
 */
export async function listMemberCandidates(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  q: z.infer<typeof MemberCandidateQuery>,
) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const wantMembers = q.eligibleAs !== 'coordinator';
    const wantCoordinators = Boolean(c.actor_is_director) && q.eligibleAs !== 'member';
    const organisations = wantMembers ? await memberOrganisations(tx, caseId) : [];
    if (organisations.length === 0 && !wantCoordinators) return { items: [], nextCursor: null };

    const candidates = tx
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .innerJoin('region_organisations as ro', (j) =>
        j.onRef('ro.organisation_id', '=', 'u.organisation_id').on('ro.region_id', '=', actor.regionId),
      )
      .innerJoin('region_roles as rr', (j) =>
        j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', actor.regionId),
      )
      .select(['u.id', 'u.name', 'rr.role', 'o.id as organisation_id', 'o.name as organisation_name'])
      .select((eb) => [
        sql<boolean>`${
          organisations.length === 0
            ? sql<boolean>`false`
            : eb.and([
                eb('u.organisation_id', 'in', organisations),
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom('case_members as cm')
                      .select(sql`1`.as('one'))
                      .whereRef('cm.user_id', '=', 'u.id')
                      .where('cm.case_id', '=', caseId)
                      .where('cm.removed_at', 'is', null),
                  ),
                ),
              ])
        }`.as('as_member'),
        sql<boolean>`${wantCoordinators ? eb('rr.role', 'in', [...COORDINATOR_ROLES]) : sql<boolean>`false`}`.as(
          'as_coordinator',
        ),
      ])
      .where('u.disabled_at', 'is', null)
      .where('rr.role', 'in', CASE_ROLES);
    let query = tx
      .selectFrom(candidates.as('x'))
      .selectAll('x')
      .where((eb) => eb.or([eb('x.as_member', '=', true), eb('x.as_coordinator', '=', true)]))
      .orderBy('x.name')
      .orderBy('x.id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('x.name', '>', after[0]), eb.and([eb('x.name', '=', after[0]), eb('x.id', '>', after[1])])]),
      );
    }
    const result = page(await query.execute(), q.limit, (u) => [u.name, u.id]);
    if (result.items.length > 0) {
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'case_member_candidate',
        recordId: caseId,
        subjects: result.items.map((u) => ({ type: 'user' as const, id: u.id })),
        purpose: { type: 'case', id: caseId },
      });
    }
    const items: Out<typeof MemberCandidate>[] = result.items.map((u) => ({
      userId: u.id,
      name: u.name,
      role: u.role,
      organisation: { id: u.organisation_id, name: u.organisation_name },
      eligibleAs: [
        ...(u.as_member ? (['member'] as const) : []),
        ...(u.as_coordinator ? (['coordinator'] as const) : []),
      ],
    }));
    return { items, nextCursor: result.nextCursor };
  });
}

export async function addMember(deps: Deps, actor: Actor, traceId: string, caseId: string, userId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const user = await tx
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .innerJoin('region_organisations as ro', (j) =>
        j.onRef('ro.organisation_id', '=', 'u.organisation_id').on('ro.region_id', '=', actor.regionId),
      )
      .leftJoin('case_organisations as co', (j) =>
        j.onRef('co.organisation_id', '=', 'u.organisation_id').on('co.case_id', '=', caseId),
      )
      .leftJoin('region_roles as rr', (j) => j.onRef('rr.user_id', '=', 'u.id').on('rr.region_id', '=', actor.regionId))
      .select(['u.id', 'u.name', 'rr.role', 'u.organisation_id', 'u.disabled_at', 'o.name as organisation_name'])
      .select(['co.organisation_id as participating', 'co.removed_at as participation_removed_at'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    if (!user || user.disabled_at !== null) {
      throw refuse('/userId', 'invalid_reference', 'Choose an active user of this region.');
    }
    if (!user.role || !isRole(user.role) || !can(user.role, 'cases:work')) {
      throw refuse('/userId', 'role_without_case_access', 'This user’s role does not work on cases.');
    }
    if (!user.participating || user.participation_removed_at !== null) {
      throw refuse('/userId', 'organisation_not_participating', `Add ${user.organisation_name} to the case first.`);
    }
    // The organisation took part under a covenant; if that has ended since, none of its staff join.
    if (!(await hasSignedCovenant(tx, user.organisation_id))) {
      throw refuse('/userId', 'no_covenant', `${user.organisation_name} has no signed covenant of this region.`);
    }
    const existing = await tx
      .selectFrom('case_members')
      .select('removed_at')
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (existing && existing.removed_at === null) {
      throw new DomainError('CONFLICT', 'This user is already a member of the case.', {
        fields: [{ in: 'body', pointer: '/userId', code: 'duplicate', detail: 'Already a member.' }],
      });
    }
    const now = deps.now();
    const purpose = user.role === 'expert' ? 'expert' : 'partner';
    const values = {
      organisation_id: user.organisation_id,
      purpose,
      added_by: actor.userId,
      added_at: now,
      removed_at: null,
    };
    if (existing) {
      await tx
        .updateTable('case_members')
        .set(values)
        .where('case_id', '=', caseId)
        .where('user_id', '=', userId)
        .execute();
    } else {
      await tx
        .insertInto('case_members')
        .values({ ...values, region_id: actor.regionId, case_id: caseId, user_id: userId })
        .execute();
    }
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'member_added',
      summary: `${user.name} (${user.organisation_name}) toegevoegd aan de casus`,
      params: { name: user.name, organisation: user.organisation_name },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_member',
      recordId: caseId,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        { type: 'user', id: userId },
      ],
      purpose: { type: 'case', id: caseId },
    });
    return presentMember({ ...user, user_id: user.id, purpose, added_at: now });
  });
}

export async function removeMember(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  userId: string,
  reason: string | undefined,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const now = deps.now();
    const removed = await tx
      .updateTable('case_members')
      .set({ removed_at: now })
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .where('removed_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (!removed) throw new DomainError('NOT_FOUND', 'This user is not a member of the case.');
    const user = await tx
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .select(['u.name', 'o.name as organisation_name'])
      .where('u.id', '=', userId)
      .executeTakeFirst();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'member_removed',
      summary: `${user?.name ?? 'Lid'} (${user?.organisation_name ?? '?'}) verwijderd uit de casus`,
      params: { name: user?.name ?? '', organisation: user?.organisation_name ?? '' },
      reason: reason || null,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_member',
      recordId: caseId,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        { type: 'user', id: userId },
      ],
      purpose: { type: 'case', id: caseId },
    });
  });
}

// --- Related persons -------------------------------------------------------------------------------

export async function addRelatedPerson(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof RelatedPersonAdd>,
): Promise<Out<typeof RelatedPerson>> {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const now = deps.now();
    let personId: string;
    if (input.newPerson) {
      const p = input.newPerson;
      const created = await tx
        .insertInto('persons')
        .values({
          region_id: actor.regionId,
          first_name: p.firstName,
          name_prefix: p.namePrefix || null,
          last_name: p.lastName,
          date_of_birth: p.dateOfBirth ?? null,
          search_name: searchNameOf(p),
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personId = created.id;
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'create',
        recordType: 'person',
        recordId: personId,
        subjects: [{ type: 'person', id: personId }],
        purpose: { type: 'case', id: caseId },
      });
    } else {
      personId = input.personId as string;
      // Only a person the actor already sees (through a signal or a case): no discovery by id.
      const visible = await tx
        .selectFrom('persons')
        .select('persons.id')
        .where('persons.id', '=', personId)
        .where(personVisibleTo(actor))
        .executeTakeFirst();
      if (!visible) throw refuse('/personId', 'invalid_reference', 'Unknown person.');
    }
    if (personId === c.subject_person_id) {
      throw refuse('/personId', 'is_subject', 'The subject of the case cannot be their own related person.');
    }
    const link = await tx
      .insertInto('case_related_persons')
      .values({
        region_id: actor.regionId,
        case_id: caseId,
        person_id: personId,
        relation: input.relation,
        note: input.note || null,
        added_by: actor.userId,
        added_at: now,
      })
      .returning(['relation', 'note', 'added_at'])
      .executeTakeFirstOrThrow()
      .catch((e) =>
        rethrowConstraint(e, {
          case_related_persons_active_key: {
            pointer: '/personId',
            detail: 'This person is already related to the case.',
          },
        }),
      );
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'related_person_added',
      summary: `Verwante toegevoegd (${RELATION_NL[input.relation] ?? input.relation})`,
      params: { relation: input.relation },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_related_person',
      recordId: caseId,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        { type: 'person', id: personId },
      ],
      purpose: { type: 'case', id: caseId },
    });
    const person = await tx
      .selectFrom('persons')
      .select(['id', 'first_name', 'name_prefix', 'last_name', 'date_of_birth'])
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    return {
      person: presentPerson(person),
      relation: link.relation as Out<typeof RelatedPerson>['relation'],
      note: link.note,
      addedAt: link.added_at.toISOString(),
    };
  });
}

export async function removeRelatedPerson(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  personId: string,
  reason: string | undefined,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    const now = deps.now();
    const removed = await tx
      .updateTable('case_related_persons')
      .set({ removed_at: now })
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .where('removed_at', 'is', null)
      .returning('relation')
      .executeTakeFirst();
    if (!removed) throw new DomainError('NOT_FOUND', 'This person is not related to the case.');
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'related_person_removed',
      summary: `Verwante verwijderd (${RELATION_NL[removed.relation] ?? removed.relation})`,
      params: { relation: removed.relation },
      reason: reason || null,
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case_related_person',
      recordId: caseId,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        { type: 'person', id: personId },
      ],
      purpose: { type: 'case', id: caseId },
    });
  });
}
