/**
 * Building blocks shared by the contact-circle, key-figure and network pages: sections with their own
 * heading, the status message after a change, dates, and problem+json turned into Dutch/English
 * messages for the codes these APIs use.
 */
import i18next, { type TFunction } from 'i18next';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { ApiError } from '../../api/client.js';
import { Heading, Paragraph } from '../../components/ams.js';
import { type FieldSpec, type FormErrors, problemToErrors } from '../../components/form.js';

/** Today's date (yyyy-mm-dd) in the Netherlands. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** A yyyy-mm-ddThh:mm value for a datetime-local input, in the browser's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * problem+json → form errors. Codes of these APIs get their own sentence (networksPages.errors.codes),
 * and a conflict with the phase of a contact circle, which the API explains in English only, too.
 */
export function networkProblemToErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  const result = problemToErrors(error, fields, t);
  if (!(error instanceof ApiError)) return result;
  const issues = error.problem.errors ?? [];
  if (issues.length === 0) {
    if (error.code === 'ILLEGAL_TRANSITION') return { fields: {}, general: [t('networksPages.errors.order')] };
    if (error.code === 'CONFLICT') return { fields: {}, general: [t('networksPages.errors.phase')] };
    return result;
  }
  for (const issue of issues) {
    const name = issue.location.pointer.replace(/^\//, '').split('/')[0] ?? '';
    const specific = `networksPages.errors.fields.${name}.${issue.code}`;
    const key = i18next.exists(specific) ? specific : `networksPages.errors.codes.${issue.code}`;
    if (!i18next.exists(key)) continue;
    const spec = fields.find((f) => f.name === name);
    const message = t(key, { label: (spec?.label ?? name).toLowerCase() });
    if (spec) result.fields[spec.name] = message;
    else result.general = result.general.map((g) => (g === issue.detail ? message : g));
  }
  return result;
}

/** A section of a page with its own h2 (or h3) heading, named by that heading. */
export function Section({
  id,
  title,
  level = 2,
  intro,
  className,
  children,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <section className={`schakel-section nw-section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <Heading level={level} id={id} tabIndex={-1}>
        {title}
      </Heading>
      {intro && <Paragraph>{intro}</Paragraph>}
      {children}
    </section>
  );
}

/** A success message announced to screen readers, shown until the next one. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div className="nw-status" role="status">
      {message && (
        <Paragraph className="nw-status__text">
          <span aria-hidden="true">✓ </span>
          {message}
        </Paragraph>
      )}
    </div>
  );
}

/** Text as typed, with its line breaks kept. */
export function Prose({ text }: { text: string }) {
  return <p className="nw-prose">{text}</p>;
}

type FocusTarget = string | (() => HTMLElement | null);

/**
 * Moves focus right after the render that a change causes (a button that disappears, a form that
 * opens), so that keyboard and screen-reader users keep their place. Returns the function that names
 * the element: by id, or found by a function. The request waits until the element is rendered.
 */
export function useFocusAfterRender(): (target: FocusTarget) => void {
  const pending = useRef<FocusTarget | null>(null);
  useLayoutEffect(() => {
    const target = pending.current;
    if (!target) return;
    const element = typeof target === 'string' ? document.getElementById(target) : target();
    if (element) {
      pending.current = null;
      element.focus();
    }
  });
  return (target) => {
    pending.current = target;
  };
}
