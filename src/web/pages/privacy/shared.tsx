/** Building blocks shared by the privacy pages. */
import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import type { Role } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Checkbox, ErrorMessage, FieldSet, Paragraph } from '../../components/ams.js';
import { type FieldSpec, type FormErrors, generalMessage } from '../../components/form.js';
import { Loading } from '../../components/shell.js';
import { ForbiddenPage } from '../not-found.js';

/** A page only for some roles (on top of the route's permission): others see "no access". */
export function RolesOnly({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  const role = session.me?.user.role;
  if (!role || !roles.includes(role)) return <ForbiddenPage />;
  return <>{children}</>;
}

/** A translated label under privacyPages, or the code itself when there is none. */
export function codeLabel(group: string, code: string): string {
  const key = `privacyPages.${group}.${code}`;
  return i18next.exists(key) ? i18next.t(key) : code;
}

/**
 * problem+json field errors by their full pointer ("/parties/0/organisationId" → "parties.0.organisationId"),
 * for forms whose fields are nested. Known field names get the field's message; the rest are general.
 */
export function nestedProblemToErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, general: [t('errors.generic')] };
  const result: FormErrors = { fields: {}, general: [] };
  for (const issue of error.problem.errors ?? []) {
    const name = issue.location.pointer.replace(/^\//, '').split('/').join('.');
    const spec = fields.find((f) => f.name === name);
    const own = `privacyPages.errorCodes.${issue.code}`;
    const common = `errors.codes.${issue.code}`;
    const label = spec?.label ?? name;
    const message = i18next.exists(own)
      ? t(own, { label })
      : i18next.exists(common)
        ? t(common, { label })
        : issue.detail;
    if (spec && !result.fields[spec.name]) result.fields[spec.name] = message;
    else result.general.push(message);
  }
  if (Object.keys(result.fields).length === 0 && result.general.length === 0) {
    result.general.push(generalMessage(error, t));
  }
  return result;
}

/** Several checkboxes under one question (a fieldset whose legend is the question). */
export function CheckboxGroup({
  spec,
  options,
  value,
  onValue,
  error,
  hint,
}: {
  spec: FieldSpec;
  options: Array<{ value: string; label: string }>;
  value: readonly string[];
  onValue: (value: string[]) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const described = [hint ? `${spec.id}-hint` : null, error ? `${spec.id}-error` : null].filter(Boolean).join(' ');
  return (
    <FieldSet legend={spec.label} invalid={Boolean(error)} aria-describedby={described || undefined}>
      {hint && (
        <Paragraph size="small" id={`${spec.id}-hint`} className="schakel-field-hint">
          {hint}
        </Paragraph>
      )}
      {error && <ErrorMessage id={`${spec.id}-error`}>{error}</ErrorMessage>}
      <div className="pv-checkboxes">
        {options.map((o, index) => (
          <Checkbox
            key={o.value}
            id={index === 0 ? spec.id : `${spec.id}-${o.value}`}
            name={spec.id}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) => onValue(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          >
            {o.label}
          </Checkbox>
        ))}
      </div>
    </FieldSet>
  );
}

/** "today" as yyyy-mm-dd in the Netherlands. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** Whole days from today (Europe/Amsterdam) until a yyyy-mm-dd date; negative when it has passed. */
export function daysUntil(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [ty, tm, td] = todayIso().split('-').map(Number);
  const a = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const b = Date.UTC(ty ?? 1970, (tm ?? 1) - 1, td ?? 1);
  return Math.round((a - b) / 86_400_000);
}
