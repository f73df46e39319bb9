/**
 * One subject on intake: name and date of birth, a search for known persons (a POST, names never in a
 * URL), and the user's own choice between the candidates and "new person". Nothing is linked
 * automatically: without a choice the form does not go through.
 *
 * A person the user may not see comes back only as a hit: known to another municipality, whom to
 * contact. Choosing a hit asks that municipality's process director to link the person (a link
 * request, with the user's explanation); the person is linked only when they accept.
 */
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { matchPersons, type PersonMatch, type PersonMatchHit } from '../../api/signals.js';
import { Button, ErrorMessage, Paragraph } from '../../components/ams.js';
import { type FieldErrors, type FieldSpec, generalMessage, TextField } from '../../components/form.js';
import { formatDate } from '../../lib/format.js';
import { type Choice, personName, RadioGroupField, TextAreaField } from './common.js';

export const NEW_PERSON = 'new';
const HIT = 'hit:';

/** The hit chosen for a subject (a link request is to be filed), if any. */
export function chosenHit(d: SubjectDraft): PersonMatchHit | null {
  return d.choice.startsWith(HIT) ? (d.hits?.find((h) => HIT + h.hitId === d.choice) ?? null) : null;
}

/** "Delft en Westland": the municipalities a hit is known to. */
export function knownToNames(hit: Pick<PersonMatchHit, 'knownTo'>): string {
  const names = hit.knownTo.map((k) => k.municipality.name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
}

export interface SubjectDraft {
  key: number;
  firstName: string;
  namePrefix: string;
  lastName: string;
  dateOfBirth: string;
  /** The name and date of birth the candidates were searched for; a change asks for a new search. */
  searchedFor: string | null;
  matches: PersonMatch[] | null;
  /** Persons known to another municipality that the user may not see (hit/no-hit only). */
  hits: PersonMatchHit[] | null;
  /** With a hit chosen: the explanation for the deciding process director. */
  linkReason: string;
  searching: boolean;
  searchError: string | null;
  /** '' (not chosen yet), NEW_PERSON or the id of a candidate. */
  choice: string;
}

let nextKey = 1;
export function emptySubject(): SubjectDraft {
  return {
    key: nextKey++,
    firstName: '',
    namePrefix: '',
    lastName: '',
    dateOfBirth: '',
    searchedFor: null,
    matches: null,
    hits: null,
    linkReason: '',
    searching: false,
    searchError: null,
    choice: '',
  };
}

export function searchKey(d: SubjectDraft): string {
  return JSON.stringify([d.firstName.trim(), d.namePrefix.trim(), d.lastName.trim(), d.dateOfBirth]);
}

/** The field specs of subject `index` (its name is the JSON pointer of the API body). */
export function subjectFields(t: TFunction, prefix: string, index: number, key: number, idBase: string): FieldSpec[] {
  const id = (name: string) => `${idBase}-${key}-${name}`;
  const n = index + 1;
  const label = (text: string) => `${text} (${t('signals.subjectN', { n })})`;
  return [
    { name: `${prefix}/newPerson/firstName`, id: id('firstName'), label: label(t('signals.firstName')) },
    { name: `${prefix}/newPerson/namePrefix`, id: id('namePrefix'), label: label(t('signals.namePrefix')) },
    { name: `${prefix}/newPerson/lastName`, id: id('lastName'), label: label(t('signals.lastName')) },
    { name: `${prefix}/newPerson/dateOfBirth`, id: id('dateOfBirth'), label: label(t('signals.dateOfBirth')) },
    { name: `${prefix}/personId`, id: id('choice'), label: t('signals.choice', { n }) },
    { name: `${prefix}/linkReason`, id: id('linkReason'), label: t('signals.linkRequestReason') },
  ];
}

/** Client-side checks of one subject: name given, and a choice made after the search. */
export function validateSubject(d: SubjectDraft, fields: FieldSpec[], index: number, t: TFunction, found: FieldErrors) {
  const [first, , last, , choice, linkReason] = fields as SubjectFieldSpecs;
  if (!d.firstName.trim()) found[first.name] = t('errors.required', { label: first.label.toLowerCase() });
  if (!d.lastName.trim()) found[last.name] = t('errors.required', { label: last.label.toLowerCase() });
  const stale = d.searchedFor !== null && d.searchedFor !== searchKey(d);
  if (!found[first.name] && !found[last.name] && (!d.choice || stale)) {
    found[choice.name] = t('signals.chooseRequired', { n: index + 1 });
  } else if (chosenHit(d) && !d.linkReason.trim()) {
    found[linkReason.name] = t('errors.required', { label: linkReason.label.toLowerCase() });
  }
}

type SubjectFieldSpecs = [FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec];

/** The reasons of a candidate in the interface language ("naam lijkt 86% op", "zelfde geboortedatum"). */
export function matchReasons(m: PersonMatch, t: TFunction): string[] {
  return m.reasons.map((r) => t(`intake.matchReason.${r.code}`, { percent: Math.round(m.nameSimilarity * 100) }));
}

/** What is recorded with the link: the reasons as Schakel gave them (stored in Dutch, the record language). */
export function recordedReason(m: PersonMatch): string {
  return m.reasons
    .map((r) => r.detail)
    .join('; ')
    .slice(0, 500);
}

export function SubjectEditor({
  draft,
  onChange,
  errors,
  fields,
  canSearch,
  signalId,
  allowNew = true,
}: {
  draft: SubjectDraft;
  onChange: (update: Partial<SubjectDraft>) => void;
  errors: FieldErrors;
  fields: FieldSpec[];
  canSearch: boolean;
  signalId?: string;
  /** Offer "new person" (false when the user may not register persons). */
  allowNew?: boolean;
}) {
  const { t } = useTranslation();
  const statusId = useId();
  const [first, prefix, last, dob, choice, linkReason] = fields as SubjectFieldSpecs;
  const stale = draft.searchedFor !== null && draft.searchedFor !== searchKey(draft);
  const canRun = draft.firstName.trim() !== '' && draft.lastName.trim() !== '';

  async function search() {
    if (!canRun) {
      onChange({ searchError: t('signals.searchFirst') });
      return;
    }
    const key = searchKey(draft);
    onChange({ searching: true, searchError: null });
    try {
      const result = await matchPersons({
        firstName: draft.firstName.trim(),
        namePrefix: draft.namePrefix.trim() || null,
        lastName: draft.lastName.trim(),
        dateOfBirth: draft.dateOfBirth || null,
        ...(signalId ? { signalId } : {}),
      });
      onChange({ searching: false, matches: result.items, hits: result.hits, searchedFor: key, choice: '' });
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 403 ? t('signals.matchingNotAllowed') : generalMessage(error, t);
      onChange({ searching: false, searchError: message });
    }
  }

  const typed = { firstName: draft.firstName, namePrefix: draft.namePrefix || null, lastName: draft.lastName };
  const choices: Choice[] = [
    ...(draft.matches ?? []).map((m) => ({
      value: m.personId,
      label: t('signals.linkTo', { name: personName(m) }),
      description: (
        <>
          <span>
            {m.dateOfBirth ? t('signals.born', { date: formatDate(m.dateOfBirth) }) : t('signals.bornUnknown')}
          </span>
          <ul>
            {matchReasons(m, t).map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <span>{t('signals.knownIn', { signals: m.knownIn.signals, cases: m.knownIn.cases })}</span>
        </>
      ),
    })),
    ...(draft.hits ?? []).map((h) => ({
      value: HIT + h.hitId,
      label: t('signals.askLink', { municipalities: knownToNames(h) }),
      description: (
        <>
          <span>{t('signals.hitExplained', { municipalities: knownToNames(h) })}</span>
          <ul>
            {h.knownTo.flatMap((k) =>
              k.contacts.map((c) => (
                <li key={`${k.municipality.id}-${c.email}`}>
                  {t('signals.hitContact', { name: c.name, email: c.email, municipality: k.municipality.name })}
                </li>
              )),
            )}
          </ul>
        </>
      ),
    })),
    ...(allowNew
      ? [
          {
            value: NEW_PERSON,
            label: t('signals.newPerson'),
            description: t('signals.newPersonHint', { name: personName(typed) }),
          },
        ]
      : []),
  ];

  return (
    <div className="schakel-panel">
      <div className="schakel-grid-fields">
        <TextField
          spec={{ ...first, label: t('signals.firstName') }}
          required
          autoComplete="off"
          value={draft.firstName}
          onValue={(firstName) => onChange({ firstName })}
          error={errors[first.name]}
        />
        <TextField
          spec={{ ...prefix, label: t('signals.namePrefix') }}
          optional
          autoComplete="off"
          value={draft.namePrefix}
          onValue={(namePrefix) => onChange({ namePrefix })}
          error={errors[prefix.name]}
        />
        <TextField
          spec={{ ...last, label: t('signals.lastName') }}
          required
          autoComplete="off"
          value={draft.lastName}
          onValue={(lastName) => onChange({ lastName })}
          error={errors[last.name]}
        />
        <TextField
          spec={{ ...dob, label: t('signals.dateOfBirth') }}
          optional
          type="date"
          value={draft.dateOfBirth}
          onValue={(dateOfBirth) => onChange({ dateOfBirth })}
          error={errors[dob.name]}
        />
      </div>
      {canSearch ? (
        <p className="schakel-form-actions">
          <Button
            type="button"
            variant="secondary"
            onClick={() => void search()}
            disabled={draft.searching}
            aria-describedby={statusId}
          >
            {draft.searching ? t('signals.searching') : t('signals.search')}
          </Button>
        </p>
      ) : (
        <Paragraph size="small" className="schakel-field-hint">
          {t('signals.matchingNotAllowed')}
        </Paragraph>
      )}
      <div id={statusId} role="status" className="schakel-matches">
        {draft.searchError && <Paragraph>{draft.searchError}</Paragraph>}
        {draft.matches !== null && stale && <Paragraph>{t('signals.searchAgain')}</Paragraph>}
        {draft.matches !== null && !stale && (
          <Paragraph>
            {draft.matches.length === 0 && (draft.hits ?? []).length === 0
              ? t('signals.noMatches')
              : draft.matches.length > 0
                ? t('signals.matchesFound', { count: draft.matches.length })
                : ''}
            {(draft.hits ?? []).length > 0 && ` ${t('signals.hitsFound', { count: (draft.hits ?? []).length })}`}
          </Paragraph>
        )}
      </div>
      {((draft.matches !== null && !stale) || !canSearch) && (
        <RadioGroupField
          spec={choice}
          nested
          required
          hint={t('signals.choiceHint')}
          value={draft.choice}
          onValue={(value) => onChange({ choice: value })}
          choices={choices}
          error={errors[choice.name]}
        />
      )}
      {!stale && chosenHit(draft) && (
        <TextAreaField
          spec={linkReason}
          required
          rows={3}
          hint={t('signals.linkRequestReasonHint')}
          value={draft.linkReason}
          onValue={(value) => onChange({ linkReason: value })}
          error={errors[linkReason.name]}
        />
      )}
      {!((draft.matches !== null && !stale) || !canSearch) && errors[choice.name] && (
        // Before a (new) search the error points at the search button's place.
        <ErrorMessage id={choice.id} tabIndex={-1}>
          {errors[choice.name]}
        </ErrorMessage>
      )}
    </div>
  );
}
