/**
 * Documents of a case conference: the minutes as PDF (a case document: need-to-know and scope
 * filtered in the queries, logged as an export per case subject) and the calendar invitation as ICS
 * (no personal data of subjects at all: only the meeting's own title, times, place and organiser).
 */
import { createEvent } from 'ics';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/http/context.js';
import { type Content, renderPdf } from '../../platform/pdf.js';
import { fullName, type MeetingRow, requireVisibleMeeting, visibleAgendaItems } from './access.js';
import { decisionsOf, meetingDate, visibleContributions } from './agenda.js';
import { type ContributionRow, type DecisionRow, isPoliceOrProsecution, logPerCase } from './presenters.js';

const LEGAL_REGIME: Record<string, string> = {
  avg: 'AVG',
  wpg: 'Wpg (politiegegevens)',
  wjsg: 'Wjsg (justitiële gegevens)',
  professional_secrecy: 'beroepsgeheim',
};
const SCOPE: Record<string, string> = {
  conference: 'gedeeld met het casusoverleg',
  process_director: 'alleen voor de procesregisseur',
};
const STATUS: Record<string, string> = {
  scheduled: 'gepland',
  in_progress: 'bezig',
  held: 'gehouden',
  minutes_approved: 'verslag vastgesteld',
  cancelled: 'geannuleerd',
};
const ITEM_STATUS: Record<string, string> = {
  pending: 'nog niet besproken',
  discussed: 'besproken',
  deferred: 'uitgesteld',
};

const NL = 'Europe/Amsterdam';
const dateNl = (d: Date) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: NL, day: 'numeric', month: 'long', year: 'numeric' }).format(d);
const timeNl = (d: Date) =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: NL, hour: '2-digit', minute: '2-digit' }).format(d);
const isoToNl = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/** File names carry the date only: never a subject's name, nor a free-text title. */
export const minutesFileName = (m: Pick<MeetingRow, 'starts_at'>) => `verslag-casusoverleg-${meetingDate(m)}.pdf`;
export const invitationFileName = (m: Pick<MeetingRow, 'starts_at'>) => `casusoverleg-${meetingDate(m)}.ics`;

export async function minutesPdf(deps: Deps, actor: Actor, traceId: string, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id);
    const items = await visibleAgendaItems(tx, actor, id).execute();
    const caseIds = items.map((i) => i.case_id);
    const contributions = (await visibleContributions(tx, actor, id, caseIds).execute()) as ContributionRow[];
    const decisions = (await decisionsOf(
      tx,
      items.map((i) => i.id),
    ).execute()) as DecisionRow[];
    const attendance = await tx
      .selectFrom('meeting_attendance as a')
      .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
      .select(['o.name', 'a.present', 'a.attendees'])
      .where('a.meeting_id', '=', id)
      .orderBy('o.name')
      .execute();
    const region = await tx.selectFrom('regions').select('is_demo').where('id', '=', actor.regionId).executeTakeFirst();
    await logPerCase(tx, actor, traceId, { action: 'export', recordType: 'meeting_minutes', recordId: id }, items);

    const approved = meeting.status === 'minutes_approved';
    const content: Content[] = [
      {
        text: approved
          ? `Vastgesteld op ${dateNl(meeting.minutes_approved_at ?? meeting.starts_at)} door ${meeting.approver_name ?? 'de voorzitter'}.`
          : 'CONCEPT — dit verslag is nog niet vastgesteld.',
        bold: !approved,
        color: approved ? '#333333' : '#a30000',
        margin: [0, 0, 0, 8],
      },
      {
        table: {
          widths: [110, '*'],
          body: [
            [{ text: 'Datum', style: 'label' }, dateNl(meeting.starts_at)],
            [{ text: 'Tijd', style: 'label' }, `${timeNl(meeting.starts_at)} – ${timeNl(meeting.ends_at)}`],
            [{ text: 'Locatie', style: 'label' }, meeting.location ?? '—'],
            [{ text: 'Voorzitter', style: 'label' }, meeting.chair_name],
            [{ text: 'Status', style: 'label' }, STATUS[meeting.status] ?? meeting.status],
          ],
        },
        layout: 'noBorders',
      },
      { text: 'Aanwezigheid', style: 'h2' },
      attendance.length === 0
        ? { text: 'Geen aanwezigheid vastgelegd.', style: 'muted' }
        : {
            table: {
              headerRows: 1,
              widths: ['*', 60, '*'],
              body: [
                [
                  { text: 'Organisatie', style: 'label' },
                  { text: 'Aanwezig', style: 'label' },
                  { text: 'Namens de organisatie', style: 'label' },
                ],
                ...attendance.map((a) => [a.name, a.present ? 'ja' : 'nee', a.attendees ?? '']),
              ],
            },
            layout: 'lightHorizontalLines',
          },
      { text: 'Algemene aantekeningen', style: 'h2' },
      { text: meeting.minutes_notes ?? '—' },
      { text: 'Besproken casussen', style: 'h2' },
    ];
    if (items.length === 0) content.push({ text: 'Geen casussen die u mag inzien.', style: 'muted' });
    for (const [index, item] of items.entries()) {
      const own = contributions.filter((c) => c.case_id === item.case_id);
      const decided = decisions.filter((d) => d.agenda_item_id === item.id);
      content.push(
        { text: `${index + 1}. Casus ${item.reference} — ${fullName(item)}`, style: 'h3', fontSize: 12 },
        { text: `Status agendapunt: ${ITEM_STATUS[item.status] ?? item.status}`, style: 'muted' },
        { text: 'Beeldvorming', style: 'h3' },
        own.length === 0
          ? { text: 'Geen bijdragen.', style: 'muted' }
          : {
              stack: own.map((c) => ({
                stack: [
                  {
                    text: [
                      { text: c.organisation_name, bold: true },
                      isPoliceOrProsecution(c.organisation_type)
                        ? {
                            text: c.organisation_type === 'police' ? ' [POLITIE]' : ' [OM]',
                            bold: true,
                            color: '#a30000',
                          }
                        : '',
                      {
                        text: ` · ${LEGAL_REGIME[c.legal_regime] ?? c.legal_regime} · ${SCOPE[c.scope] ?? c.scope}`,
                        style: 'muted',
                      },
                    ],
                  },
                  { text: c.body, margin: [0, 2, 0, 6] },
                ],
              })),
            },
        { text: 'Oordeelsvorming', style: 'h3' },
        { text: item.judgement ?? '—' },
        { text: 'Besluitvorming', style: 'h3' },
        decided.length === 0
          ? { text: 'Geen besluiten.', style: 'muted' }
          : {
              table: {
                headerRows: 1,
                widths: ['*', 140, 70],
                body: [
                  [
                    { text: 'Besluit (actie)', style: 'label' },
                    { text: 'Eigenaar', style: 'label' },
                    { text: 'Uiterlijk', style: 'label' },
                  ],
                  ...decided.map((d) => [
                    { stack: [d.title, ...(d.description ? [{ text: d.description, style: 'muted' }] : [])] },
                    d.owner_user_name
                      ? `${d.owner_organisation_name} (${d.owner_user_name})`
                      : d.owner_organisation_name,
                    isoToNl(d.due_on),
                  ]),
                ],
              },
              layout: 'lightHorizontalLines',
            },
      );
    }
    const pdf = await renderPdf({
      title: approved ? 'Verslag casusoverleg' : 'Verslag casusoverleg (CONCEPT)',
      subtitle: meeting.title,
      content,
      demo: region?.is_demo ?? false,
      generatedAt: deps.now(),
    });
    return { pdf, fileName: minutesFileName(meeting) };
  });
}

/** The calendar invitation: the meeting itself, never a case or a subject. */
export async function invitationIcs(deps: Deps, actor: Actor, id: string) {
  return withTx(deps.db, { regionId: actor.regionId }, async (tx) => {
    const meeting = await requireVisibleMeeting(tx, actor, id);
    const chair = await tx.selectFrom('users').select('email').where('id', '=', meeting.chair_id).executeTakeFirst();
    const { error, value } = createEvent({
      uid: `${meeting.id}@schakel`,
      productId: 'schakel/casusoverleg',
      method: 'PUBLISH',
      title: meeting.title,
      start: meeting.starts_at.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: meeting.ends_at.getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      ...(meeting.location ? { location: meeting.location } : {}),
      organizer: { name: meeting.chair_name, ...(chair?.email ? { email: chair.email } : {}) },
      status: meeting.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      sequence: meeting.version,
      classification: 'CONFIDENTIAL',
    });
    if (error || !value) throw error ?? new Error('the calendar file could not be made');
    return { ics: value, fileName: invitationFileName(meeting) };
  });
}
