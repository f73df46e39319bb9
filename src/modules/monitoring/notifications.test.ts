/**
 * Notifications: the job creates each notification once (dedupe), to the right person, without
 * personal data in the text, only for people who can see the case; users read their own, newest
 * first with an unread count, and mark them read.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, userIdByEmail } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { addDays } from '../../core/case-lifecycle.js';
import { withTx } from '../../platform/db/database.js';
import { todayInNl } from '../cases/core.js';
import { addAction, demoRegionId, type SeededCase, seedCase } from '../cases/testing.js';
import { generateNotifications, notificationJob } from './notifications.js';

let t: TestApp;
let director: Client;
let coordinator: Client;
let police: Client;
let c: SeededCase;
let dueSoon: string;
let overdue: string;
let ggzAction: string;

const today = () => todayInNl(t.deps.now());

/** The notifications about one case, as stored. */
async function ofCase(caseId: string) {
  return t.db.owner
    .selectFrom('notifications')
    .select(['user_id', 'kind', 'action_id', 'message'])
    .where('case_id', '=', caseId)
    .execute();
}

type Note = {
  id: string;
  kind: string;
  code: string;
  caseId: string;
  caseReference: string;
  actionId: string | null;
  message: string;
};

async function notes(client: Client, query = ''): Promise<{ items: Note[]; unreadCount: number }> {
  const res = await client.get(`/api/v1/notifications?limit=200${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestApp();
  [director, coordinator, police] = await Promise.all([
    t.signIn('regisseur@delft.demo'),
    t.signIn('coordinator@delft.demo'),
    t.signIn('politie@politie.demo'),
  ]);
  c = await seedCase(t.deps, {
    firstName: 'Noor',
    lastName: 'Notificatie',
    members: ['politie@politie.demo', 'ggz@ggz.demo'],
  });
  dueSoon = await addAction(t.deps, c.caseId, { dueOn: addDays(today(), 2), owner: 'politie@politie.demo' });
  overdue = await addAction(t.deps, c.caseId, { dueOn: addDays(today(), -1) }); // no owner: the coordinator
  ggzAction = await addAction(t.deps, c.caseId, { dueOn: addDays(today(), 1), owner: 'ggz@ggz.demo' });
  await addAction(t.deps, c.caseId, { dueOn: addDays(today(), 10), owner: 'politie@politie.demo' }); // not yet
  await addAction(t.deps, c.caseId, { dueOn: addDays(today(), -5), status: 'done' }); // done
  const regionId = await demoRegionId(t.deps);
  await withTx(t.deps.db, { regionId }, (tx) =>
    tx
      .updateTable('cases')
      .set({ next_review_on: addDays(today(), -2) })
      .where('id', '=', c.caseId)
      .execute(),
  );
  // GGZ's person leaves the case before the job runs: no notification may tell them about it.
  const ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
  expect((await director.post(`/api/v1/cases/${c.caseId}/members/${ggzUser}/removal`, {})).status).toBe(204);
});
afterAll(async () => {
  await t?.close();
});

describe('generating notifications', () => {
  it('creates each due notification once, for the right people', async () => {
    const first = await generateNotifications(t.deps, today());
    // action due → politie; action overdue (no owner) → coordinator; GGZ's action due (its owner has
    // left the case) → coordinator; review overdue → director and coordinator.
    expect(await ofCase(c.caseId)).toHaveLength(5);
    expect(first.created).toBeGreaterThanOrEqual(5);
    expect((await generateNotifications(t.deps, today())).created).toBe(0);
    expect(await ofCase(c.caseId)).toHaveLength(5);

    const forPolice = (await notes(police)).items.filter((n) => n.caseId === c.caseId);
    expect(forPolice.map((n) => [n.kind, n.actionId])).toEqual([['action_due', dueSoon]]);
    expect(forPolice[0]?.message).toBe(
      `Actie in casus ${c.reference} vervalt op ${addDays(today(), 2).split('-').reverse().join('-')}`,
    );
    const forCoordinator = (await notes(coordinator)).items.filter((n) => n.caseId === c.caseId);
    expect(forCoordinator.map((n) => [n.kind, n.actionId]).sort()).toEqual(
      [
        ['action_due', ggzAction],
        ['action_overdue', overdue],
        ['proportionality_due', null],
      ].sort(),
    );
    const forDirector = (await notes(director)).items.filter((n) => n.caseId === c.caseId);
    expect(forDirector.map((n) => n.kind)).toEqual(['proportionality_due']);
    // The code tells "overdue" from "due soon", so that the interface can say it in its own language.
    expect(forDirector.map((n) => n.code)).toEqual(['proportionality_overdue']);
    expect(forPolice.map((n) => n.code)).toEqual(['action_due']);
    expect(forCoordinator.map((n) => n.code).sort()).toEqual(
      ['action_due', 'action_overdue', 'proportionality_overdue'].sort(),
    );
    expect(forDirector[0]?.message).toMatch(/^Proportionaliteitstoets van casus C-\d{4}-\d{4} is over de datum/);
    // The removed GGZ member, owner of an action due tomorrow, is told nothing about this case.
    const ggzUser = await userIdByEmail(t, 'ggz@ggz.demo');
    expect((await ofCase(c.caseId)).filter((n) => n.user_id === ggzUser)).toEqual([]);
  });

  it('never puts personal data in the text: only fixed templates with a case reference and a date', async () => {
    const rows = await t.db.owner.selectFrom('notifications').select('message').execute();
    expect(rows.length).toBeGreaterThan(0);
    const ref = 'C-\\d{4}-\\d{4}';
    const date = '\\d{2}-\\d{2}-\\d{4}';
    const templates = [
      `Actie in casus ${ref} vervalt op ${date}`,
      `Actie in casus ${ref} is over de vervaldatum \\(${date}\\)`,
      `Proportionaliteitstoets van casus ${ref} is over de datum \\(${date}\\)`,
      `Proportionaliteitstoets van casus ${ref} is uiterlijk ${date} nodig`,
      `Casus ${ref} is terug op de prioriteitenlijst: herbeoordelingsdatum ${date}`,
    ].map((p) => new RegExp(`^${p}$`));
    for (const { message } of rows) {
      expect(
        templates.some((re) => re.test(message)),
        message,
      ).toBe(true);
    }
  });

  it('notifies once more when a due date moves, and when a revisit date comes', async () => {
    const regionId = await demoRegionId(t.deps);
    await withTx(t.deps.db, { regionId }, (tx) =>
      tx
        .updateTable('actions')
        .set({ due_on: addDays(today(), 3) })
        .where('id', '=', dueSoon)
        .execute(),
    );
    await generateNotifications(t.deps, today());
    expect((await ofCase(c.caseId)).filter((n) => n.action_id === dueSoon)).toHaveLength(2);

    const d = await seedCase(t.deps, {});
    const revisitOn = addDays(today(), 5);
    expect(
      (
        await director.post(`/api/v1/cases/${d.caseId}/transitions`, {
          kind: 'close_provisionally',
          reason: 'Rustig.',
          revisitOn,
          version: 1,
        })
      ).status,
    ).toBe(200);
    await generateNotifications(t.deps, today());
    expect(await ofCase(d.caseId)).toEqual([]);
    // Director and coordinator, once each.
    await generateNotifications(t.deps, revisitOn);
    expect((await generateNotifications(t.deps, revisitOn)).created).toBe(0);
    expect((await ofCase(d.caseId)).map((n) => n.kind)).toEqual(['revisit_due', 'revisit_due']);
    const revisit = (await notes(director)).items.filter((n) => n.kind === 'revisit_due' && n.caseId === d.caseId);
    expect(revisit.map((n) => n.caseId)).toEqual([d.caseId]);
    expect(revisit[0]?.message).toContain('terug op de prioriteitenlijst');
  });
});

describe('reading notifications', () => {
  it('lists own notifications newest first with the unread count, and marks them read', async () => {
    const before = await notes(coordinator);
    expect(before.unreadCount).toBe(before.items.length);
    const target = before.items[0] as Note;
    const read = await coordinator.post(`/api/v1/notifications/${target.id}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await coordinator.post(`/api/v1/notifications/${target.id}/read`, {});
    expect(again.body.readAt).toBe(read.body.readAt);
    const after = await notes(coordinator);
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect((await notes(coordinator, '&unreadOnly=true')).items.map((n) => n.id)).not.toContain(target.id);
    const paged = await coordinator.get('/api/v1/notifications?limit=1');
    const second = await coordinator.get(`/api/v1/notifications?limit=1&cursor=${paged.body.nextCursor}`);
    expect([paged.body.items[0].id, second.body.items[0].id]).toEqual(after.items.slice(0, 2).map((n) => n.id));
  });

  it('is 404 for someone else’s notification', async () => {
    const theirs = (await notes(coordinator)).items[0] as Note;
    expectProblem(await police.post(`/api/v1/notifications/${theirs.id}/read`, {}), 404);
  });

  it('hides a notification once its reader can no longer see the case', async () => {
    const policeUser = await userIdByEmail(t, 'politie@politie.demo');
    const before = await notes(police);
    const ofThisCase = before.items.filter((n) => n.caseId === c.caseId);
    expect(ofThisCase.length).toBeGreaterThan(0);
    expect((await director.post(`/api/v1/cases/${c.caseId}/members/${policeUser}/removal`, {})).status).toBe(204);
    const after = await notes(police);
    expect(after.items.filter((n) => n.caseId === c.caseId)).toEqual([]);
    expect(after.unreadCount).toBe(before.unreadCount - ofThisCase.length);
  });
});

describe('the notification job', () => {
  it('runs, and logs counts without personal data', async () => {
    const lines: Array<[string, object, string]> = [];
    const log = {
      info: (obj: object, msg: string) => lines.push(['info', obj, msg]),
      error: (obj: object, msg: string) => lines.push(['error', obj, msg]),
    };
    await notificationJob(t.deps).run({}, { jobId: 'test', log });
    expect(lines).toEqual([
      ['info', { created: expect.any(Number), emailed: 0, emailFailed: 0 }, 'notifications generated'],
    ]);
  });
});

describe('e-mail', () => {
  let smtp: SMTPServer;
  let port: number;
  const received: Array<{ rcptTo: string[]; raw: string }> = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    t.deps.config.smtp = null;
    t.deps.config.publicUrl = null;
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('tells each new recipient once that there is a notification, with a link and no personal data', async () => {
    // Whatever was due already has been notified (without e-mail): only what follows is new.
    await generateNotifications(t.deps, today());
    const d = await seedCase(t.deps, {
      firstName: 'Mirte',
      lastName: 'Mailonderzoek',
      members: ['politie@politie.demo'],
    });
    await addAction(t.deps, d.caseId, { dueOn: addDays(today(), 1), owner: 'politie@politie.demo' });
    await addAction(t.deps, d.caseId, { dueOn: addDays(today(), -3), owner: 'politie@politie.demo' });

    t.deps.config.smtp = {
      host: '127.0.0.1',
      port,
      secure: false,
      user: null,
      password: null,
      from: 'Schakel <noreply@schakel.example>',
    };
    t.deps.config.publicUrl = 'https://schakel.example/';
    const run = await generateNotifications(t.deps, today());
    expect(run.created).toBe(2);
    // Two notifications for the police officer: one e-mail.
    expect(run).toMatchObject({ emailed: 1, emailFailed: 0 });
    expect(received.map((m) => m.rcptTo)).toEqual([['politie@politie.demo']]);
    const raw = (received[0]?.raw ?? '').replace(/=\r?\n/g, '');
    expect(raw).toContain('Subject: Nieuwe melding in Schakel');
    expect(raw).toContain('Er is een nieuwe melding in Schakel');
    expect(raw).toContain('https://schakel.example/notifications');
    // Nothing about the case or the person: no reference, no name, no date, no kind of notification.
    for (const secret of [d.reference, 'Mirte', 'Mailonderzoek', 'Actie', 'casus']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).not.toMatch(/\d{2}-\d{2}-\d{4}/);

    // Nothing new: no e-mail.
    expect(await generateNotifications(t.deps, today())).toMatchObject({ created: 0, emailed: 0 });
    expect(received).toHaveLength(1);
  });

  it('sends nothing when SMTP is not configured, and counts a refused delivery without failing', async () => {
    t.deps.config.smtp = null;
    const d = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    await addAction(t.deps, d.caseId, { dueOn: addDays(today(), 2), owner: 'politie@politie.demo' });
    const before = received.length;
    expect(await generateNotifications(t.deps, today())).toMatchObject({ created: 1, emailed: 0, emailFailed: 0 });
    expect(received).toHaveLength(before);

    // A server that does not answer: the notification stands, the e-mail is counted as failed.
    const e = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    await addAction(t.deps, e.caseId, { dueOn: addDays(today(), 2), owner: 'politie@politie.demo' });
    t.deps.config.smtp = { host: '127.0.0.1', port: 1, secure: false, user: null, password: null, from: 'x@y.example' };
    expect(await generateNotifications(t.deps, today())).toMatchObject({ created: 1, emailed: 0, emailFailed: 1 });
    expect(await ofCase(e.caseId)).toHaveLength(1);
  });
});
