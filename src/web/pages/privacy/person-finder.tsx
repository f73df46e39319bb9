/**
 * Finding the data subject among the persons held (POST /subject-access-requests/person-matches: a
 * POST so that names never appear in an address; every proposed person is logged). Used to start a
 * subject access request, a legal hold on a person, and an erasure or rectification request.
 */
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchSarPersons, type SarPersonMatch } from '../../api/privacy.js';
import { Button, Heading } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  type Option,
  requireText,
  TextField,
} from '../../components/form.js';
import { useSaveForm } from '../../components/form-shell.js';
import { formatDate } from '../../lib/format.js';
import { nestedProblemToErrors } from './shared.js';

/** The search form: first name, prefix, last name and (optionally) date of birth. */
export function PersonSearch({
  formId,
  heading,
  level = 2,
  onResults,
}: {
  formId: string;
  heading: string;
  /** The heading's level where the form stands (2 on its own page, deeper inside a panel). */
  level?: 2 | 3 | 4;
  onResults: (matches: SarPersonMatch[]) => void;
}) {
  const { t } = useTranslation();
  const [firstName, setFirstName] = useState('');
  const [namePrefix, setNamePrefix] = useState('');
  const [lastName, setLastName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();

  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId(formId, name), label });
  const firstSpec = f('firstName', t('privacyPages.sar.firstName'));
  const prefixSpec = f('namePrefix', t('privacyPages.sar.namePrefix'));
  const lastSpec = f('lastName', t('privacyPages.sar.lastName'));
  const dobSpec = f('dateOfBirth', t('privacyPages.sar.dateOfBirth'));
  const fields = [firstSpec, prefixSpec, lastSpec, dobSpec];
  const headingId = `${formId}-heading`;

  async function find(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, firstSpec, firstName, t);
    requireText(found, lastSpec, lastName, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const result = await matchSarPersons({
          firstName: firstName.trim(),
          namePrefix: namePrefix.trim() || null,
          lastName: lastName.trim(),
          dateOfBirth: dateOfBirth || null,
        });
        clear();
        onResults(result.items);
      },
      (error) => nestedProblemToErrors(error, fields, t),
    );
  }

  return (
    <form className="schakel-form" noValidate onSubmit={find} aria-labelledby={headingId}>
      <Heading level={level} size={level > 2 ? 'level-4' : undefined} id={headingId}>
        {heading}
      </Heading>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <TextField
        spec={firstSpec}
        required
        value={firstName}
        onValue={setFirstName}
        error={errors.fields.firstName}
        autoComplete="off"
      />
      <TextField
        spec={prefixSpec}
        optional
        value={namePrefix}
        onValue={setNamePrefix}
        error={errors.fields.namePrefix}
        autoComplete="off"
      />
      <TextField
        spec={lastSpec}
        required
        value={lastName}
        onValue={setLastName}
        error={errors.fields.lastName}
        autoComplete="off"
      />
      <TextField
        spec={dobSpec}
        type="date"
        optional
        value={dateOfBirth}
        onValue={setDateOfBirth}
        error={errors.fields.dateOfBirth}
      />
      <FormActions>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('privacyPages.sar.find')}
        </Button>
      </FormActions>
    </form>
  );
}

/** The matches as radio options: "name, born dd-mm-yyyy" with "same/different date of birth" as hint. */
export function personOptions(matches: SarPersonMatch[], t: TFunction): Array<Option & { hint?: string }> {
  return matches.map((m) => {
    const born = m.dateOfBirth
      ? t('privacyPages.sar.bornOn', { date: formatDate(m.dateOfBirth) })
      : t('privacyPages.sar.bornUnknown');
    const hint =
      m.birthMatches === true
        ? t('privacyPages.sar.sameDob')
        : m.birthMatches === false
          ? t('privacyPages.sar.otherDob')
          : undefined;
    return { value: m.personId, label: `${m.name}, ${born}`, ...(hint ? { hint } : {}) };
  });
}
