/**
 * The covenant register (PRODUCT.md §4, issue 4 part 6): per region the covenant(s) under which
 * organisations share data in the case approach, with signing dates, the legal basis, and which
 * categories of data each party may share and receive. An organisation without a signed covenant in
 * the region cannot be added to a case (`hasSignedCovenant`, used by cases/membership.ts).
 * Admins write; admins, privacy officers and process directors read. No personal data.
 */
import { z } from 'zod';
import { DomainError, type FieldIssue, notFound, staleVersion } from '../../core/errors.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';

export const DATA_CATEGORIES = [
  'identifying',
  'signals',
  'assessments',
  'plans_and_actions',
  'police_data',
  'judicial_data',
  'health',
  'youth_care',
  'social_domain',
] as const;

const Category = z.enum(DATA_CATEGORIES);

const Party = z.strictObject({
  organisationId: z.uuid(),
  signedOn: calendarDate().nullable().default(null),
  mayShare: z.array(Category).max(DATA_CATEGORIES.length).default([]),
  mayReceive: z.array(Category).max(DATA_CATEGORIES.length).default([]),
});

const CovenantFields = {
  title: z.string().trim().min(1).max(300),
  signedOn: calendarDate().nullable().default(null),
  legalBasis: z.string().trim().min(1).max(4000),
  documentReference: z.string().trim().max(500).nullable().default(null),
  status: z.enum(['draft', 'signed', 'ended']),
  parties: z.array(Party).max(200).default([]),
};

export const CovenantCreate = z.strictObject(CovenantFields);
export const CovenantUpdate = z.strictObject({ ...CovenantFields, version: z.number().int().min(1).max(INT4_MAX) });
export const CovenantListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Covenant = z
  .object({
    id: z.uuid(),
    title: z.string(),
    signedOn: calendarDate().nullable(),
    legalBasis: z.string(),
    documentReference: z.string().nullable(),
    status: z.enum(['draft', 'signed', 'ended']),
    parties: z.array(
      z.object({
        organisationId: z.uuid(),
        organisationName: z.string(),
        signedOn: calendarDate().nullable(),
        mayShare: z.array(z.string()),
        mayReceive: z.array(z.string()),
      }),
    ),
    version: z.number().int(),
  })
  .meta({ id: 'Covenant' });

type Input = z.infer<typeof CovenantCreate>;
type Out = z.infer<typeof Covenant>;

const READERS = new Set(['admin', 'privacy_officer', 'process_director']);
const scope = (actor: Actor) => ({ regionId: actor.regionId, organisationId: actor.organisationId });

function requireReader(actor: Actor) {
  if (!READERS.has(actor.role)) throw new DomainError('FORBIDDEN', 'Your role may not read the covenant register.');
}

/** Does the organisation take part in a signed covenant of the current region (and did it sign)? */
export async function hasSignedCovenant(tx: Tx, organisationId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('covenant_parties as p')
    .innerJoin('covenants as c', 'c.id', 'p.covenant_id')
    .select('p.organisation_id')
    .where('p.organisation_id', '=', organisationId)
    .where('c.status', '=', 'signed')
    .where('p.signed_on', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

async function load(tx: Tx, id: string): Promise<Out> {
  const c = await tx.selectFrom('covenants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound('The covenant');
  const parties = await tx
    .selectFrom('covenant_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.organisation_id', 'o.name', 'p.signed_on', 'p.may_share', 'p.may_receive'])
    .where('p.covenant_id', '=', id)
    .orderBy('o.name')
    .execute();
  return {
    id: c.id,
    title: c.title,
    signedOn: c.signed_on,
    legalBasis: c.legal_basis,
    documentReference: c.document_reference,
    status: c.status as Out['status'],
    parties: parties.map((p) => ({
      organisationId: p.organisation_id,
      organisationName: p.name,
      signedOn: p.signed_on,
      mayShare: p.may_share,
      mayReceive: p.may_receive,
    })),
    version: c.version,
  };
}

async function validate(tx: Tx, actor: Actor, input: Input) {
  const issues: FieldIssue[] = [];
  if (input.status !== 'draft' && !input.signedOn) {
    issues.push({
      in: 'body',
      pointer: '/signedOn',
      code: 'required',
      detail: 'A signed covenant has a signing date.',
    });
  }
  const ids = input.parties.map((p) => p.organisationId);
  const known = new Set(
    ids.length === 0
      ? []
      : (
          await tx
            .selectFrom('region_organisations')
            .select('organisation_id')
            .where('region_id', '=', actor.regionId)
            .where('organisation_id', 'in', ids)
            .execute()
        ).map((r) => r.organisation_id),
  );
  const seen = new Set<string>();
  input.parties.forEach((p, i) => {
    if (!known.has(p.organisationId)) {
      issues.push({
        in: 'body',
        pointer: `/parties/${i}/organisationId`,
        code: 'invalid_reference',
        detail: 'Choose an organisation that takes part in this region.',
      });
    } else if (seen.has(p.organisationId)) {
      issues.push({
        in: 'body',
        pointer: `/parties/${i}/organisationId`,
        code: 'duplicate',
        detail: 'This organisation is already a party.',
      });
    }
    seen.add(p.organisationId);
  });
  if (issues.length > 0) throw new DomainError('BUSINESS_RULE', 'The covenant cannot be saved.', { fields: issues });
}

async function writeParties(tx: Tx, actor: Actor, covenantId: string, input: Input) {
  await tx.deleteFrom('covenant_parties').where('covenant_id', '=', covenantId).execute();
  if (input.parties.length === 0) return;
  await tx
    .insertInto('covenant_parties')
    .values(
      input.parties.map((p) => ({
        region_id: actor.regionId,
        covenant_id: covenantId,
        organisation_id: p.organisationId,
        signed_on: p.signedOn,
        may_share: [...new Set(p.mayShare)],
        may_receive: [...new Set(p.mayReceive)],
      })),
    )
    .execute();
}

export async function listCovenants(deps: Deps, actor: Actor, q: z.infer<typeof CovenantListQuery>) {
  requireReader(actor);
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scope(actor), async (tx) => {
    let query = tx
      .selectFrom('covenants')
      .select(['id', 'title'])
      .orderBy('title')
      .orderBy('id')
      .limit(q.limit + 1);
    if (after) {
      query = query.where((eb) =>
        eb.or([eb('title', '>', after[0]), eb.and([eb('title', '=', after[0]), eb('id', '>', after[1])])]),
      );
    }
    const rows = await query.execute();
    const result = page(rows, q.limit, (r) => [r.title, r.id]);
    const items: Out[] = [];
    for (const r of result.items) items.push(await load(tx, r.id));
    return { nextCursor: result.nextCursor, items };
  });
}

export async function getCovenant(deps: Deps, actor: Actor, id: string) {
  requireReader(actor);
  return withTx(deps.db, scope(actor), (tx) => load(tx, id));
}

export async function createCovenant(deps: Deps, actor: Actor, input: Input) {
  return withTx(deps.db, scope(actor), async (tx) => {
    await validate(tx, actor, input);
    const row = await tx
      .insertInto('covenants')
      .values({
        region_id: actor.regionId,
        title: input.title,
        signed_on: input.signedOn,
        legal_basis: input.legalBasis,
        document_reference: input.documentReference,
        status: input.status,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeParties(tx, actor, row.id, input);
    return load(tx, row.id);
  });
}

export async function updateCovenant(deps: Deps, actor: Actor, id: string, input: z.infer<typeof CovenantUpdate>) {
  return withTx(deps.db, scope(actor), async (tx) => {
    const current = await tx
      .selectFrom('covenants')
      .select(['id', 'version'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('The covenant');
    if (current.version !== input.version) throw staleVersion();
    await validate(tx, actor, input);
    await tx
      .updateTable('covenants')
      .set({
        title: input.title,
        signed_on: input.signedOn,
        legal_basis: input.legalBasis,
        document_reference: input.documentReference,
        status: input.status,
        updated_at: deps.now(),
        version: current.version + 1,
      })
      .where('id', '=', id)
      .execute();
    await writeParties(tx, actor, id, input);
    return load(tx, id);
  });
}

/** Only a draft can be deleted; a signed or ended covenant stays on record (end it instead). */
export async function deleteCovenant(deps: Deps, actor: Actor, id: string) {
  await withTx(deps.db, scope(actor), async (tx) => {
    const current = await tx.selectFrom('covenants').select(['status']).where('id', '=', id).executeTakeFirst();
    if (!current) throw notFound('The covenant');
    if (current.status !== 'draft') {
      throw new DomainError('CONFLICT', 'Only a draft covenant can be deleted; set a signed covenant to "ended".');
    }
    await tx.deleteFrom('covenants').where('id', '=', id).execute();
  });
}

/** The demo region's signed covenant with every demo organisation as a party (src/demo/seed.ts). */
export async function seedDemoCovenant(tx: Tx, regionId: string) {
  const orgs = await tx
    .selectFrom('region_organisations')
    .select('organisation_id')
    .where('region_id', '=', regionId)
    .execute();
  const c = await tx
    .insertInto('covenants')
    .values({
      region_id: regionId,
      title: 'Convenant persoonsgerichte aanpak radicalisering Haaglanden (DEMO)',
      signed_on: '2024-01-15',
      legal_basis:
        'Art. 6 lid 1 sub e AVG (publieke taak, Gemeentewet art. 172 openbare orde); art. 9 en 10 AVG met ' +
        'art. 22, 23 en 33 UAVG; art. 20 Wpg en art. 8a en 39f Wjsg; naar het modelconvenant 2017.',
      document_reference: 'DEMO-CONV-2024-01',
      status: 'signed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (orgs.length === 0) return;
  await tx
    .insertInto('covenant_parties')
    .values(
      orgs.map((o) => ({
        region_id: regionId,
        covenant_id: c.id,
        organisation_id: o.organisation_id,
        signed_on: '2024-01-15',
        may_share: [...DATA_CATEGORIES],
        may_receive: ['identifying', 'signals', 'assessments', 'plans_and_actions'],
      })),
    )
    .execute();
}
