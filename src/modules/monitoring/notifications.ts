/**
 * In-app notifications: actions due within three days or overdue, proportionality reviews due or
 * overdue, and provisionally closed cases whose revisit date has come. A job creates them once each
 * (dedupe_key per user); the texts carry a case reference and a date, never personal data. A
 * notification only goes to someone who can see the case, and only shows while they still can.
 * With SMTP configured, each user who got a new one also gets an e-mail that says only that there
 * is a new notification in Schakel, with a link to the notifications page.
 */

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { SmtpConfig } from '../../config.js';
import { addDays } from '../../core/case-lifecycle.js';
import { notFound } from '../../core/errors.js';
import { can, ROLES } from '../../core/roles.js';
import { type Tx, withTx } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { decodeCursor, page } from '../../platform/http/pagination.js';
import { defineJob } from '../../platform/queue/queue.js';
import { todayInNl } from '../cases/core.js';
import { invalidCursor } from '../cases/presenters.js';
import { caseVisibleTo } from '../cases/visibility.js';
import { type Mailer, smtpMailer } from '../newsletter/mail.js';
import { NOTIFICATION_CODES, type Notification, type NotificationQuery } from './schemas.js';

type Out<T extends z.ZodType> = z.infer<T>;

/** Days ahead that an action or a review counts as "due soon". */
export const DUE_SOON_DAYS = 3;

const CASE_ROLES = ROLES.filter((r) => can(r, 'cases:work'));

/**
 * The need-to-know rule of visibility.ts for another user than the actor, in SQL over `c` (cases):
 * the job runs without a signed-in user and must not tell anyone about a case they cannot see. The
 * role is the user's grant in effect in the case's region.
 *
 * Written as plain correlated EXISTS, each with `limit 1`, on purpose: as one join (users ⋈
 * region_roles) with unlimited EXISTS inside, the embedded PostgreSQL (PGlite 0.5) planned hash nodes
 * over the lateral's parameters and reused them for the next case (a partner member was not found;
 * the same query was right on a PostgreSQL 15 server). This shape plans as nested correlated
 * subplans on both.
 */
function recipientSeesCase(userId: ReturnType<typeof sql.ref>) {
  const roleIn = (roles: readonly string[]) =>
    sql`exists (select 1 from region_roles rr where rr.user_id = u.id and rr.region_id = c.region_id
      and rr.role in (${sql.join(roles)}) limit 1)`;
  return sql<SqlBool>`exists (select 1 from users u
    where u.id = ${userId} and u.disabled_at is null and ${roleIn(CASE_ROLES)}
    and (c.case_coordinator_id = u.id
      or exists (select 1 from case_members m join case_organisations o
          on o.case_id = m.case_id and o.organisation_id = m.organisation_id
        where m.case_id = c.id and m.user_id = u.id and m.removed_at is null and o.removed_at is null limit 1)
      or (${roleIn(['process_director'])} and exists (select 1 from municipalities mu
        where mu.id = c.directing_municipality_id and mu.organisation_id = u.organisation_id limit 1))))`;
}

const OPEN = sql.join(['preparation', 'analysis', 'execution', 'monitoring']);
const nlDate = (column: string) => sql`to_char(${sql.ref(column)}, 'DD-MM-YYYY')`;

/**
 * Who hears about an action (over `a` and `c`): its owner, else — also when the owner can no longer
 * see the case — the case coordinator, else the process director; the first who sees the case.
 */
const actionRecipient = sql`select x.user_id from (values (1, a.owner_user_id), (2, c.case_coordinator_id),
    (3, c.process_director_id)) x(n, user_id)
  where x.user_id is not null and ${recipientSeesCase(sql.ref('x.user_id'))} order by x.n limit 1`;

/** Creates a region's due notifications; returns the users who got one or more new ones. */
async function generateForRegion(tx: Tx, regionId: string, today: string, now: Date): Promise<string[]> {
  const soon = addDays(today, DUE_SOON_DAYS);
  const runs = [
    // Actions due within three days.
    sql`insert into notifications (region_id, user_id, kind, case_id, action_id, due_on, message, dedupe_key, created_at)
      select ${regionId}::uuid, r.user_id, 'action_due', c.id, a.id, a.due_on,
        'Actie in casus ' || c.reference || ' vervalt op ' || ${nlDate('a.due_on')},
        'action_due:' || a.id || ':' || a.due_on, ${now}::timestamptz
      from actions a join cases c on c.id = a.case_id
      cross join lateral (${actionRecipient}) r
      where a.status in ('open', 'in_progress') and a.due_on >= ${today}::date and a.due_on <= ${soon}::date
        and c.phase in (${OPEN})
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
    // Overdue actions.
    sql`insert into notifications (region_id, user_id, kind, case_id, action_id, due_on, message, dedupe_key, created_at)
      select ${regionId}::uuid, r.user_id, 'action_overdue', c.id, a.id, a.due_on,
        'Actie in casus ' || c.reference || ' is over de vervaldatum (' || ${nlDate('a.due_on')} || ')',
        'action_overdue:' || a.id || ':' || a.due_on, ${now}::timestamptz
      from actions a join cases c on c.id = a.case_id
      cross join lateral (${actionRecipient}) r
      where a.status in ('open', 'in_progress') and a.due_on < ${today}::date
        and c.phase in (${OPEN})
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
    // Proportionality reviews due within three days, or overdue: to the process director and coordinator.
    sql`insert into notifications (region_id, user_id, kind, case_id, due_on, message, dedupe_key, created_at)
      select distinct ${regionId}::uuid, r.user_id, 'proportionality_due', c.id, c.next_review_on,
        case when c.next_review_on < ${today}::date
          then 'Proportionaliteitstoets van casus ' || c.reference || ' is over de datum (' || ${nlDate('c.next_review_on')} || ')'
          else 'Proportionaliteitstoets van casus ' || c.reference || ' is uiterlijk ' || ${nlDate('c.next_review_on')} || ' nodig'
        end,
        case when c.next_review_on < ${today}::date then 'proportionality_overdue:' else 'proportionality_due:' end
          || c.id || ':' || c.next_review_on, ${now}::timestamptz
      from cases c cross join lateral (values (c.process_director_id), (c.case_coordinator_id)) r(user_id)
      where c.phase in (${OPEN}) and c.next_review_on <= ${soon}::date and r.user_id is not null
        and ${recipientSeesCase(sql.ref('r.user_id'))}
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
    // Provisionally closed cases whose revisit date has come.
    sql`insert into notifications (region_id, user_id, kind, case_id, due_on, message, dedupe_key, created_at)
      select distinct ${regionId}::uuid, r.user_id, 'revisit_due', c.id, c.revisit_on,
        'Casus ' || c.reference || ' is terug op de prioriteitenlijst: herbeoordelingsdatum ' || ${nlDate('c.revisit_on')},
        'revisit_due:' || c.id || ':' || c.revisit_on, ${now}::timestamptz
      from cases c cross join lateral (values (c.process_director_id), (c.case_coordinator_id)) r(user_id)
      where c.phase = 'closed_provisional' and c.revisit_on <= ${today}::date and r.user_id is not null
        and ${recipientSeesCase(sql.ref('r.user_id'))}
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
    // Wgpa: inclusion reviews due within three days or overdue.
    sql`insert into notifications (region_id, user_id, kind, case_id, due_on, message, dedupe_key, created_at)
      select distinct ${regionId}::uuid, r.user_id, 'inclusion_review_due', c.id, c.next_inclusion_review_on,
        'Toets op opname in de aanpak van casus ' || c.reference || ' is uiterlijk ' || ${nlDate('c.next_inclusion_review_on')} || ' nodig',
        'inclusion_review_due:' || c.id || ':' || c.next_inclusion_review_on, ${now}::timestamptz
      from cases c cross join lateral (values (c.process_director_id), (c.case_coordinator_id)) r(user_id)
      where c.phase in (${OPEN}) and c.next_inclusion_review_on <= ${soon}::date and r.user_id is not null
        and ${recipientSeesCase(sql.ref('r.user_id'))}
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
    // Wgpa: a deferred informing whose date to reconsider has come (the newest record of the case).
    sql`insert into notifications (region_id, user_id, kind, case_id, due_on, message, dedupe_key, created_at)
      select distinct ${regionId}::uuid, r.user_id, 'informing_due', c.id, i.reconsider_on,
        'Heroverweeg het informeren van de betrokkene in casus ' || c.reference || ' (sinds ' || ${nlDate('i.reconsider_on')} || ')',
        'informing_due:' || i.id, ${now}::timestamptz
      from cases c
      join lateral (select ir.id, ir.outcome, ir.reconsider_on from informing_records ir where ir.case_id = c.id
        order by ir.recorded_at desc, ir.id desc limit 1) i on true
      cross join lateral (values (c.process_director_id), (c.case_coordinator_id)) r(user_id)
      where c.phase in (${OPEN}) and i.outcome = 'deferred' and i.reconsider_on <= ${today}::date
        and r.user_id is not null and ${recipientSeesCase(sql.ref('r.user_id'))}
      on conflict (user_id, dedupe_key) do nothing returning user_id`,
  ];
  const recipients: string[] = [];
  for (const statement of runs) {
    const result = await statement.execute(tx);
    for (const row of result.rows as Array<{ user_id: string }>) recipients.push(row.user_id);
  }
  return recipients;
}

// --- E-mail ------------------------------------------------------------------------------------------

/** The only words an e-mail about a notification holds: no case, no person, no date. */
export const NOTIFICATION_MAIL_SUBJECT = 'Nieuwe melding in Schakel';
const MAIL_TEXT = 'Er is een nieuwe melding in Schakel';

/** The notification e-mail: a fixed sentence and the address of the notifications page. */
export function notificationMail(publicUrl: string | null): { subject: string; text: string; html: string } {
  const base = publicUrl?.replace(/\/+$/, '');
  const link = base ? `${base}/notifications` : null;
  const href = link?.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  const text = link
    ? `${MAIL_TEXT}.\n\nBekijk uw meldingen: ${link}\n`
    : `${MAIL_TEXT}.\n\nMeld u aan bij Schakel om uw meldingen te bekijken.\n`;
  const html = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>${NOTIFICATION_MAIL_SUBJECT}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.5;">
<p>${MAIL_TEXT}.</p>
<p>${href ? `<a href="${href}">Bekijk uw meldingen</a>` : 'Meld u aan bij Schakel om uw meldingen te bekijken.'}</p>
</body>
</html>
`;
  return { subject: NOTIFICATION_MAIL_SUBJECT, text, html };
}

/**
 * Tells each user by e-mail that there is a new notification, through the SMTP server of the
 * configuration (the newsletter's transport). Off without SMTP. A failed delivery is counted, never
 * thrown: the notification itself is in Schakel either way.
 */
async function mailRecipients(
  deps: Deps,
  addresses: string[],
  mailerFor: (config: SmtpConfig) => Mailer,
): Promise<{ emailed: number; emailFailed: number }> {
  const smtp = deps.config.smtp;
  if (!smtp || addresses.length === 0) return { emailed: 0, emailFailed: 0 };
  const mail = notificationMail(deps.config.publicUrl);
  const mailer = mailerFor(smtp);
  let emailed = 0;
  let emailFailed = 0;
  try {
    for (const to of addresses) {
      try {
        await mailer.send({ to, ...mail });
        emailed += 1;
      } catch {
        emailFailed += 1;
      }
    }
  } finally {
    mailer.close();
  }
  return { emailed, emailFailed };
}

/**
 * Creates the notifications that are due on `today` (YYYY-MM-DD) in every region, each once, and —
 * when SMTP is configured — e-mails each user who got one (once per run, without personal data).
 * Safe to run often and from several app instances at once: the dedupe key makes it idempotent, and
 * only the run that created a notification sends its e-mail.
 */
export async function generateNotifications(
  deps: Deps,
  today: string,
  mailerFor: (config: SmtpConfig) => Mailer = smtpMailer,
): Promise<{ created: number; emailed: number; emailFailed: number }> {
  const regions = await withTx(deps.db, { regionId: null }, (tx) => tx.selectFrom('regions').select('id').execute());
  const now = deps.now();
  let created = 0;
  const addresses = new Set<string>();
  for (const region of regions) {
    const emails = await withTx(deps.db, { regionId: region.id }, async (tx) => {
      const recipients = await generateForRegion(tx, region.id, today, now);
      created += recipients.length;
      if (!deps.config.smtp || recipients.length === 0) return [];
      const rows = await tx
        .selectFrom('users')
        .select('email')
        .where('id', 'in', [...new Set(recipients)])
        .where('disabled_at', 'is', null)
        .execute();
      return rows.map((r) => r.email);
    });
    for (const e of emails) addresses.add(e);
  }
  // After the commit: an e-mail never announces a notification that was rolled back.
  const mailed = await mailRecipients(deps, [...addresses], mailerFor);
  return { created, ...mailed };
}

/**
 * Runs `generateNotifications` now and then every `intervalMs` (default: hourly). Returns a stop
 * function that cancels the timer and waits for a run in progress, so the caller can close the
 * database afterwards.
 */
/** The notification job on the queue (src/jobs.ts runs it every hour, once for the cluster). */
export function notificationJob(deps: Deps) {
  return defineJob({
    name: 'notifications',
    payload: z.strictObject({}),
    regionOf: () => null,
    run: async (_payload, { log }) => {
      const { created, emailed, emailFailed } = await generateNotifications(deps, todayInNl(deps.now()));
      log.info({ created, emailed, emailFailed }, 'notifications generated');
    },
  });
}

// --- Reading them ----------------------------------------------------------------------------------

/** Own notifications whose case the actor still sees (or that have no case). */
function ownNotifications(tx: Tx, actor: Actor) {
  return tx
    .selectFrom('notifications as n')
    .leftJoin('cases as nc', 'nc.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.case_id',
      'nc.reference as case_reference',
      'n.action_id',
      'n.due_on',
      'n.message',
      'n.dedupe_key',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', actor.userId)
    .where((eb) =>
      eb.or([
        eb('n.case_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('cases')
            .select(sql`1`.as('one'))
            .whereRef('cases.id', '=', 'n.case_id')
            .where((inner) => caseVisibleTo(actor)(inner as unknown as ExpressionBuilder<Database, 'cases'>)),
        ) as Expression<SqlBool>,
      ]),
    );
}

type Row = Awaited<ReturnType<ReturnType<typeof ownNotifications>['executeTakeFirstOrThrow']>>;

/** The dedupe key starts with the notification's code (e.g. "proportionality_overdue:…"). */
function codeOf(n: Row): Out<typeof Notification>['code'] {
  const prefix = n.dedupe_key.split(':')[0] ?? '';
  return (NOTIFICATION_CODES as readonly string[]).includes(prefix)
    ? (prefix as Out<typeof Notification>['code'])
    : (n.kind as Out<typeof Notification>['code']);
}

function present(n: Row): Out<typeof Notification> {
  return {
    id: n.id,
    kind: n.kind as Out<typeof Notification>['kind'],
    code: codeOf(n),
    caseId: n.case_id,
    caseReference: n.case_reference ?? null,
    actionId: n.action_id,
    dueOn: n.due_on,
    message: n.message,
    createdAt: n.created_at.toISOString(),
    readAt: n.read_at?.toISOString() ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Newest first, with the number of unread ones. */
export async function listNotifications(deps: Deps, actor: Actor, q: z.infer<typeof NotificationQuery>) {
  const after = decodeCursor(q.cursor, 1) as [string] | null;
  if (after && !UUID.test(String(after[0]))) throw invalidCursor();
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    let query = ownNotifications(tx, actor)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(q.limit + 1);
    if (q.unreadOnly) query = query.where('n.read_at', 'is', null);
    if (after) {
      query = query.where(
        sql<SqlBool>`(n.created_at, n.id) < (select l.created_at, l.id from notifications l
          where l.id = ${String(after[0])}::uuid and l.user_id = ${actor.userId})`,
      );
    }
    const [rows, unread] = await Promise.all([
      query.execute(),
      ownNotifications(tx, actor)
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('n.read_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ]);
    const result = page(rows, q.limit, (n) => [n.id]);
    return { items: result.items.map(present), nextCursor: result.nextCursor, unreadCount: Number(unread.n) };
  });
}

export async function markNotificationRead(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const visible = await ownNotifications(tx, actor).where('n.id', '=', id).executeTakeFirst();
    if (!visible) throw notFound('The notification');
    if (visible.read_at) return present(visible);
    await tx.updateTable('notifications').set({ read_at: deps.now() }).where('id', '=', id).execute();
    return present(await ownNotifications(tx, actor).where('n.id', '=', id).executeTakeFirstOrThrow());
  });
}
