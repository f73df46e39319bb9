/**
 * Building blocks shared by the intake and monitoring pages (signals, triage, assessments, priority
 * list): the form fields form.tsx does not have (text area, radio group, checkbox group), errors mapped
 * by the full JSON pointer of nested bodies, names, dates, and the source marking of partner information.
 */
import './intake.css';
import i18next, { type TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { listMunicipalities, listOrganisations } from '../../api/endpoints.js';
import type { PersonName } from '../../api/signals.js';
import type { Municipality, Organisation, OrganisationType } from '../../api/types.js';
import { Checkbox, ErrorMessage, Field, FieldSet, Label, Paragraph, Radio, TextArea } from '../../components/ams.js';
import { type FieldSpec, type FormErrors, generalMessage } from '../../components/form.js';
import { currentLanguage } from '../../i18n/index.js';
import { compareText } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';

// --- Names, dates, labels ---------------------------------------------------------------------------

/** "Bente van den Kwakweg" (Dutch order: first name, prefix, last name). */
export function personName(p: PersonName): string {
  return [p.firstName, p.namePrefix, p.lastName].filter(Boolean).join(' ');
}

/** Today as yyyy-mm-dd in the user's time zone (the value of a date input). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The label of a catalogue entry (indicator, factor) in the interface language. */
export function localLabel(item: { labelNl: string; labelEn: string }): string {
  return currentLanguage() === 'en' ? item.labelEn : item.labelNl;
}

export function formatBytes(bytes: number): string {
  const nf = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} kB`;
  return `${nf.format(bytes / (1024 * 1024))} MB`;
}

/** Query-string values from the URL: ids and codes only, never a name. */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | '' {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

// --- Reference data ----------------------------------------------------------------------------------

let organisationsPromise: Promise<Organisation[]> | null = null;
let municipalitiesPromise: Promise<Municipality[]> | null = null;

/** The region's organisations, sorted by name (loaded once per page load). */
export function useOrganisations() {
  return useLoad(() => {
    organisationsPromise ??= listOrganisations()
      .then((r) => [...r.items].sort((a, b) => compareText(a.name, b.name)))
      .catch((e) => {
        organisationsPromise = null;
        throw e;
      });
    return organisationsPromise;
  }, []);
}

/** The region's municipalities, sorted by name (loaded once per page load). */
export function useMunicipalities() {
  return useLoad(() => {
    municipalitiesPromise ??= listMunicipalities()
      .then((r) => [...r.items].sort((a, b) => compareText(a.name, b.name)))
      .catch((e) => {
        municipalitiesPromise = null;
        throw e;
      });
    return municipalitiesPromise;
  }, []);
}

const POLICE_OR_PROSECUTION: readonly OrganisationType[] = ['police', 'public_prosecutor'];

/**
 * The source organisation of a piece of partner information, with a visible marking when it comes
 * from the police or the public prosecutor (PRODUCT.md §4).
 */
export function SourceOrganisation({
  id,
  name,
  organisations,
}: {
  id: string | null;
  name: string | null;
  organisations: Organisation[] | null;
}) {
  const { t } = useTranslation();
  if (!id || !name) return <>{t('intake.common.none')}</>;
  const type = organisations?.find((o) => o.id === id)?.type;
  const marked = type && POLICE_OR_PROSECUTION.includes(type);
  return (
    <>
      {name}
      {marked && (
        <>
          {' '}
          <strong className="schakel-source-mark">
            {type === 'police' ? t('intake.source.police') : t('intake.source.prosecution')}
          </strong>
        </>
      )}
    </>
  );
}

// --- Errors by JSON pointer --------------------------------------------------------------------------

/**
 * Like form.tsx's problemToErrors, but for nested bodies: a field's name is its JSON pointer without
 * the leading slash ("case/targetGroup", "subjects/0/newPerson/lastName"). An issue goes to the field
 * with the longest matching pointer; issues that match no field are shown as general messages.
 */
export function pointerErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, general: [t('errors.generic')] };
  const result: FormErrors = { fields: {}, general: [] };
  for (const issue of error.problem.errors ?? []) {
    const parts = issue.location.pointer.replace(/^\//, '').split('/');
    let spec: FieldSpec | undefined;
    for (let n = parts.length; n > 0 && !spec; n--) {
      const name = parts.slice(0, n).join('/');
      spec = fields.find((f) => f.name === name);
    }
    const last = parts[parts.length - 1] ?? '';
    const byField = `intake.errors.${last}.${issue.code}`;
    const byCode = `errors.codes.${issue.code}`;
    const label = spec?.label ?? last;
    const message = i18next.exists(byField) ? t(byField) : i18next.exists(byCode) ? t(byCode, { label }) : issue.detail;
    if (spec && !result.fields[spec.name]) result.fields[spec.name] = message;
    else if (!spec) result.general.push(message);
  }
  if (Object.keys(result.fields).length === 0 && result.general.length === 0) {
    result.general.push(generalMessage(error, t));
  }
  return result;
}

// --- Fields ------------------------------------------------------------------------------------------

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Hint({ id, hint }: { id: string; hint?: string | undefined }) {
  if (!hint) return null;
  return (
    <Paragraph size="small" id={`${id}-hint`} className="schakel-field-hint">
      {hint}
    </Paragraph>
  );
}

export function TextAreaField({
  spec,
  value,
  onValue,
  error,
  hint,
  optional,
  required,
  rows = 5,
}: {
  spec: FieldSpec;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  required?: boolean;
  rows?: number;
}) {
  const { t } = useTranslation();
  return (
    <Field invalid={Boolean(error)}>
      <Label htmlFor={spec.id}>
        {spec.label}
        {optional && <span className="schakel-hint"> ({t('common.optional')})</span>}
      </Label>
      <Hint id={spec.id} hint={hint} />
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <TextArea
        id={spec.id}
        name={spec.name}
        rows={rows}
        value={value}
        invalid={Boolean(error)}
        resize="vertical"
        className="schakel-textarea"
        aria-describedby={describedBy(spec.id, hint, error)}
        aria-required={required || undefined}
        onChange={(e) => onValue(e.target.value)}
      />
    </Field>
  );
}

export interface Choice {
  value: string;
  label: ReactNode;
  /** Extra text under the option, read out with it. */
  description?: ReactNode;
}

/**
 * A radio group in a fieldset. The first radio carries the field's id, so that the error summary can
 * move focus to the group.
 */
export function RadioGroupField({
  spec,
  value,
  onValue,
  choices,
  error,
  hint,
  optional,
  required,
  inline = false,
  nested = false,
}: {
  spec: FieldSpec;
  value: string;
  onValue: (value: string) => void;
  choices: Choice[];
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  required?: boolean;
  inline?: boolean;
  nested?: boolean;
}) {
  const { t } = useTranslation();
  const legend = optional ? `${spec.label} (${t('common.optional')})` : spec.label;
  return (
    <FieldSet
      legend={legend}
      invalid={Boolean(error)}
      inFieldSet={nested}
      aria-describedby={describedBy(spec.id, hint, error)}
      aria-required={required || undefined}
      role="radiogroup"
      className="schakel-choice-group"
    >
      <Hint id={spec.id} hint={hint} />
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className={inline ? 'schakel-choices schakel-choices--inline' : 'schakel-choices'}>
        {choices.map((c, i) => {
          const id = i === 0 ? spec.id : `${spec.id}-${i}`;
          return (
            <div key={c.value} className="schakel-choice">
              <Radio
                id={id}
                name={spec.id}
                value={c.value}
                checked={value === c.value}
                invalid={Boolean(error)}
                aria-describedby={c.description ? `${id}-description` : undefined}
                onChange={() => onValue(c.value)}
              >
                {c.label}
              </Radio>
              {c.description && (
                <div id={`${id}-description`} className="schakel-choice__description">
                  {c.description}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </FieldSet>
  );
}

export function CheckboxGroupField({
  spec,
  values,
  onValues,
  choices,
  error,
  hint,
  optional,
}: {
  spec: FieldSpec;
  values: string[];
  onValues: (values: string[]) => void;
  choices: { value: string; label: string }[];
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const legend = optional ? `${spec.label} (${t('common.optional')})` : spec.label;
  return (
    <FieldSet
      legend={legend}
      invalid={Boolean(error)}
      aria-describedby={describedBy(spec.id, hint, error)}
      className="schakel-choice-group"
    >
      <Hint id={spec.id} hint={hint} />
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className="schakel-choices schakel-choices--columns">
        {choices.map((c, i) => (
          <Checkbox
            key={c.value}
            id={i === 0 ? spec.id : `${spec.id}-${i}`}
            name={spec.name}
            value={c.value}
            checked={values.includes(c.value)}
            invalid={Boolean(error)}
            onChange={(e) => onValues(e.target.checked ? [...values, c.value] : values.filter((v) => v !== c.value))}
          >
            {c.label}
          </Checkbox>
        ))}
      </div>
    </FieldSet>
  );
}

/** A spec list builder: `spec('name')` finds a spec or fails loudly in development. */
export function specFinder(fields: FieldSpec[]) {
  return (name: string): FieldSpec => {
    const found = fields.find((f) => f.name === name);
    if (!found) throw new Error(`No field spec "${name}"`);
    return found;
  };
}
