/** Cases: the list, the case page and changing a case's own fields. */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type ConcernLevel, concernTrend, type EscalationLevel, type Phase } from '../../core/case-lifecycle.js';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { recordCaseEvent } from './core.js';
import { allowedEscalations, allowedTransitions } from './lifecycle.js';
import {
  displayName,
  POLICE_OR_PROSECUTION_TYPES,
  presentCaseRecord,
  presentContribution,
  presentEvent,
  presentPerson,
} from './presenters.js';
import type { CaseDetail, CaseListItem, CaseListQuery, CaseUpdate } from './schemas.js';
import {
  caseVisibleTo,
  contributionVisibleTo,
  isDirectorOf,
  managesCase,
  requireManageableCase,
} from './visibility.js';

type Out<T extends z.ZodType> = z.infer<T>;

export const scopeOf = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

// --- List ------------------------------------------------------------------------------------------

export async function listCases(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof CaseListQuery>) {
  const after = decodeCursor(q.cursor, ['string']) as [string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = tx
      .selectFrom('cases')
      .innerJoin('persons as p', 'p.id', 'cases.subject_person_id')
      .innerJoin('municipalities as mu', 'mu.id', 'cases.directing_municipality_id')
      .select([
        'cases.id',
        'cases.reference',
        'cases.subject_person_id',
        'p.first_name',
        'p.name_prefix',
        'p.last_name',
        'cases.target_group',
        'cases.ideology',
        'cases.priority',
        'cases.phase',
        'cases.escalation_level',
        'cases.directing_municipality_id',
        'mu.name as municipality_name',
        'cases.next_review_on',
        'cases.revisit_on',
        'cases.opened_at',
        'cases.version',
      ])
      .where(caseVisibleTo(actor))
      .orderBy('cases.reference')
      .limit(q.limit + 1);
    if (q.phase) query = query.where('cases.phase', '=', q.phase);
    if (q.municipalityId) query = query.where('cases.directing_municipality_id', '=', q.municipalityId);
    if (q.targetGroup) query = query.where('cases.target_group', '=', q.targetGroup);
    if (after) query = query.where('cases.reference', '>', String(after[0]));
    const rows = await query.execute();
    const result = page(rows, q.limit, (c) => [c.reference]);
    if (result.items.length > 0) {
      // One entry per subject shown; a list serves several cases, so its purpose is the list itself.
      await recordAccess(tx, auditActor(actor, traceId), {
        action: 'read',
        recordType: 'case',
        recordId: null,
        subjects: result.items.map((c) => ({ type: 'person' as const, id: c.subject_person_id })),
        purpose: { type: 'case-list' },
      });
    }
    const items: Out<typeof CaseListItem>[] = result.items.map((c) => ({
      id: c.id,
      reference: c.reference,
      subject: { id: c.subject_person_id, name: displayName(c) },
      targetGroup: c.target_group as Out<typeof CaseListItem>['targetGroup'],
      ideology: c.ideology as Out<typeof CaseListItem>['ideology'],
      priority: c.priority as Out<typeof CaseListItem>['priority'],
      phase: c.phase as Out<typeof CaseListItem>['phase'],
      escalationLevel: c.escalation_level as Out<typeof CaseListItem>['escalationLevel'],
      directingMunicipality: { id: c.directing_municipality_id, name: c.municipality_name },
      nextReviewOn: c.next_review_on,
      revisitOn: c.revisit_on,
      openedAt: c.opened_at.toISOString(),
      version: c.version,
    }));
    return { items, nextCursor: result.nextCursor };
  });
}

// --- The case page ---------------------------------------------------------------------------------

/** The subject and the active related persons of a case: the data subjects of its access-log entries. */
export async function caseSubjects(tx: Tx, caseId: string): Promise<Array<{ type: 'person'; id: string }>> {
  const rows = await tx
    .selectFrom('cases')
    .select('cases.subject_person_id as person_id')
    .where('cases.id', '=', caseId)
    .unionAll(
      tx
        .selectFrom('case_related_persons')
        .select('case_related_persons.person_id')
        .where('case_related_persons.case_id', '=', caseId)
        .where('case_related_persons.removed_at', 'is', null),
    )
    .execute();
  return rows.map((r) => ({ type: 'person' as const, id: r.person_id }));
}

/** Contributions of a case that the actor may see; the scope filter is part of the SQL. */
export function visibleContributions(tx: Tx, actor: Actor, caseId: string) {
  return tx
    .selectFrom('case_contributions')
    .innerJoin('cases', 'cases.id', 'case_contributions.case_id')
    .innerJoin('organisations as o', 'o.id', 'case_contributions.organisation_id')
    .innerJoin('users as au', 'au.id', 'case_contributions.author_id')
    .select([
      'case_contributions.id',
      'case_contributions.case_id',
      'case_contributions.meeting_id',
      'case_contributions.organisation_id',
      'o.name as organisation_name',
      'o.type as organisation_type',
      'case_contributions.author_id',
      'au.name as author_name',
      'case_contributions.body',
      'case_contributions.legal_regime',
      'case_contributions.legal_regime_reason',
      'case_contributions.scope',
      'case_contributions.created_at',
    ])
    .where('case_contributions.case_id', '=', caseId)
    .where(contributionVisibleTo(actor));
}

export async function getCase(deps: Deps, actor: Actor, traceId: string, caseId: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await tx
      .selectFrom('cases')
      .innerJoin('persons as p', 'p.id', 'cases.subject_person_id')
      .innerJoin('municipalities as mu', 'mu.id', 'cases.directing_municipality_id')
      .innerJoin('users as pd', 'pd.id', 'cases.process_director_id')
      .leftJoin('users as cc', 'cc.id', 'cases.case_coordinator_id')
      .selectAll('cases')
      .select([
        'p.first_name',
        'p.name_prefix',
        'p.last_name',
        'p.date_of_birth',
        'mu.name as municipality_name',
        'mu.organisation_id as municipality_organisation_id',
        'pd.name as process_director_name',
        'cc.name as coordinator_name',
      ])
      .select((eb) => [
        sql<boolean>`${isDirectorOf(actor)(eb)}`.as('actor_is_director'),
        sql<boolean>`${managesCase(actor)(eb)}`.as('actor_manages'),
      ])
      .where('cases.id', '=', caseId)
      .where(caseVisibleTo(actor))
      .executeTakeFirst();
    if (!c) throw notFound('The case');

    const [related, organisations, members, contributions, events, assessments] = await Promise.all([
      tx
        .selectFrom('case_related_persons as r')
        .innerJoin('persons as p', 'p.id', 'r.person_id')
        .select([
          'p.id',
          'p.first_name',
          'p.name_prefix',
          'p.last_name',
          'p.date_of_birth',
          'r.relation',
          'r.note',
          'r.added_at',
        ])
        .where('r.case_id', '=', caseId)
        .where('r.removed_at', 'is', null)
        .orderBy('r.added_at')
        .execute(),
      tx
        .selectFrom('case_organisations as co')
        .innerJoin('organisations as o', 'o.id', 'co.organisation_id')
        .select(['o.id', 'o.name', 'o.type', 'co.added_at'])
        .where('co.case_id', '=', caseId)
        .where('co.removed_at', 'is', null)
        .orderBy('co.added_at')
        .execute(),
      tx
        .selectFrom('case_members as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .leftJoin('region_roles as rr', (j) =>
          j.onRef('rr.user_id', '=', 'm.user_id').onRef('rr.region_id', '=', 'm.region_id'),
        )
        .select(['m.user_id', 'u.name', 'rr.role', 'm.organisation_id', 'm.purpose', 'm.added_at'])
        .where('m.case_id', '=', caseId)
        .where('m.removed_at', 'is', null)
        .orderBy('u.name')
        .execute(),
      visibleContributions(tx, actor, caseId)
        .orderBy('case_contributions.created_at', 'desc')
        .orderBy('case_contributions.id', 'desc')
        .limit(200)
        .execute(),
      tx
        .selectFrom('case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select([
          'e.id',
          'e.occurred_at',
          'e.actor_id',
          'u.name as actor_name',
          'e.kind',
          'e.summary',
          'e.params',
          'e.reason',
        ])
        .where('e.case_id', '=', caseId)
        .orderBy('e.occurred_at', 'desc')
        .orderBy('e.id', 'desc')
        .limit(500)
        .execute(),
      tx
        .selectFrom('assessments')
        .select(['assessed_on', 'concern_level'])
        .where('person_id', '=', c.subject_person_id)
        .where('status', '=', 'final')
        .orderBy('sequence')
        .execute(),
    ]);

    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'case',
      recordId: caseId,
      subjects: [
        { type: 'person', id: c.subject_person_id },
        ...related.map((r) => ({ type: 'person' as const, id: r.id })),
      ],
      purpose: { type: 'case', id: caseId },
    });

    const history = assessments
      .filter((a) => a.concern_level !== null)
      .map((a) => ({ assessedOn: a.assessed_on, concernLevel: a.concern_level as ConcernLevel }));
    const latest = history[history.length - 1]?.concernLevel ?? null;
    const previous = history[history.length - 2]?.concernLevel ?? null;
    const record = presentCaseRecord(c);
    const { subjectPersonId, directingMunicipalityId, processDirectorId, caseCoordinatorId, ...own } = record;
    const detail: Out<typeof CaseDetail> = {
      ...own,
      subject: presentPerson({ ...c, id: c.subject_person_id }),
      relatedPersons: related.map((r) => ({
        person: presentPerson(r),
        relation: r.relation as Out<typeof CaseDetail>['relatedPersons'][number]['relation'],
        note: r.note,
        addedAt: r.added_at.toISOString(),
      })),
      directingMunicipality: { id: directingMunicipalityId, name: c.municipality_name },
      processDirector: { id: processDirectorId, name: c.process_director_name },
      caseCoordinator: caseCoordinatorId ? { id: caseCoordinatorId, name: c.coordinator_name ?? '' } : null,
      organisations: organisations.map((o) => ({
        organisationId: o.id,
        name: o.name,
        type: o.type,
        isPoliceOrProsecution: POLICE_OR_PROSECUTION_TYPES.includes(o.type),
        isDirecting: o.id === c.municipality_organisation_id,
        addedAt: o.added_at.toISOString(),
        members: members
          .filter((m) => m.organisation_id === o.id)
          .map((m) => ({
            userId: m.user_id,
            name: m.name,
            role: m.role ?? '',
            organisationId: m.organisation_id,
            purpose: m.purpose as 'partner' | 'expert',
            addedAt: m.added_at.toISOString(),
          })),
      })),
      concern: { level: latest, trend: concernTrend(previous, latest), history },
      contributions: contributions.map(presentContribution),
      timeline: events.map(presentEvent),
      allowedTransitions: allowedTransitions(c.phase as Phase, Boolean(c.actor_manages)),
      allowedEscalations: allowedEscalations(
        c.escalation_level as EscalationLevel,
        c.phase as Phase,
        Boolean(c.actor_manages),
      ),
      permissions: { manage: Boolean(c.actor_manages), isDirector: Boolean(c.actor_is_director) },
    };
    return detail;
  });
}

// --- Changing the case -----------------------------------------------------------------------------

const FIELD_NL: Record<string, string> = {
  targetGroup: 'doelgroep',
  riskGroup: 'risicogroep',
  ideology: 'ideologie',
  priority: 'prioriteit',
  caseCoordinatorId: 'casuscoördinator',
};

/** A case coordinator must be an active case coordinator or process director of the region. */
export async function assertCoordinator(tx: Tx, actor: Actor, userId: string, pointer = '/caseCoordinatorId') {
  const found = await tx
    .selectFrom('users')
    .innerJoin('region_organisations as m', (j) =>
      j.onRef('m.organisation_id', '=', 'users.organisation_id').on('m.region_id', '=', actor.regionId),
    )
    .innerJoin('region_roles as rr', (j) =>
      j.onRef('rr.user_id', '=', 'users.id').on('rr.region_id', '=', actor.regionId),
    )
    .select('users.id')
    .where('users.id', '=', userId)
    .where('rr.role', 'in', ['case_coordinator', 'process_director'])
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!found) {
    const detail = 'Choose an active case coordinator or process director of this region.';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer, code: 'invalid_reference', detail }],
    });
  }
}

export async function updateCase(
  deps: Deps,
  actor: Actor,
  traceId: string,
  caseId: string,
  input: z.infer<typeof CaseUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const c = await requireManageableCase(tx, actor, caseId);
    if (c.version !== input.version) throw staleVersion();
    if (input.caseCoordinatorId) await assertCoordinator(tx, actor, input.caseCoordinatorId);
    const changes: Record<string, unknown> = {};
    const changed: string[] = [];
    const maybe = (key: keyof typeof FIELD_NL, column: string, value: unknown, current: unknown) => {
      if (value !== undefined && value !== current) {
        changes[column] = value;
        changed.push(key);
      }
    };
    maybe('targetGroup', 'target_group', input.targetGroup, c.target_group);
    maybe('riskGroup', 'risk_group', input.riskGroup, c.risk_group);
    maybe('ideology', 'ideology', input.ideology, c.ideology);
    maybe('priority', 'priority', input.priority, c.priority);
    maybe('caseCoordinatorId', 'case_coordinator_id', input.caseCoordinatorId, c.case_coordinator_id);
    if (changed.length === 0) return presentCaseRecord(c);
    const now = deps.now();
    const updated = await tx
      .updateTable('cases')
      .set((eb) => ({ ...changes, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', caseId)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw staleVersion();
    await recordCaseEvent(tx, {
      regionId: actor.regionId,
      caseId,
      actorId: actor.userId,
      kind: 'updated',
      summary: `Gewijzigd: ${changed.map((k) => FIELD_NL[k]).join(', ')}`,
      params: { fields: changed.join(',') },
      at: now,
    });
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'case',
      recordId: caseId,
      subjects: [{ type: 'person', id: c.subject_person_id }],
      purpose: { type: 'case', id: caseId },
    });
    return presentCaseRecord(updated);
  });
}
