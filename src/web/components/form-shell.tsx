/**
 * The frame of a small form that many pages repeat: a <form> named by `label`, the error summary at
 * the top, the fields, and the actions: submit, and cancel (a button when `onCancel` is given, a link
 * when `cancelTo` is).
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { Button } from './ams.js';
import { ErrorSummary, type FieldSpec, FormActions, type FormErrors, fieldId, useFormErrors } from './form.js';
import { LinkButton } from './page.js';

/** The field specs of a form (ids `<formId>-<name>`) and a lookup by name. */
export function formFields(formId: string, labels: Record<string, string>) {
  const fields: FieldSpec[] = Object.entries(labels).map(([name, label]) => ({
    name,
    id: fieldId(formId, name),
    label,
  }));
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;
  return { fields, spec };
}

export function FormShell({
  label,
  className = 'schakel-form',
  onSubmit,
  errors,
  fields,
  focusSignal,
  busy,
  submitLabel,
  submitVariant,
  onCancel,
  cancelTo,
  children,
}: {
  label?: string;
  className?: string;
  onSubmit: (event: FormEvent) => void;
  errors: FormErrors;
  fields: FieldSpec[];
  focusSignal: number;
  busy: boolean;
  submitLabel: string;
  submitVariant?: 'primary' | 'secondary';
  onCancel?: () => void;
  cancelTo?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form className={className} noValidate onSubmit={onSubmit} aria-label={label}>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {children}
      <FormActions>
        <Button type="submit" variant={submitVariant} disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button variant="tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        {cancelTo !== undefined && (
          <LinkButton to={cancelTo} variant="tertiary">
            {t('common.cancel')}
          </LinkButton>
        )}
      </FormActions>
    </form>
  );
}

/**
 * The state of a form that saves a record: its errors (useFormErrors), `busy` while a request runs,
 * and `stale` after the API answered 409 STALE_VERSION (someone else changed the record; show the
 * StaleNotice). `save(work, toErrors)` runs `work` with busy set and turns a failure into the form's
 * errors.
 */
export function useSaveForm() {
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  async function save(work: () => Promise<void>, toErrors: (error: unknown) => FormErrors) {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(toErrors(error));
    } finally {
      setBusy(false);
    }
  }
  return { errors, fail, clear, focusSignal, busy, setBusy, stale, setStale, save };
}
