/** Helpers of the programme, quick scan and report tests. */

import type { TestApp } from '../../../test/harness.js';
import type { Role } from '../../core/roles.js';
import { DEMO_TOTP_SECRET } from '../../demo/seed.js';
import { grantRoleDirectly } from '../auth/test-support.js';

/** A user of a demo organisation, made directly in the database with the demo password and TOTP secret. */
export async function addDemoUser(t: TestApp, email: string, role: Role, organisationName: string): Promise<string> {
  const owner = t.db.owner;
  const { password_hash } = await owner
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'beheer@delft.demo')
    .executeTakeFirstOrThrow();
  const org = await owner
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', organisationName)
    .executeTakeFirstOrThrow();
  const user = await owner
    .insertInto('users')
    .values({
      email,
      name: `Test ${role}`,
      organisation_id: org.id,
      password_hash,
      totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET),
      totp_enrolled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await grantRoleDirectly(t.db, { userId: user.id, regionId: await demoRegion(t), role });
  return user.id;
}

export async function municipalityId(t: TestApp, name: string): Promise<string> {
  const row = await t.db.owner
    .selectFrom('municipalities')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function demoRegion(t: TestApp): Promise<string> {
  const row = await t.db.owner
    .selectFrom('regions')
    .select('id')
    .where('code', '=', 'haaglanden')
    .executeTakeFirstOrThrow();
  return row.id;
}
