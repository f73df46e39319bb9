/**
 * The operator's bootstrap of a region's first administrators: a new installation has no admin that
 * could request (let alone approve) the first grants, so the operator — who holds the database owner
 * credentials and is the second pair of eyes here — creates them. Creates the region (with its
 * catalogues) and the home organisation when they do not exist yet, then an admin account with a
 * generated temporary password that must be changed at the first sign-in, and an admin grant in the
 * region that records no requester (the operator). Run it twice for two admins: after that, grants
 * follow the four-eyes rule in the app.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../platform/db/database.js';
import { withTx } from '../../platform/db/database.js';
import { hashPassword } from '../auth/password.js';
import { seedRegionCatalogues } from '../organisations/service.js';

export interface BootstrapInput {
  regionCode: string;
  regionName: string;
  organisationName: string;
  organisationType: string;
  email: string;
  name: string;
}

export interface BootstrapResult {
  regionCreated: boolean;
  organisationCreated: boolean;
  email: string;
  temporaryPassword: string;
}

/** A temporary password of 20 characters from an alphabet without look-alikes. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

export async function bootstrapAdmin(db: Db, input: BootstrapInput, now = new Date()): Promise<BootstrapResult> {
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const email = input.email.trim().toLowerCase();
  return withTx(db, { regionId: null }, async (tx) => {
    let region = await tx
      .selectFrom('regions')
      .select(['id', 'is_demo'])
      .where('code', '=', input.regionCode)
      .executeTakeFirst();
    const regionCreated = !region;
    if (!region) {
      region = await tx
        .insertInto('regions')
        .values({ code: input.regionCode, name: input.regionName })
        .returning(['id', 'is_demo'])
        .executeTakeFirstOrThrow();
    }
    if (region.is_demo) throw new DomainError('BUSINESS_RULE', 'The demo region has its own accounts.');
    await sql`select set_config('schakel.region_id', ${region.id}, true)`.execute(tx);
    if (regionCreated) await seedRegionCatalogues(tx, region.id);
    let org = await tx
      .selectFrom('organisations')
      .select(['id', 'home_region_id'])
      .where(sql`lower(name)`, '=', input.organisationName.trim().toLowerCase())
      .executeTakeFirst();
    const organisationCreated = !org;
    if (!org) {
      org = await tx
        .insertInto('organisations')
        .values({ name: input.organisationName.trim(), type: input.organisationType, home_region_id: region.id })
        .returning(['id', 'home_region_id'])
        .executeTakeFirstOrThrow();
      await tx.insertInto('region_organisations').values({ region_id: region.id, organisation_id: org.id }).execute();
    }
    if (org.home_region_id !== region.id) {
      throw new DomainError('BUSINESS_RULE', `${input.organisationName} is administered by another region.`);
    }
    const exists = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) throw new DomainError('CONFLICT', `A user with the e-mail address ${email} exists.`);
    const user = await tx
      .insertInto('users')
      .values({
        email,
        name: input.name.trim(),
        organisation_id: org.id,
        password_hash: hash,
        password_must_change: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('role_grants')
      .values({
        region_id: region.id,
        user_id: user.id,
        role: 'admin',
        status: 'active',
        reason: 'Eerste beheerder, aangemaakt door de operator (npm run accounts:bootstrap)',
        requested_at: now,
        decided_at: now,
      })
      .execute();
    return { regionCreated, organisationCreated, email, temporaryPassword: password };
  });
}
