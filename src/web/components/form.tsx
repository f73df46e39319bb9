/**
 * Form building blocks after the NL Design System pattern: every field has a visible label, its error
 * message under the label, and an error summary at the top of the form that lists all errors, takes
 * focus after a failed submit and links to each field.
 */

import i18next, { type TFunction } from 'i18next';
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import {
  Alert,
  Checkbox,
  DateInput,
  ErrorMessage,
  Field,
  FieldSet,
  Label,
  Paragraph,
  PasswordInput,
  Radio,
  Select,
  TextArea,
  TextInput,
} from './ams.js';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  fields: FieldErrors;
  general: string[];
}

/** A field of a form: its name in the API body, the id of its control and its visible label. */
export interface FieldSpec {
  name: string;
  id: string;
  label: string;
}

export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}

/**
 * Turns an API error into messages per field (from problem+json `errors[].location.pointer`) and
 * general messages. Field messages are Dutch/English by code; unknown codes fall back to the API's
 * own detail text.
 */
export function problemToErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, general: [t('errors.generic')] };
  const result: FormErrors = { fields: {}, general: [] };
  for (const issue of error.problem.errors ?? []) {
    const name = issue.location.pointer.replace(/^\//, '').split('/')[0] ?? '';
    const spec = fields.find((f) => f.name === name);
    const label = spec?.label ?? name;
    const specific = `errors.fields.${name}.${issue.code}`;
    const byCode = `errors.codes.${issue.code}`;
    const message = i18next.exists(specific)
      ? t(specific)
      : i18next.exists(byCode)
        ? t(byCode, { label })
        : issue.detail;
    if (spec && !result.fields[spec.name]) result.fields[spec.name] = message;
    else if (!spec) result.general.push(message);
  }
  if (Object.keys(result.fields).length === 0 && result.general.length === 0) {
    result.general.push(generalMessage(error, t));
  }
  return result;
}

/** One sentence for an API error that is not about a single field. */
export function generalMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.generic');
  switch (error.code) {
    case 'STALE_VERSION':
      return t('errors.stale');
    case 'FORBIDDEN':
      return t('errors.forbidden');
    case 'NOT_FOUND':
      return t('errors.notFound');
    case 'CSRF_TOKEN_INVALID':
      return t('errors.csrf');
    case 'NETWORK':
      return t('errors.network');
    default:
      return error.status >= 500 || !error.problem.detail ? t('errors.generic') : error.problem.detail;
  }
}

/** Error state of one form, with a signal that moves focus to the summary after each failed submit. */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, general: [] });
  const [focusSignal, setFocusSignal] = useState(0);
  const fail = useCallback((next: FormErrors) => {
    setErrors(next);
    setFocusSignal((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors({ fields: {}, general: [] }), []);
  return { errors, fail, clear, focusSignal };
}

export function hasErrors(errors: FormErrors): boolean {
  return Object.keys(errors.fields).length > 0 || errors.general.length > 0;
}

export function ErrorSummary({
  errors,
  fields,
  focusSignal,
}: {
  errors: FormErrors;
  fields: FieldSpec[];
  focusSignal: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const show = hasErrors(errors);
  useEffect(() => {
    if (focusSignal > 0) ref.current?.focus();
  }, [focusSignal]);

  // The summary stays mounted (empty) so that it can take focus at once after a failed submit.
  if (!show) return <div ref={ref} tabIndex={-1} hidden />;
  const listed = fields.filter((f) => errors.fields[f.name]);
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      severity="error"
      heading={t('errors.summaryHeading')}
      headingLevel={2}
      className="schakel-error-summary"
    >
      {errors.general.map((message) => (
        <Paragraph key={message}>{message}</Paragraph>
      ))}
      {listed.length > 0 && (
        <ul className="schakel-error-summary__list">
          {listed.map((f) => (
            <li key={f.name}>
              <a
                className="ams-link"
                href={`#${f.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  const control = document.getElementById(f.id);
                  control?.focus();
                  control?.scrollIntoView({ block: 'center' });
                }}
              >
                {errors.fields[f.name]}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

interface BaseFieldProps {
  spec: FieldSpec;
  error?: string | undefined;
  hint?: string | undefined;
  /** Shown as "(niet verplicht)" after the label. */
  optional?: boolean;
  /** Announced as required (aria-required; no native `required`, whose :invalid styling would show at once). */
  required?: boolean;
}

function describedBy(spec: FieldSpec, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${spec.id}-hint` : null, error ? `${spec.id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldHead({ spec, hint, error, optional }: BaseFieldProps) {
  const { t } = useTranslation();
  return (
    <>
      <Label htmlFor={spec.id}>
        {spec.label}
        {optional && <span className="schakel-hint"> ({t('common.optional')})</span>}
      </Label>
      {hint && (
        <Paragraph size="small" id={`${spec.id}-hint`} className="schakel-field-hint">
          {hint}
        </Paragraph>
      )}
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
    </>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'type'>;

export function TextField({
  spec,
  error,
  hint,
  optional,
  required,
  value,
  onValue,
  type = 'text',
  inputRef,
  ...rest
}: BaseFieldProps &
  InputProps & {
    value: string;
    onValue: (value: string) => void;
    type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local';
    inputRef?: RefObject<HTMLInputElement | null>;
  }) {
  const common = {
    ...rest,
    id: spec.id,
    name: spec.name,
    value,
    invalid: Boolean(error),
    'aria-describedby': describedBy(spec, hint, error),
    'aria-required': required || undefined,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onValue(e.target.value),
  };
  return (
    <Field invalid={Boolean(error)}>
      <FieldHead spec={spec} error={error} hint={hint} optional={optional ?? false} />
      {type === 'password' ? (
        <PasswordInput {...common} ref={inputRef} />
      ) : type === 'date' || type === 'datetime-local' ? (
        <DateInput {...common} type={type} ref={inputRef} />
      ) : (
        <TextInput {...common} type={type} ref={inputRef} />
      )}
    </Field>
  );
}

/** A multi-line text field (notes, reasoning, contributions). */
export function TextAreaField({
  spec,
  error,
  hint,
  optional,
  required,
  value,
  onValue,
  rows = 5,
  maxLength,
}: BaseFieldProps & {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <Field invalid={Boolean(error)}>
      <FieldHead spec={spec} error={error} hint={hint} optional={optional ?? false} />
      <TextArea
        id={spec.id}
        name={spec.name}
        value={value}
        rows={rows}
        maxLength={maxLength}
        invalid={Boolean(error)}
        aria-describedby={describedBy(spec, hint, error)}
        aria-required={required || undefined}
        onChange={(e) => onValue(e.target.value)}
      />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  spec,
  error,
  hint,
  optional,
  required,
  value,
  onValue,
  options,
  groups,
  placeholder,
}: BaseFieldProps & {
  value: string;
  onValue: (value: string) => void;
  options: Option[];
  /** Options under a heading each (<optgroup>), shown after `options`. */
  groups?: { label: string; options: Option[] }[];
  placeholder?: string;
}) {
  return (
    <Field invalid={Boolean(error)}>
      <FieldHead spec={spec} error={error} hint={hint} optional={optional ?? false} />
      <Select
        id={spec.id}
        name={spec.name}
        value={value}
        invalid={Boolean(error)}
        aria-describedby={describedBy(spec, hint, error)}
        aria-required={required || undefined}
        onChange={(e) => onValue(e.target.value)}
      >
        {placeholder !== undefined && <Select.Option value="">{placeholder}</Select.Option>}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label}
          </Select.Option>
        ))}
        {groups?.map((g) => (
          <Select.Group key={g.label} label={g.label}>
            {g.options.map((o) => (
              <Select.Option key={o.value} value={o.value}>
                {o.label}
              </Select.Option>
            ))}
          </Select.Group>
        ))}
      </Select>
    </Field>
  );
}

/**
 * A choice between a few options shown at once, as radio buttons in a fieldset whose legend is the
 * question. The error summary links to the first radio button (its id is the field's id).
 */
export function RadioGroupField({
  spec,
  error,
  hint,
  value,
  onValue,
  options,
}: {
  spec: FieldSpec;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  options: (Option & { hint?: string })[];
}) {
  const describedById = [hint ? `${spec.id}-hint` : null, error ? `${spec.id}-error` : null].filter(Boolean).join(' ');
  return (
    <FieldSet legend={spec.label} invalid={Boolean(error)} aria-describedby={describedById || undefined}>
      {hint && (
        <Paragraph size="small" id={`${spec.id}-hint`} className="schakel-field-hint">
          {hint}
        </Paragraph>
      )}
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className="schakel-radio-group">
        {options.map((o, index) => (
          <Radio
            key={o.value}
            id={index === 0 ? spec.id : `${spec.id}-${o.value}`}
            name={spec.id}
            value={o.value}
            checked={value === o.value}
            invalid={Boolean(error)}
            onChange={() => onValue(o.value)}
          >
            {o.label}
            {o.hint && <span className="schakel-radio-hint">{o.hint}</span>}
          </Radio>
        ))}
      </div>
    </FieldSet>
  );
}

export function CheckboxField({
  spec,
  error,
  checked,
  onChecked,
}: {
  spec: FieldSpec;
  error?: string | undefined;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}) {
  return (
    <Field invalid={Boolean(error)}>
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <Checkbox
        id={spec.id}
        name={spec.name}
        checked={checked}
        invalid={Boolean(error)}
        aria-describedby={error ? `${spec.id}-error` : undefined}
        onChange={(e) => onChecked(e.target.checked)}
      >
        {spec.label}
      </Checkbox>
    </Field>
  );
}

/** Helper for the most common client-side rule. */
export function requireText(
  fields: FieldErrors,
  spec: FieldSpec,
  value: string,
  t: TFunction,
  key: 'errors.required' | 'errors.requiredChoice' = 'errors.required',
): void {
  if (!value.trim()) fields[spec.name] = t(key, { label: spec.label.toLowerCase() });
}

export function FormActions({ children }: { children: ReactNode }) {
  return <div className="schakel-form-actions">{children}</div>;
}
