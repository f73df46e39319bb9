/**
 * The one label catalogue, for code that writes what a person reads outside the web app: PDF and Word
 * documents, CSV files, letters, e-mails. No code, enum value or UUID ever reaches such a text: a value
 * without a label gets the group's neutral fallback, never itself.
 */
import { labelsEn } from './en.js';
import { labelsNl } from './nl.js';
import type { LabelGroup, LabelShape } from './shape.js';

export type { LabelGroup, LabelShape } from './shape.js';
export type Language = 'nl' | 'en';

export const catalogues: Record<Language, LabelShape> = { nl: labelsNl, en: labelsEn };

const FALLBACK: Record<Language, string> = { nl: 'overig', en: 'other' };

/** The label of `value` in `group`, or a neutral word when the catalogue has none. */
export function label(group: LabelGroup, value: string | null | undefined, language: Language = 'nl'): string {
  if (value === null || value === undefined) return language === 'nl' ? 'onbekend' : 'unknown';
  const labels = catalogues[language][group] as Record<string, string>;
  return Object.hasOwn(labels, value) ? (labels[value] as string) : FALLBACK[language];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (yyyy-mm-dd) as dd-mm-jjjj, the way Dutch letters write it. */
export function formatDateNl(date: string | null | undefined): string {
  if (!date) return 'onbekend';
  const m = DATE.exec(date);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : 'onbekend';
}

/** An instant as dd-mm-jjjj uu:mm in Dutch time. */
export function formatDateTimeNl(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return 'onbekend';
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return 'onbekend';
  const parts = new Intl.DateTimeFormat('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}`;
}
