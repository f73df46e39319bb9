/**
 * Consent asked of the source, as an attacker would try it: the source's privacy contact sees only the
 * item and the deadline (not the file), another organisation's privacy contact gets 404, the privacy
 * officer cannot decide for the source (403), a decision needs a reason, a decided request stays
 * decided, the notification carries no personal data, and a revoked grant stops at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO_TOTP_SECRET } from '../../demo/seed.js';
import { grantRoleDirectly } from '../auth/test-support.js';
import { seedCase } from '../cases/testing.js';

let t: TestApp;
let fg: Client;
let police: Client;
let policePrivacy: Client;
let ggzPrivacy: Client;
let director: Client;

const POLICE_ITEM = 'Politie: betrokkene is in 2025 aangesproken op uitingen in een online groep.';

beforeAll(async () => {
  t = await startTestApp();
  // A privacy contact of another organisation (GGZ), to try the police's requests with.
  const ggz = await t.db.owner
    .selectFrom('organisations')
    .select('id')
    .where('type', '=', 'mental_health')
    .executeTakeFirstOrThrow();
  const template = await t.db.owner
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'privacy@politie.demo')
    .executeTakeFirstOrThrow();
  const user = await t.db.owner
    .insertInto('users')
    .values({
      email: 'privacy@ggz.test',
      name: 'Gijs Privacy',
      organisation_id: ggz.id,
      password_hash: template.password_hash,
      totp_secret: t.deps.secrets.seal(DEMO_TOTP_SECRET),
      totp_enrolled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const region = await t.db.owner
    .selectFrom('regions')
    .select('id')
    .where('is_demo', '=', true)
    .executeTakeFirstOrThrow();
  await grantRoleDirectly(t.db, { userId: user.id, regionId: region.id, role: 'privacy_contact' });
  [fg, police, policePrivacy, ggzPrivacy, director] = await Promise.all([
    t.signIn('fg@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('privacy@politie.demo'),
    t.signIn('privacy@ggz.test'),
    t.signIn('regisseur@delft.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

async function sarWithPoliceItem() {
  const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
  const other = await director.post(`/api/v1/cases/${c.caseId}/contributions`, {
    body: 'Gemeente: betrokkene woont sinds kort zelfstandig.',
    legalRegime: 'avg',
    scope: 'conference',
  });
  expect(other.status).toBe(201);
  const contributed = await police.post(`/api/v1/cases/${c.caseId}/contributions`, {
    body: POLICE_ITEM,
    legalRegime: 'wpg',
    scope: 'conference',
  });
  expect(contributed.status).toBe(201);
  const sar = await fg.post('/api/v1/subject-access-requests', { personId: c.personId, receivedOn: '2026-11-20' });
  const compiled = await fg.post(`/api/v1/subject-access-requests/${sar.body.id}/compilation`, {});
  const items = compiled.body.items as Array<{ id: string; content: string; legalRegime: string; version: number }>;
  const item = items.find((i) => i.content === POLICE_ITEM) as (typeof items)[number];
  const avgItem = items.find((i) => i.legalRegime === 'avg') as (typeof items)[number];
  return { c, sarId: sar.body.id as string, item, avgItem };
}

describe('consent asked of the source', () => {
  it('goes to the source’s privacy contact only, who sees the item and the deadline and decides with a reason', async () => {
    const { sarId, item, avgItem } = await sarWithPoliceItem();
    const ask = (itemId: string, body: object) =>
      fg.post(`/api/v1/subject-access-requests/${sarId}/items/${itemId}/consent-requests`, body);
    // Only items under Wpg, Wjsg or professional secrecy are asked; the deadline lies ahead.
    const notNeeded = await ask(avgItem.id, { dueOn: '2099-01-01' });
    expectProblem(notNeeded, 422);
    expect(notNeeded.body.errors[0].code).toBe('no_consent_needed');
    expect(pointersOf(await ask(item.id, { dueOn: '2020-01-01' }))).toEqual(['/dueOn']);
    // A chain partner cannot ask.
    expectProblem(
      await police.post(`/api/v1/subject-access-requests/${sarId}/items/${item.id}/consent-requests`, {
        dueOn: '2099-01-01',
      }),
      403,
    );

    const asked = await ask(item.id, { dueOn: '2099-01-15', message: 'Graag uw besluit over verstrekking.' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect(asked.body).toMatchObject({ status: 'pending', sourceOrganisation: { name: 'Politie' }, canDecide: false });
    const again = await ask(item.id, { dueOn: '2099-01-15' });
    expectProblem(again, 422);
    expect(again.body.errors[0].code).toBe('already_asked');

    // The police's privacy contact is notified — without the person or the content.
    const notes = await policePrivacy.get('/api/v1/notifications');
    const note = notes.body.items.find((n: { code: string }) => n.code === 'consent_requested');
    expect(note).toBeTruthy();
    expect(note.message).toContain('15-01-2099');
    expect(note.message).not.toContain(POLICE_ITEM);
    expect(note.caseId).toBeNull();

    // What the contact sees: the item and the deadline, nothing of the rest of the file.
    const list = await policePrivacy.get('/api/v1/consent-requests');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((r: { id: string }) => r.id === asked.body.id);
    expect(mine).toMatchObject({
      canDecide: true,
      dueOn: '2099-01-15',
      item: { content: POLICE_ITEM, legalRegime: 'wpg' },
    });
    expect(JSON.stringify(list.body)).not.toContain('woont sinds kort zelfstandig');
    expectProblem(await policePrivacy.get(`/api/v1/subject-access-requests/${sarId}`), 403);
    expectProblem(await policePrivacy.get('/api/v1/cases'), 403);

    // Another organisation's privacy contact: not found, and cannot decide.
    expect(
      (await ggzPrivacy.get('/api/v1/consent-requests')).body.items.map((r: { id: string }) => r.id),
    ).not.toContain(asked.body.id);
    expectProblem(await ggzPrivacy.get(`/api/v1/consent-requests/${asked.body.id}`), 404);
    expectProblem(
      await ggzPrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
        decision: 'granted',
        reason: 'x',
        version: asked.body.version,
      }),
      404,
    );
    // The privacy officer sees the request, but does not decide for the source.
    expect((await fg.get(`/api/v1/consent-requests/${asked.body.id}`)).status).toBe(200);
    expectProblem(
      await fg.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
        decision: 'granted',
        reason: 'x',
        version: asked.body.version,
      }),
      403,
    );
    // No reason, no decision.
    const noReason = await policePrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
      decision: 'refused',
      version: asked.body.version,
    });
    expectProblem(noReason, 400);
    expect(pointersOf(noReason)).toEqual(['/reason']);

    const refused = await policePrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
      decision: 'refused',
      reason: 'Lopend opsporingsonderzoek (art. 27 Wpg).',
      version: asked.body.version,
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', decidedBy: { name: 'Petra Privacy' }, canDecide: false });
    expectProblem(
      await policePrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
        decision: 'granted',
        reason: 'Toch wel.',
        version: refused.body.version,
      }),
      409,
    );
    // The release follows the source's decision: refused, so not released; withholding is possible.
    const detail = await fg.get(`/api/v1/subject-access-requests/${sarId}`);
    const now = detail.body.items.find((i: { id: string }) => i.id === item.id);
    expect(now).toMatchObject({ consentStatus: 'refused', consentRequestId: asked.body.id });
    const release = await fg.patch(`/api/v1/subject-access-requests/${sarId}/items/${item.id}`, {
      disposition: 'release',
      version: now.version,
    });
    expectProblem(release, 422);
    expect(pointersOf(release)).toEqual(['/disposition']);
    // The contact's reading is in the access log, with the consent request as purpose.
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['purpose_type', 'purpose_id'])
      .where('record_type', '=', 'consent_request')
      .where('action', '=', 'read')
      .where('purpose_id', '=', asked.body.id)
      .execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('stops at once for a privacy contact whose grant is revoked', async () => {
    const { sarId, item } = await sarWithPoliceItem();
    const asked = await fg.post(`/api/v1/subject-access-requests/${sarId}/items/${item.id}/consent-requests`, {
      dueOn: '2099-02-01',
    });
    expect(asked.status).toBe(201);
    const grant = await t.db.owner
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.id', 'g.version'])
      .where('u.email', '=', 'privacy@politie.demo')
      .where('g.status', '=', 'active')
      .executeTakeFirstOrThrow();
    const admin = await t.signIn('beheer@delft.demo');
    const revoked = await admin.post(`/api/v1/role-grants/${grant.id}/revocation`, {
      reason: 'Andere functie.',
      version: grant.version,
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    const attempt = await policePrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
      decision: 'granted',
      reason: 'x',
      version: asked.body.version,
    });
    expect([401, 403]).toContain(attempt.status);
    const still = await fg.get(`/api/v1/consent-requests/${asked.body.id}`);
    expect(still.body.status).toBe('pending');
  });
});
