/** Building blocks shared by the programme pages: the sub-navigation, labels, checkbox groups and texts. */

import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ApiError } from '../../api/client.js';
import type { ActionLine, Intervention } from '../../api/programme.js';
import { Checkbox, ErrorMessage, FieldSet, Heading, Paragraph } from '../../components/ams.js';
import { type FieldSpec, type FormErrors, type Option, problemToErrors } from '../../components/form.js';
import { paths } from '../../paths.js';

/** The root of the area: the main navigation's "Programma" is current on every programme page. */
export const programmeRoot = '/programme';
export const editPath = (base: string, id: string) => `${base}/${encodeURIComponent(id)}/wijzigen`;
export const planLinePath = (planId: string, lineId: string) =>
  `${paths.implementationPlans}/${encodeURIComponent(planId)}/lines/${encodeURIComponent(lineId)}`;

/** The pages of the programme, as a second navigation under the page header. */
export function ProgrammeSubNav() {
  const { t } = useTranslation();
  const items = [
    { to: paths.interventions, label: t('programmePages.nav.interventions') },
    { to: paths.implementationPlans, label: t('programmePages.nav.plans') },
    { to: paths.districtComparison, label: t('programmePages.nav.district') },
    { to: paths.evaluations, label: t('programmePages.nav.evaluations') },
    { to: paths.quickScans, label: t('programmePages.nav.quickScans') },
  ];
  return (
    <nav className="pg-subnav" aria-label={t('programmePages.nav.sub')}>
      <ul className="pg-subnav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className="pg-subnav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Every programme page: the sub-navigation, then the page. */
export function ProgrammePage({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  return (
    <>
      <ProgrammeSubNav />
      <div className={narrow ? 'schakel-narrow' : 'pg-page'}>{children}</div>
    </>
  );
}

export function actionLineOptions(lines: ActionLine[], t: TFunction): Option[] {
  return lines.map((l) => ({
    value: String(l.number),
    label: t('programmePages.actionLineTitle', { number: l.number, title: l.title }),
  }));
}

/** Interventions as options of a select, under their action line. */
export function interventionGroups(
  interventions: Intervention[],
  t: TFunction,
  exclude: ReadonlySet<string> = new Set(),
) {
  const groups = new Map<number, { label: string; options: Option[] }>();
  for (const i of interventions) {
    if (exclude.has(i.id)) continue;
    let group = groups.get(i.actionLine.number);
    if (!group) {
      group = {
        label: t('programmePages.actionLineTitle', { number: i.actionLine.number, title: i.actionLine.title }),
        options: [],
      };
      groups.set(i.actionLine.number, group);
    }
    group.options.push({ value: i.id, label: i.name });
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/**
 * Problem+json to form errors, with the programme's own wording for a reference to an intervention
 * that does not exist (the shared text speaks of organisations).
 */
export function programmeProblemToErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  const result = problemToErrors(error, fields, t);
  if (error instanceof ApiError) {
    for (const issue of error.problem.errors ?? []) {
      if (issue.location.pointer === '/interventionId' && issue.code === 'unknown_reference') {
        if ('interventionId' in result.fields) result.fields.interventionId = t('programmePages.unknownIntervention');
      }
    }
  }
  return result;
}

/** A group of checkboxes answering one question (legend); the first box carries the field's id. */
export function CheckboxGroupField<V extends string | number>({
  spec,
  hint,
  error,
  options,
  values,
  onValues,
}: {
  spec: FieldSpec;
  hint?: string;
  error?: string | undefined;
  options: { value: V; label: string }[];
  values: readonly V[];
  onValues: (values: V[]) => void;
}) {
  const describedBy = [hint ? `${spec.id}-hint` : null, error ? `${spec.id}-error` : null].filter(Boolean).join(' ');
  return (
    <FieldSet legend={spec.label} invalid={Boolean(error)} aria-describedby={describedBy || undefined}>
      {hint && (
        <Paragraph size="small" id={`${spec.id}-hint`} className="schakel-field-hint">
          {hint}
        </Paragraph>
      )}
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className="pg-checkbox-group">
        {options.map((o, index) => (
          <Checkbox
            key={String(o.value)}
            id={index === 0 ? spec.id : `${spec.id}-${o.value}`}
            name={spec.name}
            value={String(o.value)}
            checked={values.includes(o.value)}
            invalid={Boolean(error)}
            onChange={(e) =>
              onValues(
                e.target.checked
                  ? options.map((x) => x.value).filter((v) => v === o.value || values.includes(v))
                  : values.filter((v) => v !== o.value),
              )
            }
          >
            {o.label}
          </Checkbox>
        ))}
      </div>
    </FieldSet>
  );
}

/** Multi-line text as paragraphs (the catalogue texts and findings keep their line breaks). */
export function TextBlock({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  if (!text) return <>{t('common.none')}</>;
  const parts = text.split(/\n{2,}/);
  return (
    <>
      {parts.map((p, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one fixed text
        <p key={index} className="pg-text">
          {p}
        </p>
      ))}
    </>
  );
}

/** A list of short labels, or a dash when empty. */
export function Labels({ items }: { items: string[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <>{t('common.none')}</>;
  return (
    <ul className="pg-labels">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** A section of a page with its own h2, named by that heading. */
export function Section({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <section className="schakel-section pg-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** Parses a whole number typed into a field; null when it is not one (>= 0). */
export function parseCount(value: string): number | null {
  const s = value.trim();
  if (!/^\d{1,7}$/.test(s)) return null;
  const n = Number(s);
  return n <= 1_000_000 ? n : null;
}

export function currentYear(): number {
  return new Date().getFullYear();
}
