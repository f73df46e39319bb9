/**
 * Test-only helpers of the assessments and plans tests: prerequisite rows (persons, signals, cases
 * with partners and members) written directly in a transaction, so the tests do not depend on the
 * routes of other modules. Not used by the application.
 */

import { randomUUID } from 'node:crypto';
import { DEMO_REGION_CODE } from '../../demo/seed.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { actorInRegion } from '../auth/test-support.js';
import { openCase } from '../cases/open-case.js';

interface Env {
  deps: Deps;
}

export async function demoRegionId(env: Env): Promise<string> {
  const row = await env.deps.db.owner
    .selectFrom('regions')
    .select('id')
    .where('code', '=', DEMO_REGION_CODE)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The actor of a demo user, as the auth hook would build it. */
export async function actorFor(env: Env, email: string): Promise<Actor> {
  return actorInRegion(env.deps.db, email, await demoRegionId(env));
}

export async function organisationIdByName(env: Env, name: string): Promise<string> {
  const row = await env.deps.db.owner
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function municipalityIdByName(env: Env, name: string): Promise<string> {
  const row = await env.deps.db.owner
    .selectFrom('municipalities')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createPerson(env: Env, firstName = 'Testpersoon', lastName = 'Fictief'): Promise<string> {
  const regionId = await demoRegionId(env);
  return withTx(env.deps.db, { regionId }, async (tx) => {
    const row = await tx
      .insertInto('persons')
      .values({
        region_id: regionId,
        first_name: firstName,
        last_name: lastName,
        search_name: `${firstName} ${lastName}`.toLowerCase(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** A signal about `personId`, registered by `registrant` for a municipality (default Delft). */
export async function createSignal(
  env: Env,
  registrant: Actor,
  personId: string,
  municipality = 'Delft',
): Promise<string> {
  const municipalityId = await municipalityIdByName(env, municipality);
  return withTx(env.deps.db, { regionId: registrant.regionId }, async (tx) => {
    const signal = await tx
      .insertInto('signals')
      .values({
        region_id: registrant.regionId,
        reference: `S-T-${randomUUID().slice(0, 8)}`,
        municipality_id: municipalityId,
        source_organisation_id: registrant.organisationId,
        received_on: '2026-01-05',
        ideology: 'other_unclear',
        urgency: 'normal',
        description: 'Fictieve melding voor een test.',
        created_by: registrant.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('signal_subjects')
      .values({
        region_id: registrant.regionId,
        signal_id: signal.id,
        person_id: personId,
        link_kind: 'new_person',
        linked_by: registrant.userId,
      })
      .execute();
    return signal.id;
  });
}

export interface TestCase {
  caseId: string;
  reference: string;
  personId: string;
}

/**
 * A case opened by regisseur@delft.demo (directing municipality Delft), with coordinator@delft.demo as
 * case coordinator and the given partner organisations taking part with the given members.
 */
export async function createCase(
  env: Env,
  options: {
    personId?: string;
    targetGroup?: string;
    partners?: Array<{ organisation: string; members: string[] }>;
    phase?: string;
  } = {},
): Promise<TestCase> {
  const director = await actorFor(env, 'regisseur@delft.demo');
  const coordinator = await actorFor(env, 'coordinator@delft.demo');
  const personId = options.personId ?? (await createPerson(env));
  const delft = await municipalityIdByName(env, 'Delft');
  const partners: Array<{ organisationId: string; members: string[] }> = [];
  for (const p of options.partners ?? []) {
    const organisationId = await organisationIdByName(env, p.organisation);
    const members: string[] = [];
    for (const email of p.members) members.push((await actorFor(env, email)).userId);
    partners.push({ organisationId, members });
  }
  return withTx(env.deps.db, { regionId: director.regionId }, async (tx) => {
    const created = await openCase(tx, director, randomUUID(), env.deps.now(), {
      subjectPersonId: personId,
      signalIds: [],
      targetGroup: options.targetGroup ?? 'radicalised',
      riskGroup: null,
      ideology: 'other_unclear',
      directingMunicipalityId: delft,
      caseCoordinatorId: coordinator.userId,
      priority: 'normal',
    });
    for (const p of partners) {
      await tx
        .insertInto('case_organisations')
        .values({
          region_id: director.regionId,
          case_id: created.id,
          organisation_id: p.organisationId,
          added_by: director.userId,
        })
        .execute();
      for (const userId of p.members) {
        await tx
          .insertInto('case_members')
          .values({
            region_id: director.regionId,
            case_id: created.id,
            user_id: userId,
            organisation_id: p.organisationId,
            added_by: director.userId,
          })
          .execute();
      }
    }
    if (options.phase) {
      await tx.updateTable('cases').set({ phase: options.phase }).where('id', '=', created.id).execute();
    }
    return { caseId: created.id, reference: created.reference, personId };
  });
}

/** Removes a partner organisation from a case (its members lose access on the next request). */
export async function removeOrganisationFromCase(env: Env, caseId: string, organisation: string): Promise<void> {
  const organisationId = await organisationIdByName(env, organisation);
  await env.deps.db.owner
    .updateTable('case_organisations')
    .set({ removed_at: new Date() })
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** Access-log entries about a record, read as the owner. */
export async function accessEntries(env: Env, recordId: string) {
  return env.deps.db.owner
    .selectFrom('access_log')
    .select(['action', 'record_type', 'subject_type', 'subject_id', 'purpose_type', 'purpose_id', 'actor_user_id'])
    .where('record_id', '=', recordId)
    .orderBy('seq')
    .execute();
}

/** Every number-typed value in a JSON document, with its path (to prove there is no score). */
export function numberPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numberPaths(v, `${path}/${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => numberPaths(v, `${path}/${k}`));
  }
  return [];
}

/** Every key in a JSON document. */
export function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  }
  return [];
}
