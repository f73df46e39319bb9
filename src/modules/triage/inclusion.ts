/**
 * Inclusion (weging, Wgpa): the criteria a region includes persons by, and the inclusion decision that
 * goes with every triage decision to open a case — the criteria that apply with reasons per
 * criterion, and the organisations that took part (at least gemeente, politie and OM).
 */
import type { z } from 'zod';
import { forbidden, notFound, ruleViolation, staleVersion } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { checkInclusion } from '../../core/wgpa.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { seedInclusionCriteria } from './inclusion-catalogue.js';
import type {
  Inclusion,
  InclusionCriterion,
  InclusionCriterionCreate,
  InclusionCriterionUpdate,
  InclusionInput,
} from './inclusion-schemas.js';

const COLUMNS = ['id', 'code', 'label_nl', 'label_en', 'sort', 'active', 'version'] as const;
type Row = {
  id: string;
  code: string;
  label_nl: string;
  label_en: string;
  sort: number;
  active: boolean;
  version: number;
};
const present = (r: Row): z.infer<typeof InclusionCriterion> => ({
  id: r.id,
  code: r.code,
  labelNl: r.label_nl,
  labelEn: r.label_en,
  sort: r.sort,
  active: r.active,
  version: r.version,
});

/** Read by whoever works on cases (the weging form) and by the admin who keeps the list. */
export async function listCriteria(deps: Deps, actor: Actor, includeInactive: boolean) {
  if (!can(actor.role, 'cases:work') && !can(actor.role, 'organisations:manage') && !can(actor.role, 'reports:read')) {
    throw forbidden();
  }
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    // A region created before the criteria existed gets the public formulation on first use.
    const any = await tx.selectFrom('inclusion_criteria').select('id').limit(1).executeTakeFirst();
    if (!any) await seedInclusionCriteria(tx, actor.regionId);
    let q = tx.selectFrom('inclusion_criteria').select(COLUMNS).orderBy('sort').orderBy('code');
    if (!includeInactive) q = q.where('active', '=', true);
    return { items: (await q.execute()).map(present) };
  });
}

const CONSTRAINTS = {
  inclusion_criteria_region_id_code_key: {
    pointer: '/code',
    detail: 'A criterion with this code exists in the region.',
  },
};

export async function createCriterion(deps: Deps, actor: Actor, input: z.infer<typeof InclusionCriterionCreate>) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let sort = input.sort;
    if (sort === undefined) {
      const max = await tx
        .selectFrom('inclusion_criteria')
        .select((eb) => eb.fn.max('sort').as('max'))
        .executeTakeFirst();
      sort = Number(max?.max ?? 0) + 10;
    }
    const row = await tx
      .insertInto('inclusion_criteria')
      .values({ region_id: actor.regionId, code: input.code, label_nl: input.labelNl, label_en: input.labelEn, sort })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, CONSTRAINTS));
    return present(row);
  });
}

export async function updateCriterion(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof InclusionCriterionUpdate>,
) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const existing = await tx.selectFrom('inclusion_criteria').select('id').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The inclusion criterion');
    const row = await tx
      .updateTable('inclusion_criteria')
      .set((eb) => ({
        ...(input.labelNl !== undefined ? { label_nl: input.labelNl } : {}),
        ...(input.labelEn !== undefined ? { label_en: input.labelEn } : {}),
        ...(input.sort !== undefined ? { sort: input.sort } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return present(row);
  });
}

/**
 * Checks a weging before anything is written: every criterion known and active, reasons per
 * criterion, every participant an organisation of the region, and gemeente, politie and OM among them.
 * Throws a 422 naming the fields (under /inclusion).
 */
export async function checkInclusionInput(tx: Tx, input: z.infer<typeof InclusionInput>): Promise<void> {
  const criterionIds = [...new Set(input.criteria.map((c) => c.criterionId))];
  const criteria = criterionIds.length
    ? await tx.selectFrom('inclusion_criteria').select(['id', 'active']).where('id', 'in', criterionIds).execute()
    : [];
  const active = new Map(criteria.map((c) => [c.id, c.active]));
  const orgIds = [...new Set(input.participantOrganisationIds)];
  const orgs = orgIds.length
    ? await tx
        .selectFrom('region_organisations as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
        .select(['o.id', 'o.type'])
        .where('o.id', 'in', orgIds)
        .execute()
    : [];
  const typeOf = new Map(orgs.map((o) => [o.id, o.type]));
  const issues = checkInclusion(
    {
      criteria: input.criteria,
      participantTypes: input.participantOrganisationIds.map((id) => typeOf.get(id) ?? null),
    },
    '/inclusion',
  );
  input.criteria.forEach((c, i) => {
    const state = active.get(c.criterionId);
    if (state === undefined) {
      issues.push({
        pointer: `/inclusion/criteria/${i}/criterionId`,
        code: 'unknown_reference',
        detail: 'Unknown criterion.',
      });
    } else if (!state) {
      issues.push({
        pointer: `/inclusion/criteria/${i}/criterionId`,
        code: 'inactive',
        detail: 'This criterion is no longer in use.',
      });
    }
  });
  const error = ruleViolation('The weging is not complete.', issues);
  if (error) throw error;
}

/** Writes the inclusion decision of a case (checked before by checkInclusionInput). */
export async function recordInclusion(
  tx: Tx,
  actor: Actor,
  facts: { caseId: string; triageDecisionId: string; today: string; now: Date },
  input: z.infer<typeof InclusionInput>,
): Promise<string> {
  const { id } = await tx
    .insertInto('inclusion_decisions')
    .values({
      region_id: actor.regionId,
      case_id: facts.caseId,
      triage_decision_id: facts.triageDecisionId,
      decided_on: input.decidedOn ?? facts.today,
      recorded_by: actor.userId,
      recorded_at: facts.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('inclusion_decision_criteria')
    .values(
      input.criteria.map((c) => ({
        region_id: actor.regionId,
        inclusion_decision_id: id,
        criterion_id: c.criterionId,
        reasons: c.reasons,
      })),
    )
    .execute();
  await tx
    .insertInto('inclusion_decision_participants')
    .values(
      [...new Set(input.participantOrganisationIds)].map((o) => ({
        region_id: actor.regionId,
        inclusion_decision_id: id,
        organisation_id: o,
      })),
    )
    .execute();
  return id;
}

/** The inclusion decision of a case, or null (cases opened before the weging was recorded have none). */
export async function inclusionOfCase(tx: Tx, caseId: string): Promise<z.infer<typeof Inclusion> | null> {
  const d = await tx
    .selectFrom('inclusion_decisions as d')
    .innerJoin('users as u', 'u.id', 'd.recorded_by')
    .select(['d.id', 'd.decided_on', 'd.recorded_at', 'u.id as user_id', 'u.name as user_name'])
    .where('d.case_id', '=', caseId)
    .executeTakeFirst();
  if (!d) return null;
  const criteria = await tx
    .selectFrom('inclusion_decision_criteria as dc')
    .innerJoin('inclusion_criteria as c', 'c.id', 'dc.criterion_id')
    .select(['c.id', 'c.code', 'c.label_nl', 'c.label_en', 'dc.reasons'])
    .where('dc.inclusion_decision_id', '=', d.id)
    .orderBy('c.sort')
    .execute();
  const participants = await tx
    .selectFrom('inclusion_decision_participants as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name', 'o.type'])
    .where('p.inclusion_decision_id', '=', d.id)
    .orderBy('o.name')
    .execute();
  return {
    id: d.id,
    decidedOn: d.decided_on,
    criteria: criteria.map((c) => ({
      criterion: { id: c.id, code: c.code, labelNl: c.label_nl, labelEn: c.label_en },
      reasons: c.reasons,
    })),
    participants: participants.map((p) => ({ id: p.id, name: p.name, type: p.type })),
    recordedBy: { id: d.user_id, name: d.user_name },
    recordedAt: d.recorded_at.toISOString(),
  };
}
