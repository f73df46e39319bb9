import type { TFunction } from 'i18next';
import type { Meeting } from '../../api/meetings.js';
import { formatDate } from '../../lib/format.js';

const time = new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });

/** "28-11-2026, 09:00–12:00" in Dutch conventions. */
export function meetingWhen(m: Pick<Meeting, 'startsAt' | 'endsAt'>, t: TFunction): string {
  return t('meetings.whenText', {
    date: formatDate(m.startsAt),
    from: time.format(new Date(m.startsAt)),
    to: time.format(new Date(m.endsAt)),
  });
}

/** A yyyy-mm-ddThh:mm value for a datetime-local input, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
