/**
 * The standing list of key figures (sleutelfiguren, 001: "in de basis 20 sleutelfiguren van Delftse
 * religieuze verenigingen en moskeeën, politie, welzijnswerk, onderwijs en de gemeente"). They are
 * people: every read and change is logged with the processing activity "key-figure-network".
 * Consent is recorded per key figure; without it a key figure cannot be invited or made a member.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { DomainError, notFound } from '../../core/errors.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import { sentColumns, updateVersioned } from '../../platform/db/versioned.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { recordAccess } from '../access-log/record.js';
import { refuse, scopeOf, todayInNl } from './common.js';
import type { KeyFigure, KeyFigureCreate, KeyFigureListQuery, KeyFigureUpdate } from './schemas.js';

export const KEY_FIGURE_PURPOSE = { type: 'key-figure-network' } as const;

export function keyFigures(tx: Tx) {
  return tx
    .selectFrom('key_figures as k')
    .leftJoin('municipalities as mu', 'mu.id', 'k.municipality_id')
    .select([
      'k.id',
      'k.name',
      'k.organisation',
      'k.role',
      'k.phone',
      'k.email',
      'k.municipality_id',
      'mu.name as municipality_name',
      'k.consent_given_on',
      'k.consent_scope',
      'k.active',
      'k.created_at',
      'k.updated_at',
      'k.version',
    ]);
}

export type KeyFigureRow = Awaited<ReturnType<ReturnType<typeof keyFigures>['executeTakeFirstOrThrow']>>;

export const hasConsent = (k: { consent_given_on: string | null; consent_scope: string | null }) =>
  k.consent_given_on !== null && k.consent_scope !== null;

export function presentKeyFigure(k: KeyFigureRow): z.infer<typeof KeyFigure> {
  return {
    id: k.id,
    name: k.name,
    organisation: k.organisation,
    role: k.role,
    phone: k.phone,
    email: k.email,
    municipalityId: k.municipality_id,
    municipalityName: k.municipality_name,
    consentGivenOn: k.consent_given_on,
    consentScope: k.consent_scope,
    hasConsent: hasConsent(k),
    active: k.active,
    createdAt: k.created_at.toISOString(),
    updatedAt: k.updated_at.toISOString(),
    version: k.version,
  };
}

async function assertMunicipality(tx: Tx, municipalityId: string | null | undefined) {
  if (!municipalityId) return;
  const m = await tx.selectFrom('municipalities').select('id').where('id', '=', municipalityId).executeTakeFirst();
  if (!m) throw refuse('/municipalityId', 'invalid_reference', 'Choose a municipality of this region.');
}

function assertConsent(deps: Deps, givenOn: string | null, scope: string | null) {
  if ((givenOn === null) !== (scope === null)) {
    throw refuse(
      givenOn === null ? '/consentGivenOn' : '/consentScope',
      'incomplete_consent',
      'Record both the date and the scope of the consent, or neither.',
    );
  }
  if (givenOn !== null && givenOn > todayInNl(deps.now())) {
    throw refuse('/consentGivenOn', 'in_future', 'Consent cannot be given on a date still to come.');
  }
}

export async function listKeyFigures(deps: Deps, actor: Actor, traceId: string, q: z.infer<typeof KeyFigureListQuery>) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = keyFigures(tx)
      .orderBy('k.name')
      .orderBy('k.id')
      .limit(q.limit + 1);
    if (q.active) query = query.where('k.active', '=', q.active === 'true');
    if (q.withConsent === 'true') query = query.where('k.consent_given_on', 'is not', null);
    if (q.withConsent === 'false') query = query.where('k.consent_given_on', 'is', null);
    if (q.municipalityId) query = query.where('k.municipality_id', '=', q.municipalityId);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('k.name', 'ilike', like), eb('k.organisation', 'ilike', like), eb('k.role', 'ilike', like)]),
      );
    }
    if (after) {
      query = query.where((eb) => afterKeyset(eb, 'k.name', 'k.id', after));
    }
    const result = page(await query.execute(), q.limit, (k) => [k.name, k.id]);
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'key_figure',
      recordId: null,
      subjects: result.items.map((k) => ({ type: 'key_figure' as const, id: k.id })),
      purpose: KEY_FIGURE_PURPOSE,
    });
    return { items: result.items.map(presentKeyFigure), nextCursor: result.nextCursor };
  });
}

export async function getKeyFigure(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const row = await keyFigures(tx).where('k.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('The key figure');
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'read',
      recordType: 'key_figure',
      recordId: id,
      subjects: [{ type: 'key_figure', id }],
      purpose: KEY_FIGURE_PURPOSE,
    });
    return presentKeyFigure(row);
  });
}

export async function createKeyFigure(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof KeyFigureCreate>,
) {
  const givenOn = input.consentGivenOn ?? null;
  const scope = input.consentScope ?? null;
  assertConsent(deps, givenOn, scope);
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await assertMunicipality(tx, input.municipalityId);
    const { id } = await tx
      .insertInto('key_figures')
      .values({
        region_id: actor.regionId,
        name: input.name,
        organisation: input.organisation,
        role: input.role,
        phone: input.phone ?? null,
        email: input.email?.toLowerCase() ?? null,
        municipality_id: input.municipalityId ?? null,
        consent_given_on: givenOn,
        consent_scope: scope,
        active: input.active,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'create',
      recordType: 'key_figure',
      recordId: id,
      subjects: [{ type: 'key_figure', id }],
      purpose: KEY_FIGURE_PURPOSE,
    });
    return presentKeyFigure(await keyFigures(tx).where('k.id', '=', id).executeTakeFirstOrThrow());
  });
}

export async function updateKeyFigure(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof KeyFigureUpdate>,
) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await keyFigures(tx).where('k.id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The key figure');
    const givenOn = input.consentGivenOn === undefined ? existing.consent_given_on : input.consentGivenOn;
    const scope = input.consentScope === undefined ? existing.consent_scope : input.consentScope;
    assertConsent(deps, givenOn, scope);
    await assertMunicipality(tx, input.municipalityId);
    await updateVersioned(
      tx,
      'key_figures',
      id,
      input.version,
      {
        ...sentColumns(input, {
          name: 'name',
          organisation: 'organisation',
          role: 'role',
          phone: 'phone',
          municipalityId: 'municipality_id',
          active: 'active',
        }),
        ...(input.email !== undefined ? { email: input.email?.toLowerCase() ?? null } : {}),
        consent_given_on: givenOn,
        consent_scope: scope,
      },
      { now: deps.now() },
    );
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'update',
      recordType: 'key_figure',
      recordId: id,
      subjects: [{ type: 'key_figure', id }],
      purpose: KEY_FIGURE_PURPOSE,
    });
    return presentKeyFigure(await keyFigures(tx).where('k.id', '=', id).executeTakeFirstOrThrow());
  });
}

/**
 * Erases a key figure who never took part in a network or a contact circle. One who did stays on
 * record with those (deactivate instead: `active: false`), so that reports stay true.
 */
export async function deleteKeyFigure(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx
      .selectFrom('key_figures')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) throw notFound('The key figure');
    const used = await sql<{ used: boolean }>`select
        exists (select 1 from network_members where key_figure_id = ${id})
        or exists (select 1 from contact_circle_invitees where key_figure_id = ${id}) as used`.execute(tx);
    if (used.rows[0]?.used) {
      throw new DomainError(
        'CONFLICT',
        'This key figure took part in a network or a contact circle; deactivate them instead (active: false).',
      );
    }
    await tx.deleteFrom('key_figures').where('id', '=', id).execute();
    await recordAccess(tx, auditActor(actor, traceId), {
      action: 'delete',
      recordType: 'key_figure',
      recordId: id,
      subjects: [{ type: 'key_figure', id }],
      purpose: KEY_FIGURE_PURPOSE,
    });
  });
}

/**
 * The key figure if it may be invited or made a member: it exists in the region, is active, and its
 * consent is recorded. Otherwise 422 naming `pointer`.
 */
export async function requireInvitableKeyFigure(tx: Tx, id: string, pointer = '/keyFigureId') {
  const k = await keyFigures(tx).where('k.id', '=', id).executeTakeFirst();
  if (!k) throw refuse(pointer, 'invalid_reference', 'Choose a key figure from the standing list of this region.');
  if (!k.active) throw refuse(pointer, 'inactive', `${k.name} is no longer active on the standing list.`);
  if (!hasConsent(k)) {
    throw refuse(pointer, 'no_consent', `No consent is recorded for ${k.name}; record it before inviting them.`);
  }
  return k;
}
