/**
 * Migration 0016 (roles per region) on a copy of the schema before it, with data in it: every user
 * keeps its role as a grant in effect in each region of its organisation, every organisation gets the
 * region it joined first as its home region, and users.role is gone. Runs on the embedded database.
 */
import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../src/platform/db/database.js';

const DIR = new URL('../src/platform/db/migrations/', import.meta.url);
let db: Db;
let names: string[];

async function apply(name: string) {
  const text = await readFile(new URL(name, DIR), 'utf8');
  await db.owner.transaction().execute((tx) => sql.raw(text).execute(tx));
}

beforeAll(async () => {
  db = await openDatabase({ kind: 'embedded', dataDir: 'memory://' });
  names = (await readdir(DIR)).filter((n) => n.endsWith('.sql')).sort();
  for (const n of names.filter((n) => n < '0016')) await apply(n);
});
afterAll(async () => {
  await db?.close();
});

describe('migration 0016: roles per region', () => {
  it('turns every user’s role into a grant in each region of its organisation, and sets home regions', async () => {
    const owner = db.owner;
    const [a, b] = await Promise.all(
      ['regio-a', 'regio-b'].map((code) =>
        owner.insertInto('regions').values({ code, name: code }).returning('id').executeTakeFirstOrThrow(),
      ),
    );
    const org = await owner
      .insertInto('organisations')
      .values({ name: 'Gemeente Twee', type: 'municipality' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lone = await owner
      .insertInto('organisations')
      .values({ name: 'Nergens', type: 'other' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Joined region B first, then A (as the owner, setting the tenant for the row-level security).
    for (const [region, at] of [
      [b?.id, '2024-01-01'],
      [a?.id, '2025-01-01'],
    ] as const) {
      await owner.transaction().execute(async (tx) => {
        await sql`select set_config('schakel.region_id', ${region as string}, true)`.execute(tx);
        await sql`insert into region_organisations (region_id, organisation_id, joined_at)
          values (${region as string}, ${org.id}, ${at}::timestamptz)`.execute(tx);
      });
    }
    for (const [email, role, organisation] of [
      ['regisseur@twee.test', 'process_director', org.id],
      ['beheer@twee.test', 'admin', org.id],
      ['los@nergens.test', 'expert', lone.id],
    ] as const) {
      await sql`insert into users (email, name, role, organisation_id, password_hash)
        values (${email}, ${email}, ${role}, ${organisation}, 'x')`.execute(owner);
    }

    await apply(names.find((n) => n.startsWith('0016')) as string);

    // (The embedded database's owner is a superuser: it reads past row-level security.)
    const grants = (
      await sql<{ email: string; role: string; status: string; region_id: string; requested_by: string | null }>`
        select u.email, g.role, g.status, g.region_id, g.requested_by from role_grants g
        join users u on u.id = g.user_id
        order by g.region_id = ${a?.id as string} desc, u.email`.execute(owner)
    ).rows;
    expect(grants).toEqual([
      { email: 'beheer@twee.test', role: 'admin', status: 'active', region_id: a?.id, requested_by: null },
      {
        email: 'regisseur@twee.test',
        role: 'process_director',
        status: 'active',
        region_id: a?.id,
        requested_by: null,
      },
      { email: 'beheer@twee.test', role: 'admin', status: 'active', region_id: b?.id, requested_by: null },
      {
        email: 'regisseur@twee.test',
        role: 'process_director',
        status: 'active',
        region_id: b?.id,
        requested_by: null,
      },
    ]);
    const homes = await owner.selectFrom('organisations').select(['name', 'home_region_id']).orderBy('name').execute();
    expect(homes).toEqual([
      { name: 'Gemeente Twee', home_region_id: b?.id },
      { name: 'Nergens', home_region_id: null },
    ]);
    const column =
      await sql`select 1 from information_schema.columns where table_name = 'users' and column_name = 'role'`.execute(
        owner,
      );
    expect(column.rows).toEqual([]);

    // The later migrations apply on top.
    for (const n of names.filter((n) => n >= '0017')) await apply(n);
  });
});
