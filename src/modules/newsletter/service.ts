/**
 * The newsletter to partners and professionals, twice a year (001): subscribers (people — every read
 * and change logged with the processing activity "newsletter"), issues composed as text, sent through
 * the configured SMTP server with one message per subscriber, or exported as HTML or .eml.
 *
 * Sending runs on the job queue and holds no transaction while talking to the mail server: the request
 * claims the issue ("sending") and queues the send; the job sends the messages one by one and records
 * each delivery as it goes. Sending again later reaches only
 * the active subscribers without a delivered message (e.g. after a failure, or new subscribers).
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError, notFound, staleVersion } from '../../core/errors.js';
import { can } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import { rethrowConstraint } from '../../platform/db/errors.js';
import { afterKeyset } from '../../platform/db/keyset.js';
import type { Deps } from '../../platform/deps.js';
import { type Actor, auditActor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { defineJob } from '../../platform/queue/queue.js';
import { recordAccess } from '../access-log/record.js';
import { actingUser } from '../auth/acting-user.js';
import { isoDay, refuse, scopeOf, todayInNl } from '../networks/common.js';
import { issueAsEml, type Mailer, renderIssue, smtpMailer } from './mail.js';
import type {
  Delivery,
  IssueCreate,
  IssueListQuery,
  IssueUpdate,
  NewsletterIssue,
  SendingResult,
  Subscriber,
  SubscriberCreate,
  SubscriberListQuery,
  SubscriberUpdate,
} from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

export const NEWSLETTER_PURPOSE = { type: 'newsletter' } as const;
/** A claim on an issue older than this is considered abandoned (e.g. the process stopped mid-send). */
const SENDING_LEASE_MS = 15 * 60_000;

// --- Subscribers -----------------------------------------------------------------------------------

type SubscriberRow = {
  id: string;
  name: string;
  email: string;
  organisation: string | null;
  kind: string;
  subscribed_on: string;
  unsubscribed_on: string | null;
  consent_given_on: string | null;
  consent_source: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
};

function presentSubscriber(s: SubscriberRow): Out<typeof Subscriber> {
  return {
    id: s.id,
    name: s.name,
    email: s.email,
    organisation: s.organisation,
    kind: s.kind as Out<typeof Subscriber>['kind'],
    subscribedOn: isoDay(s.subscribed_on),
    unsubscribed: s.unsubscribed_on !== null,
    unsubscribedOn: s.unsubscribed_on === null ? null : isoDay(s.unsubscribed_on),
    consentGivenOn: s.consent_given_on === null ? null : isoDay(s.consent_given_on),
    consentSource: s.consent_source,
    hasConsent: s.consent_given_on !== null && s.consent_source !== null,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
    version: s.version,
  };
}

/** Consent is given on a day that has come (422 otherwise). */
function assertConsentDate(deps: Deps, givenOn: string | undefined) {
  if (givenOn !== undefined && givenOn > todayInNl(deps.now())) {
    throw refuse('/consentGivenOn', 'in_future', 'Consent cannot be given on a date still to come.');
  }
}

const SUBSCRIBER_CONSTRAINTS = {
  newsletter_subscribers_email_key: { pointer: '/email', detail: 'This address is already on the list.' },
};

async function logSubscribers(
  tx: Tx,
  actor: Actor,
  traceId: string,
  action: 'read' | 'create' | 'update' | 'delete' | 'export',
  ids: string[],
  recordId: string | null,
) {
  if (ids.length === 0) return;
  await recordAccess(tx, auditActor(actor, traceId), {
    action,
    recordType: 'newsletter_subscriber',
    recordId,
    subjects: ids.map((id) => ({ type: 'subscriber' as const, id })),
    purpose: NEWSLETTER_PURPOSE,
  });
}

export async function listSubscribers(
  deps: Deps,
  actor: Actor,
  traceId: string,
  q: z.infer<typeof SubscriberListQuery>,
) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = tx
      .selectFrom('newsletter_subscribers')
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(q.limit + 1);
    if (q.kind) query = query.where('kind', '=', q.kind);
    if (q.unsubscribed === 'true') query = query.where('unsubscribed_on', 'is not', null);
    if (q.unsubscribed === 'false') query = query.where('unsubscribed_on', 'is', null);
    if (after) {
      query = query.where((eb) => afterKeyset(eb, 'name', 'id', after));
    }
    const result = page(await query.execute(), q.limit, (s) => [s.name, s.id]);
    await logSubscribers(
      tx,
      actor,
      traceId,
      'read',
      result.items.map((s) => s.id),
      null,
    );
    return { items: result.items.map(presentSubscriber), nextCursor: result.nextCursor };
  });
}

export async function getSubscriber(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const s = await tx.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) throw notFound('The subscriber');
    await logSubscribers(tx, actor, traceId, 'read', [id], id);
    return presentSubscriber(s);
  });
}

export async function createSubscriber(
  deps: Deps,
  actor: Actor,
  traceId: string,
  input: z.infer<typeof SubscriberCreate>,
) {
  assertConsentDate(deps, input.consentGivenOn);
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const row = await tx
      .insertInto('newsletter_subscribers')
      .values({
        region_id: actor.regionId,
        name: input.name,
        email: input.email,
        organisation: input.organisation ?? null,
        kind: input.kind,
        subscribed_on: input.subscribedOn ?? todayInNl(deps.now()),
        consent_given_on: input.consentGivenOn,
        consent_source: input.consentSource,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((e) => rethrowConstraint(e, SUBSCRIBER_CONSTRAINTS));
    await logSubscribers(tx, actor, traceId, 'create', [row.id], row.id);
    return presentSubscriber(row);
  });
}

export async function updateSubscriber(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  input: z.infer<typeof SubscriberUpdate>,
) {
  assertConsentDate(deps, input.consentGivenOn);
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await tx.selectFrom('newsletter_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!existing) throw notFound('The subscriber');
    // Consent is recorded as a whole: a subscriber without it needs both the date and how it was given.
    const consentOn = input.consentGivenOn ?? existing.consent_given_on;
    const consentSource = input.consentSource ?? existing.consent_source;
    if ((consentOn === null) !== (consentSource === null)) {
      throw refuse(
        consentOn === null ? '/consentGivenOn' : '/consentSource',
        'incomplete_consent',
        'Record both the date of the consent and how it was given.',
      );
    }
    const today = todayInNl(deps.now());
    const row = await tx
      .updateTable('newsletter_subscribers')
      .set((eb) => ({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.organisation !== undefined ? { organisation: input.organisation } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.consentGivenOn !== undefined ? { consent_given_on: input.consentGivenOn } : {}),
        ...(input.consentSource !== undefined ? { consent_source: input.consentSource } : {}),
        ...(input.unsubscribed === true && existing.unsubscribed_on === null ? { unsubscribed_on: today } : {}),
        ...(input.unsubscribed === false && existing.unsubscribed_on !== null
          ? { unsubscribed_on: null, subscribed_on: today }
          : {}),
        updated_at: deps.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirst()
      .catch((e) => rethrowConstraint(e, SUBSCRIBER_CONSTRAINTS));
    if (!row) throw staleVersion();
    await logSubscribers(tx, actor, traceId, 'update', [id], id);
    return presentSubscriber(row);
  });
}

/** Erases a subscriber; their deliveries stay as counts without a reference. */
export async function deleteSubscriber(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const removed = await tx
      .deleteFrom('newsletter_subscribers')
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!removed) throw notFound('The subscriber');
    await logSubscribers(tx, actor, traceId, 'delete', [id], id);
  });
}

// --- Issues ----------------------------------------------------------------------------------------

function issues(tx: Tx) {
  return tx
    .selectFrom('newsletter_issues as i')
    .leftJoin('users as u', 'u.id', 'i.sent_by')
    .selectAll('i')
    .select([
      'u.name as sent_by_name',
      (eb) =>
        eb
          .selectFrom('newsletter_deliveries as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.issue_id', '=', 'i.id')
          .where('d.status', '=', 'sent')
          .as('sent_count'),
      (eb) =>
        eb
          .selectFrom('newsletter_deliveries as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.issue_id', '=', 'i.id')
          .where('d.status', '=', 'failed')
          .as('failed_count'),
    ]);
}

type IssueRow = Awaited<ReturnType<ReturnType<typeof issues>['executeTakeFirstOrThrow']>>;

function presentIssue(i: IssueRow): Out<typeof NewsletterIssue> {
  return {
    id: i.id,
    title: i.title,
    period: i.period,
    body: i.body,
    status: i.status as Out<typeof NewsletterIssue>['status'],
    sentAt: i.sent_at?.toISOString() ?? null,
    sentByName: i.sent_by_name,
    deliveries: { sent: Number(i.sent_count ?? 0), failed: Number(i.failed_count ?? 0) },
    createdAt: i.created_at.toISOString(),
    updatedAt: i.updated_at.toISOString(),
    version: i.version,
  };
}

async function requireIssue(tx: Tx, id: string) {
  const i = await issues(tx).where('i.id', '=', id).executeTakeFirst();
  if (!i) throw notFound('The newsletter issue');
  return i;
}

export async function listIssues(deps: Deps, actor: Actor, q: z.infer<typeof IssueListQuery>) {
  const after = decodeCursor(q.cursor, ['string', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    let query = issues(tx)
      .orderBy('i.period', 'desc')
      .orderBy('i.id', 'desc')
      .limit(q.limit + 1);
    if (q.status) query = query.where('i.status', '=', q.status);
    if (after) query = query.where(sql<boolean>`(i.period, i.id) < (${after[0]}, ${after[1]}::uuid)`);
    const result = page(await query.execute(), q.limit, (i) => [i.period, i.id]);
    return { items: result.items.map(presentIssue), nextCursor: result.nextCursor };
  });
}

export async function getIssue(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, scopeOf(actor), async (tx) => presentIssue(await requireIssue(tx, id)));
}

export async function createIssue(deps: Deps, actor: Actor, input: z.infer<typeof IssueCreate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const { id } = await tx
      .insertInto('newsletter_issues')
      .values({
        region_id: actor.regionId,
        title: input.title,
        period: input.period,
        body: input.body,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return presentIssue(await requireIssue(tx, id));
  });
}

export async function updateIssue(deps: Deps, actor: Actor, id: string, input: z.infer<typeof IssueUpdate>) {
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    const existing = await requireIssue(tx, id);
    if (existing.status !== 'draft') {
      throw new DomainError('CONFLICT', 'This issue has been sent (or is being sent); it can no longer change.');
    }
    const updated = await tx
      .updateTable('newsletter_issues')
      .set((eb) => ({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.period !== undefined ? { period: input.period } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        updated_at: deps.now(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw staleVersion();
    return presentIssue(await requireIssue(tx, id));
  });
}

// --- Sending ---------------------------------------------------------------------------------------

interface Recipient {
  id: string;
  email: string;
}

/** Active subscribers with recorded consent who have not received the issue yet, in a stable order. */
function pendingRecipients(tx: Tx, issueId: string): Promise<Recipient[]> {
  return tx
    .selectFrom('newsletter_subscribers as s')
    .select(['s.id', 's.email'])
    .where('s.unsubscribed_on', 'is', null)
    .where('s.consent_given_on', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('newsletter_deliveries as d')
            .select(sql`1`.as('one'))
            .whereRef('d.subscriber_id', '=', 's.id')
            .where('d.issue_id', '=', issueId)
            .where('d.status', '=', 'sent'),
        ),
      ),
    )
    .orderBy('s.id')
    .execute();
}

const notConfigured = () =>
  new DomainError(
    'BUSINESS_RULE',
    'Sending e-mail is not configured on this server (set SMTP_HOST and SMTP_FROM). Export the issue instead ' +
      '(GET /newsletter-issues/{id}/export) and send it with your own mail program.',
  );

export const SendJobPayload = z.strictObject({
  issueId: z.uuid(),
  regionId: z.uuid(),
  userId: z.uuid(),
  traceId: z.string().min(1).max(100),
});
type SendJob = z.infer<typeof SendJobPayload>;

/**
 * The send of one issue, on the job queue: started by {@link sendIssue}, retried by the queue when the
 * process stops mid-send (the deliveries already recorded are not sent again).
 */
export function newsletterSendJob(
  deps: Deps,
  mailerFor: (config: NonNullable<Deps['config']['smtp']>) => Mailer = smtpMailer,
) {
  return defineJob({
    name: 'newsletter-send',
    payload: SendJobPayload,
    retryLimit: 2,
    retryDelaySeconds: 30,
    regionOf: (p) => p.regionId,
    run: async (p) => {
      await deliverIssue(deps, p, mailerFor);
    },
  });
}

/**
 * Claims the issue for sending (409 on a stale version or while it is being sent, 422 when sending is not
 * configured or nobody is left to send to) and queues the send; the messages go out in the background.
 * The answer says how many subscribers the send will reach; the issue's status ("sending") and its
 * delivery counts show the progress.
 */
export async function sendIssue(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  version: number,
): Promise<Out<typeof SendingResult>> {
  if (!deps.config.smtp) throw notConfigured();
  const claimed = await withTx(deps.db, scopeOf(actor), async (tx) => {
    const issue = await tx
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!issue) throw notFound('The newsletter issue');
    if (issue.version !== version) throw staleVersion();
    const now = deps.now();
    if (
      issue.status === 'sending' &&
      issue.sending_started_at &&
      now.getTime() - issue.sending_started_at.getTime() < SENDING_LEASE_MS
    ) {
      throw new DomainError('CONFLICT', 'This issue is being sent right now.');
    }
    const recipients = await pendingRecipients(tx, id);
    if (recipients.length === 0) {
      if (issue.sent_at !== null) {
        throw new DomainError('CONFLICT', 'Every active subscriber has received this issue already.');
      }
      throw refuse(
        '/version',
        'no_subscribers',
        'There are no active subscribers with recorded consent to send this issue to.',
      );
    }
    await tx
      .updateTable('newsletter_issues')
      .set((eb) => ({ status: 'sending', sending_started_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    return { recipients: recipients.length, issue: presentIssue(await requireIssue(tx, id)) };
  });
  const job: SendJob = { issueId: id, regionId: actor.regionId, userId: actor.userId, traceId };
  // Queued after the commit, so that the job finds the claim. Without a queue (scripts, some tests) the
  // send runs here, in the request.
  if (deps.jobs) await deps.jobs.send(newsletterSendJob(deps), job);
  else await deliverIssue(deps, job, smtpMailer);
  return claimed;
}

/** How often a long send renews its claim (messages), so that no second send starts meanwhile. */
const LEASE_RENEWAL_EVERY = 50;

/**
 * Sends a claimed issue: one message per pending subscriber, each delivery recorded in its own short
 * transaction as it happens (the progress is visible, and a retried run skips who has it already). The
 * user who started it must still hold the right to: a revoked right or a disabled account stops the send
 * before any address leaves.
 */
export async function deliverIssue(
  deps: Deps,
  job: SendJob,
  mailerFor: (config: NonNullable<Deps['config']['smtp']>) => Mailer,
): Promise<void> {
  const region = { regionId: job.regionId };
  const start = await withTx(deps.db, region, async (tx) => {
    const issue = await tx
      .selectFrom('newsletter_issues')
      .select(['status', 'sent_at', 'title', 'period', 'body'])
      .where('id', '=', job.issueId)
      .executeTakeFirst();
    // Finished (or released) already: a duplicate or late run has nothing to do.
    if (!issue || issue.status !== 'sending') return null;
    const user = await actingUser(tx, job.regionId, job.userId);
    if (!user || !can(user.role, 'programme:work')) return { issue, actor: null, recipients: [] };
    const actor = auditActor(user, job.traceId);
    const recipients = await pendingRecipients(tx, job.issueId);
    // The addresses leave Schakel for the mail server: logged as an export per subscriber.
    if (recipients.length > 0) {
      await recordAccess(tx, actor, {
        action: 'export',
        recordType: 'newsletter_subscriber',
        recordId: job.issueId,
        subjects: recipients.map((r) => ({ type: 'subscriber' as const, id: r.id })),
        purpose: NEWSLETTER_PURPOSE,
      });
    }
    return { issue, actor, recipients };
  });
  if (!start) return;

  let delivered = 0;
  try {
    if (!start.actor || start.recipients.length === 0) return;
    const smtp = deps.config.smtp;
    if (!smtp) throw notConfigured();
    const content = renderIssue(start.issue);
    const mailer = mailerFor(smtp);
    try {
      for (const [i, r] of start.recipients.entries()) {
        let result: { ok: boolean; messageId: string | null; error: string | null };
        try {
          const info = await mailer.send({
            to: r.email,
            subject: content.subject,
            text: content.text,
            html: content.html,
          });
          result = { ok: true, messageId: info.messageId.slice(0, 500), error: null };
        } catch (e) {
          result = { ok: false, messageId: null, error: (e instanceof Error ? e.message : String(e)).slice(0, 500) };
        }
        if (result.ok) delivered++;
        const renew = (i + 1) % LEASE_RENEWAL_EVERY === 0;
        await withTx(deps.db, region, async (tx) => {
          await tx
            .insertInto('newsletter_deliveries')
            .values({
              region_id: job.regionId,
              issue_id: job.issueId,
              subscriber_id: r.id,
              status: result.ok ? 'sent' : 'failed',
              message_id: result.messageId,
              error: result.error,
              attempted_at: deps.now(),
            })
            .execute();
          if (renew) {
            await tx
              .updateTable('newsletter_issues')
              .set({ sending_started_at: deps.now() })
              .where('id', '=', job.issueId)
              .where('status', '=', 'sending')
              .execute();
          }
        });
      }
    } finally {
      mailer.close();
    }
  } finally {
    // Release the claim, whatever happened above: sent once anyone has it, otherwise back to draft.
    await withTx(deps.db, region, async (tx) => {
      const anySent = await tx
        .selectFrom('newsletter_deliveries')
        .select('id')
        .where('issue_id', '=', job.issueId)
        .where('status', '=', 'sent')
        .limit(1)
        .executeTakeFirst();
      const now = deps.now();
      await tx
        .updateTable('newsletter_issues')
        .set((eb) => ({
          status: anySent ? 'sent' : 'draft',
          sending_started_at: null,
          ...(delivered > 0 ? { sent_at: eb.fn.coalesce('sent_at', eb.val(now)) } : {}),
          ...(delivered > 0 ? { sent_by: eb.fn.coalesce('sent_by', eb.val(job.userId)) } : {}),
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', job.issueId)
        .where('status', '=', 'sending')
        .execute();
    });
  }
}

export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  traceId: string,
  id: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']) as [string, string] | null;
  return withTx(deps.db, scopeOf(actor), async (tx) => {
    await requireIssue(tx, id);
    let query = tx
      .selectFrom('newsletter_deliveries as d')
      .leftJoin('newsletter_subscribers as s', 's.id', 'd.subscriber_id')
      .select(['d.id', 'd.subscriber_id', 's.name', 's.email', 'd.status', 'd.error', 'd.attempted_at'])
      .where('d.issue_id', '=', id)
      .orderBy('d.attempted_at')
      .orderBy('d.id')
      .limit(q.limit + 1);
    if (after) {
      if (Number.isNaN(Date.parse(after[0])))
        throw refuse('/cursor', 'invalid_cursor', 'The cursor is not valid.', 'query');
      query = query.where(sql<boolean>`(d.attempted_at, d.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    }
    const result = page(await query.execute(), q.limit, (d) => [d.attempted_at.toISOString(), d.id]);
    await logSubscribers(
      tx,
      actor,
      traceId,
      'read',
      result.items.flatMap((d) => (d.subscriber_id ? [d.subscriber_id] : [])),
      id,
    );
    const items: Array<Out<typeof Delivery>> = result.items.map((d) => ({
      id: d.id,
      subscriberId: d.subscriber_id,
      subscriberName: d.name,
      email: d.email,
      status: d.status as 'sent' | 'failed',
      error: d.error,
      attemptedAt: d.attempted_at.toISOString(),
    }));
    return { items, nextCursor: result.nextCursor };
  });
}

// --- Export ----------------------------------------------------------------------------------------

export async function exportIssue(deps: Deps, actor: Actor, id: string, format: 'html' | 'eml') {
  const issue = await withTx(deps.db, scopeOf(actor), (tx) => requireIssue(tx, id));
  const base = `nieuwsbrief-${issue.period}`;
  if (format === 'eml') {
    const from = deps.config.smtp?.from ?? 'Schakel <nieuwsbrief@schakel.invalid>';
    return { body: await issueAsEml(issue, from), type: 'message/rfc822', fileName: `${base}.eml` };
  }
  return { body: renderIssue(issue).html, type: 'text/html; charset=utf-8', fileName: `${base}.html` };
}
