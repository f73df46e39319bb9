import { addDays } from '../../core/case-lifecycle.js';
import { DomainError } from '../../core/errors.js';
import { addMonths } from '../../core/wgpa.js';
import type { Tx } from '../../platform/db/database.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { recordAccess } from '../access-log/record.js';
import { hasSignedCovenant } from '../privacy/covenants.js';
import { nextReference, recordCaseEvent, todayInNl } from './core.js';

export interface OpenCaseInput {
  subjectPersonId: string;
  signalIds: string[];
  targetGroup: string;
  riskGroup: number | null;
  ideology: string;
  directingMunicipalityId: string;
  caseCoordinatorId: string | null;
  priority: 'normal' | 'high';
}

const field = (pointer: string, detail: string) =>
  new DomainError('BUSINESS_RULE', detail, { fields: [{ in: 'body', pointer, code: 'invalid_reference', detail }] });

/**
 * Opens a case for the regional case conference (the "open case" triage decision). The acting
 * process director becomes its process director; the directing municipality's organisation takes
 * part from the start. Runs inside the caller's transaction.
 */
export async function openCase(tx: Tx, actor: Actor, traceId: string, now: Date, input: OpenCaseInput) {
  if (actor.role !== 'process_director') {
    throw new DomainError('FORBIDDEN', 'Only a process director opens a case.');
  }
  const municipality = await tx
    .selectFrom('municipalities')
    .select(['id', 'organisation_id'])
    .where('id', '=', input.directingMunicipalityId)
    .executeTakeFirst();
  if (!municipality?.organisation_id) throw field('/directingMunicipalityId', 'Unknown municipality.');
  if (municipality.organisation_id !== actor.organisationId) {
    throw field('/directingMunicipalityId', 'You can only open cases directed by your own municipality.');
  }
  // The directing municipality takes part from the start: like any organisation, only under a
  // signed covenant of the region (privacy/covenants.ts; membership.ts checks the others).
  if (!(await hasSignedCovenant(tx, municipality.organisation_id))) {
    const detail = 'The directing municipality has not signed a covenant of this region.';
    throw new DomainError('BUSINESS_RULE', detail, {
      fields: [{ in: 'body', pointer: '/directingMunicipalityId', code: 'no_covenant', detail }],
    });
  }
  if (input.caseCoordinatorId) {
    const coordinator = await tx
      .selectFrom('users')
      .innerJoin('region_organisations as m', (j) =>
        j.onRef('m.organisation_id', '=', 'users.organisation_id').on('m.region_id', '=', actor.regionId),
      )
      .innerJoin('region_roles as rr', (j) =>
        j.onRef('rr.user_id', '=', 'users.id').on('rr.region_id', '=', actor.regionId),
      )
      .select('users.id')
      .where('users.id', '=', input.caseCoordinatorId)
      .where('rr.role', 'in', ['case_coordinator', 'process_director'])
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (!coordinator) throw field('/caseCoordinatorId', 'Choose a case coordinator of this region.');
  }
  const settings = await tx
    .selectFrom('region_settings')
    .select(['proportionality_interval_days', 'inclusion_review_months'])
    .where('region_id', '=', actor.regionId)
    .executeTakeFirst();
  const today = todayInNl(now);
  const reference = await nextReference(tx, actor.regionId, 'C', today);
  const created = await tx
    .insertInto('cases')
    .values({
      region_id: actor.regionId,
      reference,
      subject_person_id: input.subjectPersonId,
      target_group: input.targetGroup,
      risk_group: input.riskGroup,
      ideology: input.ideology,
      directing_municipality_id: municipality.id,
      process_director_id: actor.userId,
      case_coordinator_id: input.caseCoordinatorId,
      priority: input.priority,
      opened_at: now,
      next_review_on: addDays(today, settings?.proportionality_interval_days ?? 91),
      // Wgpa: whether the person still belongs in the approach is reviewed at a fixed interval.
      next_inclusion_review_on: addMonths(today, settings?.inclusion_review_months ?? 12),
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow();
  for (const signalId of input.signalIds) {
    await tx
      .insertInto('case_signals')
      .values({ region_id: actor.regionId, case_id: created.id, signal_id: signalId })
      .execute();
  }
  await tx
    .insertInto('case_organisations')
    .values({
      region_id: actor.regionId,
      case_id: created.id,
      organisation_id: municipality.organisation_id,
      added_by: actor.userId,
    })
    .execute();
  await recordCaseEvent(tx, {
    regionId: actor.regionId,
    caseId: created.id,
    actorId: actor.userId,
    kind: 'opened',
    summary: `Casus ${reference} geopend`,
    params: { reference },
  });
  await recordAccess(tx, auditActor(actor, traceId), {
    action: 'create',
    recordType: 'case',
    recordId: created.id,
    subjects: [{ type: 'person', id: input.subjectPersonId }],
    purpose: { type: 'case', id: created.id },
  });
  return created;
}
