import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, forbidden, notFound, staleVersion } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { seedAssessmentFramework } from '../assessments/catalogue.js';
import { seedTrainings } from '../expertise/catalogue.js';
import { seedToolbox } from '../plans/catalogue.js';
import { seedProgramme } from '../programme/catalogue.js';
import { seedIndicators } from '../signals/catalogue.js';
import { seedInclusionCriteria } from '../triage/inclusion-catalogue.js';
import type {
  MunicipalityCreate,
  MunicipalityUpdate,
  OrganisationCreate,
  OrganisationUpdate,
  RegionCreate,
  RegionUpdate,
} from './schemas.js';

const presentRegion = (r: { id: string; code: string; name: string; is_demo: boolean; version: number }) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  isDemo: r.is_demo,
  version: r.version,
});
const presentOrganisation = (
  actor: Actor,
  o: { id: string; name: string; type: string; home_region_id: string | null; version: number },
) => ({
  id: o.id,
  name: o.name,
  type: o.type as z.infer<typeof OrganisationCreate>['type'],
  administered: o.home_region_id === actor.regionId,
  version: o.version,
});
const presentMunicipality = (m: {
  id: string;
  name: string;
  cbs_code: string | null;
  district: string | null;
  is_coordinating: boolean;
  organisation_id: string | null;
  version: number;
}) => ({
  id: m.id,
  name: m.name,
  cbsCode: m.cbs_code,
  district: m.district,
  isCoordinating: m.is_coordinating,
  organisationId: m.organisation_id,
  version: m.version,
});

const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

/** Regions the actor's organisation takes part in. */
export async function listRegions(deps: Deps, actor: Actor) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const rows = await tx
      .selectFrom('regions as r')
      .innerJoin('region_organisations as m', 'm.region_id', 'r.id')
      .select(['r.id', 'r.code', 'r.name', 'r.is_demo', 'r.version'])
      .where('m.organisation_id', '=', actor.organisationId)
      .orderBy('r.name')
      .execute();
    return rows.map(presentRegion);
  });
}

/**
 * The shared catalogues every region starts with, all public texts from the seed documents: the signal
 * indicators, the public assessment framework, the toolbox of the plan of approach, the action lines
 * and intervention catalogue of the programme, and the training catalogue. No personal data. Runs in
 * the caller's transaction with `schakel.region_id` set to the region.
 */
export async function seedRegionCatalogues(tx: Tx, regionId: string): Promise<void> {
  await seedIndicators(tx, regionId);
  await seedInclusionCriteria(tx, regionId);
  await seedAssessmentFramework(tx, regionId);
  await seedToolbox(tx, regionId);
  await seedProgramme(tx, regionId);
  await seedTrainings(tx, regionId);
}

/**
 * A new region; the admin's own organisation takes part in it, and the admin holds the first admin
 * grant there, so that it can be managed. Nothing else carries over: the organisation's home region
 * (which administers its accounts) stays where it is, and no other user gains anything in the new
 * region until its admins grant it. It starts with the shared catalogues, in the same transaction: a
 * region never exists without them.
 */
export async function createRegion(deps: Deps, actor: Actor, input: z.infer<typeof RegionCreate>) {
  return withTx(deps.db, { regionId: null }, async (tx) => {
    const region = await tx
      .insertInto('regions')
      .values({ code: input.code, name: input.name })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((e) =>
        rethrowConstraint(e, { regions_code_key: { pointer: '/code', detail: 'A region with this code exists.' } }),
      );
    // The membership row belongs to the new tenant: write it in that tenant's scope.
    await sql`select set_config('schakel.region_id', ${region.id}, true)`.execute(tx);
    await tx
      .insertInto('region_organisations')
      .values({ region_id: region.id, organisation_id: actor.organisationId })
      .execute();
    await tx
      .insertInto('role_grants')
      .values({
        region_id: region.id,
        user_id: actor.userId,
        role: 'admin',
        status: 'active',
        reason: 'Heeft de regio aangemaakt',
        requested_by: actor.userId,
        requested_at: deps.now(),
        decided_at: deps.now(),
      })
      .execute();
    await seedRegionCatalogues(tx, region.id);
    return presentRegion(region);
  });
}

async function assertMemberRegion(tx: Tx, actor: Actor, regionId: string) {
  const row = await tx
    .selectFrom('region_organisations')
    .select('region_id')
    .where('region_id', '=', regionId)
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst();
  if (!row) throw notFound('The region');
}

export async function updateRegion(deps: Deps, actor: Actor, id: string, input: z.infer<typeof RegionUpdate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    await assertMemberRegion(tx, actor, id);
    const row = await tx
      .updateTable('regions')
      .set((eb) => ({ name: input.name, version: eb('version', '+', 1), updated_at: deps.now() }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw staleVersion();
    return presentRegion(row);
  });
}

/** Organisations taking part in the actor's current region. */
export async function listOrganisations(deps: Deps, actor: Actor) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const rows = await tx
      .selectFrom('organisations as o')
      .innerJoin('region_organisations as m', 'm.organisation_id', 'o.id')
      .select(['o.id', 'o.name', 'o.type', 'o.home_region_id', 'o.version'])
      .where('m.region_id', '=', actor.regionId)
      .orderBy('o.name')
      .execute();
    return rows.map((o) => presentOrganisation(actor, o));
  });
}

export async function createOrganisation(deps: Deps, actor: Actor, input: z.infer<typeof OrganisationCreate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const org = await tx
      .insertInto('organisations')
      .values({ name: input.name, type: input.type, home_region_id: actor.regionId })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((e) =>
        rethrowConstraint(e, {
          organisations_name_key: { pointer: '/name', detail: 'An organisation with this name exists.' },
        }),
      );
    await tx
      .insertInto('region_organisations')
      .values({ region_id: actor.regionId, organisation_id: org.id })
      .execute();
    return presentOrganisation(actor, org);
  });
}

async function assertOrganisationInRegion(tx: Tx, actor: Actor, organisationId: string, pointer?: string) {
  const row = await tx
    .selectFrom('region_organisations')
    .select('organisation_id')
    .where('region_id', '=', actor.regionId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!row) {
    if (pointer) {
      throw new DomainError('BUSINESS_RULE', 'The organisation does not take part in this region.', {
        fields: [{ in: 'body', pointer, code: 'unknown_reference', detail: 'Choose an organisation of this region.' }],
      });
    }
    throw notFound('The organisation');
  }
}

export async function updateOrganisation(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof OrganisationUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    await assertOrganisationInRegion(tx, actor, id);
    const home = await tx.selectFrom('organisations').select('home_region_id').where('id', '=', id).executeTakeFirst();
    if (home?.home_region_id !== actor.regionId) {
      throw forbidden('Only the home region of an organisation changes it.');
    }
    const row = await tx
      .updateTable('organisations')
      .set((eb) => ({ name: input.name, type: input.type, version: eb('version', '+', 1), updated_at: deps.now() }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst()
      .catch((e) =>
        rethrowConstraint(e, {
          organisations_name_key: { pointer: '/name', detail: 'An organisation with this name exists.' },
        }),
      );
    if (!row) throw staleVersion();
    return presentOrganisation(actor, row);
  });
}

export async function listMunicipalities(deps: Deps, actor: Actor) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const rows = await tx.selectFrom('municipalities').selectAll().orderBy('district').orderBy('name').execute();
    return rows.map(presentMunicipality);
  });
}

const MUNICIPALITY_CONSTRAINTS = {
  municipalities_region_id_name_key: {
    pointer: '/name',
    detail: 'A municipality with this name exists in the region.',
  },
  municipalities_coordinating_key: {
    pointer: '/isCoordinating',
    detail: 'The district already has a coordinating municipality.',
  },
};

export async function createMunicipality(deps: Deps, actor: Actor, input: z.infer<typeof MunicipalityCreate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    if (input.organisationId) await assertOrganisationInRegion(tx, actor, input.organisationId, '/organisationId');
    const row = await tx
      .insertInto('municipalities')
      .values({
        region_id: actor.regionId,
        name: input.name,
        cbs_code: input.cbsCode ?? null,
        district: input.district ?? null,
        is_coordinating: input.isCoordinating,
        organisation_id: input.organisationId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, MUNICIPALITY_CONSTRAINTS));
    return presentMunicipality(row);
  });
}

export async function updateMunicipality(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof MunicipalityUpdate>,
) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const existing = await tx.selectFrom('municipalities').select('version').where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The municipality');
    if (input.organisationId) await assertOrganisationInRegion(tx, actor, input.organisationId, '/organisationId');
    const row = await tx
      .updateTable('municipalities')
      .set((eb) => ({
        name: input.name,
        cbs_code: input.cbsCode ?? null,
        district: input.district ?? null,
        is_coordinating: input.isCoordinating,
        organisation_id: input.organisationId ?? null,
        version: eb('version', '+', 1),
        updated_at: deps.now(),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst()
      .catch((e) => rethrowConstraint(e, MUNICIPALITY_CONSTRAINTS));
    if (!row) throw staleVersion();
    return presentMunicipality(row);
  });
}

export { assertOrganisationInRegion };
