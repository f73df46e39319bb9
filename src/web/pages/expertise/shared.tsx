/** Building blocks of the expertise and newsletter pages. */
import type { ReactNode } from 'react';
import { Heading, Paragraph } from '../../components/ams.js';

/** Today's date (yyyy-mm-dd) in the Netherlands. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** A calendar date plus `days` days (yyyy-mm-dd in, yyyy-mm-dd out, no time zone involved). */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A section of a page with its own heading, named by that heading. */
export function Section({
  id,
  title,
  level = 2,
  intro,
  children,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="schakel-section" aria-labelledby={id}>
      <Heading level={level} id={id}>
        {title}
      </Heading>
      {intro && <Paragraph>{intro}</Paragraph>}
      {children}
    </section>
  );
}

/** A polite live region that announces what a button on the page just did. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div className="exp-status" role="status">
      {message && (
        <Paragraph className="exp-status__text">
          <span aria-hidden="true">✓ </span>
          {message}
        </Paragraph>
      )}
    </div>
  );
}
