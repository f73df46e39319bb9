/**
 * The newsletter over HTTP, sent to a real SMTP server process (smtp-server on a random loopback port):
 * one message per active subscriber, no subscriber sees another's address, each delivery recorded, a
 * refused address retried later; 422 without SMTP configuration; export as HTML and .eml; subscribers
 * with the access log; 403 for roles without the permission and 404 across regions.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRegion, expectProblem, lastAccessLogId, pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { smtpMailer } from './mail.js';
import { deliverIssue } from './service.js';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  raw: string;
}

let t: TestApp;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];
let director: Client;
let policy: Client;
let executive: Client;
let police: Client;
let otherIssue: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('weiger')) {
        const refusal = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(refusal);
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  t = await startTestApp({ jobs: true });
  [director, policy, executive, police] = await Promise.all([
    t.signIn('netwerk@delft.demo'),
    t.signIn('beleid@delft.demo'),
    t.signIn('burgemeester@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  const other = await addRegion(t, 'regio-nieuwsbrief');
  otherIssue = (
    await t.db.owner
      .insertInto('newsletter_issues')
      .values({ region_id: other.regionId, title: 'Elders', period: '2026-1', body: 'x', created_by: other.userId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function configureSmtp() {
  // The configuration is read when sending; the test switches it on after checking the refusal without it.
  t.deps.config.smtp = {
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    user: null,
    password: null,
    from: 'Gemeente Delft <nieuwsbrief@delft.demo>',
  };
}

const CONSENT = { consentGivenOn: '2025-12-01', consentSource: 'Aanmeldformulier' };

/** A subscriber from before consent was recorded (as rows older than migration 0015 are). */
async function insertWithoutConsent(email: string) {
  const me = (await director.get('/api/v1/me')).body;
  return t.db.owner
    .insertInto('newsletter_subscribers')
    .values({
      region_id: me.region.id,
      name: 'Zonder Toestemming',
      email,
      kind: 'professional',
      subscribed_on: '2024-01-01',
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** Starts the send (202) and waits until the job has released the issue; returns the issue then. */
async function sendAndWait(client: Client, id: string, version: number) {
  const res = await client.post(`/api/v1/newsletter-issues/${id}/sending`, { version });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.issue.status).toBe('sending');
  const until = Date.now() + 20_000;
  for (;;) {
    const issue = (await client.get(`/api/v1/newsletter-issues/${id}`)).body;
    if (issue.status !== 'sending') return { accepted: res.body as { recipients: number }, issue };
    if (Date.now() > until) throw new Error('the send did not finish within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function compose(title = 'Nieuwsbrief radicalisering en polarisatie') {
  const res = await policy.post('/api/v1/newsletter-issues', {
    title,
    period: '2026-1',
    body: '# Trends\n\nHet woord van deze editie is Zonnebloem42.\n\n- Tip een\n- Tip twee',
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; status: string };
}

describe('sending the newsletter', () => {
  it('refuses to send without SMTP configuration: 422 with a clear message, nothing sent', async () => {
    const issue = await compose();
    const res = await policy.post(`/api/v1/newsletter-issues/${issue.id}/sending`, { version: issue.version });
    expectProblem(res, 422);
    expect(res.body.detail).toMatch(/SMTP_HOST/);
    expect(res.body.detail).toMatch(/export/i);
    expect((await policy.get(`/api/v1/newsletter-issues/${issue.id}`)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect(received).toHaveLength(0);
  });

  it('sends one message per active subscriber with consent through the SMTP server and records each delivery', async () => {
    configureSmtp();
    // Besides the four seeded subscribers: one who unsubscribed, one whose server refuses the address, and
    // one from before consent was recorded (none on file), who gets nothing.
    const gone = await director.post('/api/v1/newsletter-subscribers', {
      name: 'Afgemeld Persoon',
      email: 'afgemeld@abonnees.demo',
      kind: 'professional',
      ...CONSENT,
    });
    await director.patch(`/api/v1/newsletter-subscribers/${gone.body.id}`, { unsubscribed: true, version: 1 });
    const refused = await director.post('/api/v1/newsletter-subscribers', {
      name: 'Geweigerd Adres',
      email: 'weiger@abonnees.demo',
      organisation: 'Test',
      kind: 'partner',
      ...CONSENT,
    });
    expect(refused.status).toBe(201);
    await insertWithoutConsent('zonder-toestemming@abonnees.demo');
    const listed = (await director.get('/api/v1/newsletter-subscribers?unsubscribed=false')).body.items as Array<{
      id: string;
      email: string;
      hasConsent: boolean;
    }>;
    expect(listed).toHaveLength(6);
    const active = listed.filter((s) => s.hasConsent);
    expect(active).toHaveLength(5);

    const issue = await compose();
    const since = await lastAccessLogId(t);
    received.length = 0;
    const sent = await sendAndWait(policy, issue.id, issue.version);
    expect(sent.accepted.recipients).toBe(5);
    expect(sent.issue).toMatchObject({
      status: 'sent',
      sentByName: 'Bea Beleid',
      deliveries: { sent: 4, failed: 1 },
    });

    // The SMTP server got four messages, each for exactly one subscriber, who sees only their own address.
    expect(received).toHaveLength(4);
    const delivered = active.filter((s) => !s.email.startsWith('weiger')).map((s) => s.email);
    expect(received.map((m) => m.rcptTo).sort()).toEqual(delivered.sort().map((e) => [e]));
    for (const m of received) {
      expect(m.mailFrom).toBe('nieuwsbrief@delft.demo');
      const own = m.rcptTo[0] as string;
      expect(m.raw).toMatch(new RegExp(`^To: ${own.replace('.', '\\.')}\\r?$`, 'm'));
      for (const otherAddress of active.map((s) => s.email).filter((e) => e !== own)) {
        expect(m.raw).not.toContain(otherAddress);
      }
      expect(m.raw).not.toContain('afgemeld@abonnees.demo');
      expect(m.raw).not.toContain('zonder-toestemming@abonnees.demo');
      expect(m.raw).not.toMatch(/^(Cc|Bcc):/im);
      expect(m.raw).toMatch(/^Subject: Nieuwsbrief radicalisering en polarisatie \(Voorjaar 2026\)\r?$/m);
      expect(m.raw).toContain('Zonnebloem42');
      expect(m.raw).toMatch(/Content-Type: text\/html/);
    }

    const deliveries = await director.get(`/api/v1/newsletter-issues/${issue.id}/deliveries`);
    expect(deliveries.body.items).toHaveLength(5);
    const failed = deliveries.body.items.filter((d: { status: string }) => d.status === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({ email: 'weiger@abonnees.demo', error: expect.stringMatching(/550|unavailable/i) }),
    ]);

    // The addresses left Schakel for the mail server: logged per subscriber, purpose newsletter.
    const log = await t.db.owner
      .selectFrom('access_log')
      .select(['action', 'subject_type', 'subject_id', 'purpose_type'])
      .where('id', '>', since)
      .where('action', '=', 'export')
      .execute();
    expect(log.map((e) => e.subject_id).sort()).toEqual(active.map((s) => s.id).sort());
    expect(log.every((e) => e.subject_type === 'subscriber' && e.purpose_type === 'newsletter')).toBe(true);

    // A sent issue is final; sending again reaches only who did not receive it, once their address works.
    const current = (await policy.get(`/api/v1/newsletter-issues/${issue.id}`)).body;
    expectProblem(
      await policy.patch(`/api/v1/newsletter-issues/${issue.id}`, { title: 'x', version: current.version }),
      409,
    );
    expectProblem(
      await policy.post(`/api/v1/newsletter-issues/${issue.id}/sending`, { version: issue.version }),
      409,
      'STALE_VERSION',
    );
    await director.patch(`/api/v1/newsletter-subscribers/${refused.body.id}`, {
      email: 'gewijzigd@abonnees.demo',
      version: refused.body.version,
    });
    received.length = 0;
    const again = await sendAndWait(policy, issue.id, current.version);
    expect(again.accepted.recipients).toBe(1);
    expect(again.issue).toMatchObject({ status: 'sent', deliveries: { sent: 5, failed: 1 } });
    expect(received.map((m) => m.rcptTo)).toEqual([['gewijzigd@abonnees.demo']]);
    const last = await policy.post(`/api/v1/newsletter-issues/${issue.id}/sending`, {
      version: again.issue.version,
    });
    expectProblem(last, 409);
    expect(received).toHaveLength(1);
  });

  it('stops a queued send whose sender lost the right before it ran: no address leaves, the issue is released', async () => {
    configureSmtp();
    const issue = await compose('Ingetrokken recht');
    const me = (await policy.get('/api/v1/me')).body as { id: string; region: { id: string } };
    // The claim as the request leaves it; the job runs after the role changed (to one without programme:work).
    await t.db.owner
      .updateTable('newsletter_issues')
      .set({ status: 'sending', sending_started_at: new Date(), version: 2 })
      .where('id', '=', issue.id)
      .execute();
    const grant = t.db.owner
      .updateTable('role_grants')
      .where('user_id', '=', me.id)
      .where('region_id', '=', me.region.id)
      .where('status', '=', 'active');
    await grant.set({ role: 'executive' }).execute();
    const since = await lastAccessLogId(t);
    received.length = 0;
    try {
      await deliverIssue(
        t.deps,
        { issueId: issue.id, regionId: me.region.id, userId: me.id, traceId: 'test' },
        smtpMailer,
      );
    } finally {
      await grant.set({ role: 'policy_officer' }).execute();
    }
    expect(received).toHaveLength(0);
    const after = (await policy.get(`/api/v1/newsletter-issues/${issue.id}`)).body;
    expect(after).toMatchObject({ status: 'draft', sentAt: null, deliveries: { sent: 0, failed: 0 }, version: 3 });
    const exported = await t.db.owner
      .selectFrom('access_log')
      .select('id')
      .where('id', '>', since)
      .where('action', '=', 'export')
      .execute();
    expect(exported).toHaveLength(0);
    // A second run of the same job (the queue retries) finds nothing to do.
    await deliverIssue(
      t.deps,
      { issueId: issue.id, regionId: me.region.id, userId: me.id, traceId: 'test' },
      smtpMailer,
    );
    expect((await policy.get(`/api/v1/newsletter-issues/${issue.id}`)).body.version).toBe(3);
  });

  it('exports an issue as HTML and as an .eml draft, with the text escaped', async () => {
    const issue = await compose('Editie <script>alert(1)</script> & meer');
    const html = await policy.get(`/api/v1/newsletter-issues/${issue.id}/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-disposition')).toBe('attachment; filename="nieuwsbrief-2026-1.html"');
    expect(html.body).toContain('Editie &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer');
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('<h2>Trends</h2>');
    expect(html.body).toContain('<li>Tip een</li>');
    const eml = await policy.get(`/api/v1/newsletter-issues/${issue.id}/export?format=eml`);
    expect(eml.status).toBe(200);
    expect(eml.headers.get('content-type')).toMatch(/^message\/rfc822/);
    expect(eml.headers.get('content-disposition')).toContain('nieuwsbrief-2026-1.eml');
    expect(eml.body).toMatch(/^X-Unsent: 1\r?$/m);
    expect(eml.body).toMatch(/^From: Gemeente Delft <nieuwsbrief@delft\.demo>\r?$/m);
    expect(eml.body).toContain('Zonnebloem42');
    expectProblem(await policy.get(`/api/v1/newsletter-issues/${issue.id}/export?format=pdf`), 400);
  });
});

describe('issues and subscribers', () => {
  it('composes issues twice a year: the period is YYYY-1 or YYYY-2', async () => {
    const bad = await policy.post('/api/v1/newsletter-issues', { title: '', period: '2026-3', body: '' });
    expectProblem(bad, 400);
    expect(pointersOf(bad)).toEqual(expect.arrayContaining(['/title', '/period', '/body']));
    const issue = await compose();
    const changed = await policy.patch(`/api/v1/newsletter-issues/${issue.id}`, { period: '2026-2', version: 1 });
    expect(changed.body).toMatchObject({ period: '2026-2', version: 2, status: 'draft' });
    const list = await policy.get('/api/v1/newsletter-issues?status=draft');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(issue.id);
  });

  it('keeps the subscriber list with the access log; a duplicate address is 409', async () => {
    const since = await lastAccessLogId(t);
    const s = await director.post('/api/v1/newsletter-subscribers', {
      name: 'Nieuwe Abonnee',
      email: 'Nieuw@Abonnees.demo',
      kind: 'professional',
      subscribedOn: '2026-01-05',
      ...CONSENT,
    });
    expect(s.body).toMatchObject({
      email: 'nieuw@abonnees.demo',
      unsubscribed: false,
      subscribedOn: '2026-01-05',
      consentGivenOn: '2025-12-01',
      consentSource: 'Aanmeldformulier',
      hasConsent: true,
    });
    expectProblem(
      await director.post('/api/v1/newsletter-subscribers', {
        name: 'x',
        email: 'nieuw@abonnees.demo',
        kind: 'partner',
        ...CONSENT,
      }),
      409,
    );
    expect((await director.get(`/api/v1/newsletter-subscribers/${s.body.id}`)).status).toBe(200);
    expect((await director.delete(`/api/v1/newsletter-subscribers/${s.body.id}`)).status).toBe(204);
    const log = await t.db.owner
      .selectFrom('access_log')
      .select(['action', 'subject_id', 'purpose_type'])
      .where('id', '>', since)
      .where('subject_id', '=', s.body.id)
      .orderBy('id')
      .execute();
    expect(log.map((e) => e.action)).toEqual(['create', 'read', 'delete']);
    expect(log.every((e) => e.purpose_type === 'newsletter')).toBe(true);
  });

  it('records consent: required for a new subscriber, not in the future, both date and how', async () => {
    const without = await director.post('/api/v1/newsletter-subscribers', {
      name: 'Geen Toestemming',
      email: 'geen@abonnees.demo',
      kind: 'partner',
    });
    expectProblem(without, 400);
    expect(pointersOf(without)).toEqual(expect.arrayContaining(['/consentGivenOn', '/consentSource']));
    const future = await director.post('/api/v1/newsletter-subscribers', {
      name: 'Toekomst',
      email: 'toekomst@abonnees.demo',
      kind: 'partner',
      consentGivenOn: '2999-01-01',
      consentSource: 'Formulier',
    });
    expectProblem(future, 422);
    expect(pointersOf(future)).toEqual(['/consentGivenOn']);

    // An older subscriber without consent: the date alone is not enough; date and how together record it.
    const old = await insertWithoutConsent('oud@abonnees.demo');
    const stored = (await director.get(`/api/v1/newsletter-subscribers/${old.id}`)).body;
    expect(stored).toMatchObject({ hasConsent: false, consentGivenOn: null, consentSource: null });
    const half = await director.patch(`/api/v1/newsletter-subscribers/${old.id}`, {
      consentGivenOn: '2026-01-02',
      version: 1,
    });
    expectProblem(half, 422);
    expect(pointersOf(half)).toEqual(['/consentSource']);
    const whole = await director.patch(`/api/v1/newsletter-subscribers/${old.id}`, {
      consentGivenOn: '2026-01-02',
      consentSource: 'Per e-mail bevestigd',
      version: 1,
    });
    expect(whole.body).toMatchObject({ hasConsent: true, consentSource: 'Per e-mail bevestigd', version: 2 });
    expect((await director.delete(`/api/v1/newsletter-subscribers/${old.id}`)).status).toBe(204);
  });

  it('gives 403 to roles without the permission, and keeps subscribers from the policy officer', async () => {
    const issue = await compose();
    expectProblem(await executive.post(`/api/v1/newsletter-issues/${issue.id}/sending`, { version: 1 }), 403);
    expectProblem(await executive.post('/api/v1/newsletter-issues', { title: 'x', period: '2026-1', body: 'x' }), 403);
    expectProblem(await police.get('/api/v1/newsletter-issues'), 403);
    expectProblem(await policy.get('/api/v1/newsletter-subscribers'), 403);
    expectProblem(await policy.get(`/api/v1/newsletter-issues/${issue.id}/deliveries`), 403);
    expect((await policy.get(`/api/v1/newsletter-issues/${issue.id}`)).body.version).toBe(1);
  });

  it('answers 404 for an issue of another region', async () => {
    expectProblem(await policy.get(`/api/v1/newsletter-issues/${otherIssue}`), 404);
    expectProblem(await policy.post(`/api/v1/newsletter-issues/${otherIssue}/sending`, { version: 1 }), 404);
    expectProblem(await policy.get(`/api/v1/newsletter-issues/${otherIssue}/export`), 404);
    const stored = await t.db.owner
      .selectFrom('newsletter_issues')
      .select('status')
      .where('id', '=', otherIssue)
      .executeTakeFirst();
    expect(stored?.status).toBe('draft');
  });
});
