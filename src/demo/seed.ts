import { sql } from 'kysely';
import { seedAssessmentFramework } from '../modules/assessments/catalogue.js';
import { hashPassword } from '../modules/auth/password.js';
import { seedNetworksAndExpertise } from '../modules/networks/seed.js';
import { seedToolbox } from '../modules/plans/catalogue.js';
import { seedDemoCovenant } from '../modules/privacy/covenants.js';
import { seedProgramme } from '../modules/programme/catalogue.js';
import { seedIndicators } from '../modules/signals/catalogue.js';
import { seedInclusionCriteria } from '../modules/triage/inclusion-catalogue.js';
import { withTx } from '../platform/db/database.js';
import type { Deps } from '../platform/deps.js';
import { seedDemoCases } from './cases-seed.js';

/** Published in CONVENTIONS.md so that testers can sign in; never used outside the demo region. */
export const DEMO_PASSWORD = 'demo-schakel';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
export const DEMO_REGION_CODE = 'haaglanden';

const ORGANISATIONS = [
  { key: 'delft', name: 'Gemeente Delft', type: 'municipality' },
  { key: 'midden-delfland', name: 'Gemeente Midden-Delfland', type: 'municipality' },
  { key: 'rijswijk', name: 'Gemeente Rijswijk', type: 'municipality' },
  { key: 'westland', name: 'Gemeente Westland', type: 'municipality' },
  { key: 'politie', name: 'Politie', type: 'police' },
  { key: 'om', name: 'Openbaar Ministerie', type: 'public_prosecutor' },
  { key: 'ggz', name: 'GGZ Delfland', type: 'mental_health' },
  { key: 'jeugdbescherming', name: 'Jeugdbescherming', type: 'youth_protection' },
  { key: 'reclassering', name: 'Reclassering', type: 'probation' },
  { key: 'rvdk', name: 'Raad voor de Kinderbescherming', type: 'child_protection_board' },
  { key: 'veiligheidshuis', name: 'Zorg- en Veiligheidshuis Haaglanden', type: 'safety_house' },
  { key: 'pool', name: 'Expertisepool', type: 'expertise_pool' },
] as const;

const MUNICIPALITIES = [
  { org: 'delft', name: 'Delft', cbs: 'GM0503', coordinating: true },
  { org: 'midden-delfland', name: 'Midden-Delfland', cbs: 'GM1842', coordinating: false },
  { org: 'rijswijk', name: 'Rijswijk', cbs: 'GM0603', coordinating: false },
  { org: 'westland', name: 'Westland', cbs: 'GM1783', coordinating: false },
] as const;

export const DEMO_USERS = [
  { email: 'regisseur@delft.demo', name: 'Pieter de Regisseur', role: 'process_director', org: 'delft' },
  { email: 'coordinator@delft.demo', name: 'Carla Coördinator', role: 'case_coordinator', org: 'delft' },
  { email: 'politie@politie.demo', name: 'Bram Wijkagent', role: 'partner', org: 'politie' },
  { email: 'ggz@ggz.demo', name: 'Gerda van de GGZ', role: 'partner', org: 'ggz' },
  { email: 'regisseur@rijswijk.demo', name: 'Rik Regisseur', role: 'process_director', org: 'rijswijk' },
  { email: 'beleid@delft.demo', name: 'Bea Beleid', role: 'policy_officer', org: 'delft' },
  { email: 'netwerk@delft.demo', name: 'Nora Netwerk', role: 'network_director', org: 'delft' },
  { email: 'expert@pool.demo', name: 'Ed Expert', role: 'expert', org: 'pool' },
  { email: 'burgemeester@delft.demo', name: 'Burgemeester van Delft', role: 'executive', org: 'delft' },
  { email: 'fg@delft.demo', name: 'Femke Gegevensbescherming', role: 'privacy_officer', org: 'delft' },
  { email: 'beheer@delft.demo', name: 'Bart Beheer', role: 'admin', org: 'delft' },
  // A second functional admin, so that four-eyes grants can be tried (issue 8).
  { email: 'beheer2@delft.demo', name: 'Bianca Beheer', role: 'admin', org: 'delft' },
  // The police's privacy contact: decides whether police items may be disclosed (issue 12).
  { email: 'privacy@politie.demo', name: 'Petra Privacy', role: 'privacy_contact', org: 'politie' },
] as const;

export class DemoRefusedError extends Error {}

/**
 * Seeds the fictional demo region on an empty embedded database. Refuses to touch a database that
 * holds any other region, so demo mode can never be switched on against real data. Idempotent.
 */
export async function seedDemo(deps: Deps): Promise<'seeded' | 'present'> {
  if (deps.db.kind !== 'embedded') throw new DemoRefusedError('The demo region is only for the embedded database.');
  const regions = await withTx(deps.db, { regionId: null }, (tx) =>
    tx.selectFrom('regions').select(['code', 'is_demo']).execute(),
  );
  if (regions.some((r) => !r.is_demo)) {
    throw new DemoRefusedError('This database holds non-demo data; demo mode stays off.');
  }
  if (regions.some((r) => r.code === DEMO_REGION_CODE)) return 'present';
  await insertDemoRegion(deps);
  return 'seeded';
}

/** The demo region's rows; also used by the test suite on a PostgreSQL server. */
export async function insertDemoRegion(deps: Deps): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTx(deps.db, { regionId: null }, async (tx) => {
    const region = await tx
      .insertInto('regions')
      .values({ code: DEMO_REGION_CODE, name: 'Haaglanden (DEMO)', is_demo: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`select set_config('schakel.region_id', ${region.id}, true)`.execute(tx);
    const orgIds = new Map<string, string>();
    for (const o of ORGANISATIONS) {
      const row = await tx
        .insertInto('organisations')
        .values({ name: o.name, type: o.type, home_region_id: region.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.key, row.id);
      await tx.insertInto('region_organisations').values({ region_id: region.id, organisation_id: row.id }).execute();
    }
    for (const m of MUNICIPALITIES) {
      await tx
        .insertInto('municipalities')
        .values({
          region_id: region.id,
          organisation_id: orgIds.get(m.org) ?? null,
          name: m.name,
          cbs_code: m.cbs,
          district: 'District E',
          is_coordinating: m.coordinating,
        })
        .execute();
    }
    await seedIndicators(tx, region.id);
    await seedInclusionCriteria(tx, region.id);
    await seedAssessmentFramework(tx, region.id);
    await seedToolbox(tx, region.id);
    const now = deps.now();
    for (const u of DEMO_USERS) {
      const user = await tx
        .insertInto('users')
        .values({
          email: u.email,
          name: u.name,
          organisation_id: orgIds.get(u.org) as string,
          password_hash: passwordHash,
          totp_secret: deps.secrets.seal(DEMO_TOTP_SECRET),
          totp_enrolled_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // The demo accounts keep their roles, pre-approved (no admin requested them: the seed did).
      await tx
        .insertInto('role_grants')
        .values({
          region_id: region.id,
          user_id: user.id,
          role: u.role,
          status: 'active',
          reason: 'Demo-account',
          requested_at: now,
          decided_at: now,
        })
        .execute();
    }
    await seedNetworksAndExpertise(tx, region.id, now);
    await seedDemoCovenant(tx, region.id); // issue 4: organisations join cases only under a signed covenant
    await seedProgramme(tx, region.id); // issue 5: action lines and the intervention catalogue of seed 001
    await seedDemoCases(tx, region.id, now);
  });
}
