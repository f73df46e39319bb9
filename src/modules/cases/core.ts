import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';

/** Next human-readable reference of a kind in a region, e.g. C-2026-0007; gap-free per year. */
export async function nextReference(tx: Tx, regionId: string, kind: 'S' | 'C', today: string): Promise<string> {
  const year = Number(today.slice(0, 4));
  const row = await sql<{ last_value: number }>`
    insert into reference_counters (region_id, kind, year, last_value) values (${regionId}, ${kind}, ${year}, 1)
    on conflict (region_id, kind, year) do update set last_value = reference_counters.last_value + 1
    returning last_value`.execute(tx);
  const n = row.rows[0]?.last_value ?? 1;
  return `${kind}-${year}-${String(n).padStart(4, '0')}`;
}

/**
 * The parameters of a timeline line: codes (phases, statuses, relations, …), names of organisations
 * and staff, dates (YYYY-MM-DD) and counts. The web app builds the text in the interface language
 * from `kind` and these; never personal data of the case's persons.
 */
export type CaseEventParams = Record<string, string | number>;

/**
 * One line on a case's timeline. Summaries name what happened, not who the person is; `summary` is
 * the Dutch text of record, `kind` + `params` let the interface show it in its own language.
 */
export async function recordCaseEvent(
  tx: Tx,
  e: {
    regionId: string;
    caseId: string;
    actorId: string | null;
    kind: string;
    summary: string;
    params?: CaseEventParams;
    reason?: string | null;
    at?: Date;
  },
): Promise<void> {
  await tx
    .insertInto('case_events')
    .values({
      region_id: e.regionId,
      case_id: e.caseId,
      actor_id: e.actorId,
      kind: e.kind,
      summary: e.summary,
      params: e.params ? JSON.stringify(e.params) : null,
      reason: e.reason ?? null,
      ...(e.at ? { occurred_at: e.at } : {}),
    })
    .execute();
}

/** Today's date in the Netherlands (Europe/Amsterdam), as YYYY-MM-DD. */
export function todayInNl(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}
