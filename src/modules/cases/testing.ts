/**
 * Factories for tests of case-bound modules: rows written directly in a transaction of the demo
 * region (through `openCase`, as the triage decision would), without depending on other modules'
 * routes. Not used by the running application.
 */

import { randomUUID } from 'node:crypto';
import { DEMO_REGION_CODE } from '../../demo/seed.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { actorInRegion } from '../auth/test-support.js';
import { searchNameOf } from '../persons/search-name.js';
import { openCase } from './open-case.js';

export async function demoRegionId(deps: Deps): Promise<string> {
  const r = await withTx(deps.db, { regionId: null }, (tx) =>
    tx.selectFrom('regions').select('id').where('code', '=', DEMO_REGION_CODE).executeTakeFirstOrThrow(),
  );
  return r.id;
}

/** The actor of a demo user, as the auth hook would build it. */
export async function actorFor(deps: Deps, email: string): Promise<Actor> {
  return actorInRegion(deps.db, email, await demoRegionId(deps));
}

export async function organisationIdByName(tx: Tx, name: string): Promise<string> {
  const o = await tx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return o.id;
}

export interface SeededCase {
  caseId: string;
  reference: string;
  personId: string;
  version: number;
}

/**
 * A person and an open case on them, directed by the director's municipality; optionally with a
 * case coordinator, partner members (their organisations take part) and related persons.
 */
export async function seedCase(
  deps: Deps,
  options: {
    director?: string;
    coordinator?: string | null;
    members?: string[];
    firstName?: string;
    lastName?: string;
    dateOfBirth?: string | null;
    related?: Array<{ firstName: string; lastName: string; relation: string }>;
    priority?: 'normal' | 'high';
  } = {},
): Promise<SeededCase> {
  const director = await actorFor(deps, options.director ?? 'regisseur@delft.demo');
  const coordinator =
    options.coordinator === null ? null : await actorFor(deps, options.coordinator ?? 'coordinator@delft.demo');
  const members = await Promise.all((options.members ?? []).map((e) => actorFor(deps, e)));
  return withTx(deps.db, { regionId: director.regionId }, async (tx) => {
    const person = await insertPerson(tx, director, {
      firstName: options.firstName ?? 'Test',
      lastName: options.lastName ?? `Persoon ${randomUUID().slice(0, 6)}`,
      dateOfBirth: options.dateOfBirth === undefined ? '2004-03-02' : options.dateOfBirth,
    });
    const municipality = await tx
      .selectFrom('municipalities')
      .select('id')
      .where('organisation_id', '=', director.organisationId)
      .executeTakeFirstOrThrow();
    const created = await openCase(tx, director, randomUUID(), deps.now(), {
      subjectPersonId: person,
      signalIds: [],
      targetGroup: 'radicalised',
      riskGroup: 2,
      ideology: 'right_wing',
      directingMunicipalityId: municipality.id,
      caseCoordinatorId: coordinator?.userId ?? null,
      priority: options.priority ?? 'normal',
    });
    for (const m of members) {
      await tx
        .insertInto('case_organisations')
        .values({
          region_id: director.regionId,
          case_id: created.id,
          organisation_id: m.organisationId,
          added_by: director.userId,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx
        .insertInto('case_members')
        .values({
          region_id: director.regionId,
          case_id: created.id,
          user_id: m.userId,
          organisation_id: m.organisationId,
          purpose: m.role === 'expert' ? 'expert' : 'partner',
          added_by: director.userId,
        })
        .execute();
    }
    for (const r of options.related ?? []) {
      const id = await insertPerson(tx, director, { firstName: r.firstName, lastName: r.lastName, dateOfBirth: null });
      await tx
        .insertInto('case_related_persons')
        .values({
          region_id: director.regionId,
          case_id: created.id,
          person_id: id,
          relation: r.relation,
          added_by: director.userId,
        })
        .execute();
    }
    return { caseId: created.id, reference: created.reference, personId: person, version: 1 };
  });
}

async function insertPerson(
  tx: Tx,
  actor: Actor,
  p: { firstName: string; lastName: string; dateOfBirth: string | null },
): Promise<string> {
  const row = await tx
    .insertInto('persons')
    .values({
      region_id: actor.regionId,
      first_name: p.firstName,
      last_name: p.lastName,
      date_of_birth: p.dateOfBirth,
      search_name: searchNameOf(p),
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A final assessment of a person with the level an assessor chose. */
export async function addFinalAssessment(deps: Deps, personId: string, concernLevel: string, assessedOn: string) {
  const actor = await actorFor(deps, 'regisseur@delft.demo');
  await withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let framework = await tx.selectFrom('assessment_frameworks').select('id').executeTakeFirst();
    framework ??= await tx
      .insertInto('assessment_frameworks')
      .values({ region_id: actor.regionId, name: 'Testkader' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const last = await tx
      .selectFrom('assessments')
      .select((eb) => eb.fn.max('sequence').as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirst();
    await tx
      .insertInto('assessments')
      .values({
        region_id: actor.regionId,
        person_id: personId,
        framework_id: framework.id,
        sequence: Number(last?.n ?? 0) + 1,
        status: 'final',
        concern_level: concernLevel,
        rationale: 'Afweging van de beoordelaar.',
        assessed_on: assessedOn,
        assessed_by: actor.userId,
        organisation_id: actor.organisationId,
        finalised_at: new Date(),
      })
      .execute();
  });
}

/** An action of a case with a due date; owned by a user (or only by the directing organisation). */
export async function addAction(
  deps: Deps,
  caseId: string,
  options: { dueOn: string; owner?: string | null; status?: string },
): Promise<string> {
  const director = await actorFor(deps, 'regisseur@delft.demo');
  const owner = options.owner ? await actorFor(deps, options.owner) : null;
  return withTx(deps.db, { regionId: director.regionId }, async (tx) => {
    const row = await tx
      .insertInto('actions')
      .values({
        region_id: director.regionId,
        case_id: caseId,
        title: 'Huisbezoek',
        owner_organisation_id: owner?.organisationId ?? director.organisationId,
        owner_user_id: owner?.userId ?? null,
        due_on: options.dueOn,
        status: options.status ?? 'open',
        created_by: director.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
