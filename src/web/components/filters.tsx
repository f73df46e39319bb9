/**
 * Filters of a list page: a form named by `label` with the filter fields and one submit button, and
 * the filter values kept in the address (?name=value) with a draft that the fields change until the
 * form is submitted.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from './ams.js';
import { FormActions } from './form.js';

export function FilterForm({
  label,
  submitLabel,
  onSubmit,
  children,
}: {
  label: string;
  submitLabel: ReactNode;
  /** Called on submit; the default (reloading the page) is already prevented. */
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className="schakel-form schakel-filters"
      noValidate
      aria-label={label}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <FormActions>
        <Button type="submit">{submitLabel}</Button>
      </FormActions>
    </form>
  );
}

/**
 * The filters named by `keys` as they stand in the address (`applied`, '' when absent), a `draft` that
 * follows the address, `setDraftValue(key)` for a field's onValue, and `apply()`, which puts the draft's
 * non-empty (trimmed) values in the address in the order of `keys`.
 */
export function useFilterParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(JSON.parse(appliedKey) as Record<K, string>), [appliedKey]);
  const setDraftValue = (key: K) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  function apply() {
    const next = new URLSearchParams();
    for (const key of keys) {
      const value = draft[key].trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }
  return { applied, draft, setDraftValue, apply };
}
