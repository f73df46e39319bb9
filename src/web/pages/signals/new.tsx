import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { defaultLegalRegime } from '../../../core/source-attribution.js';
import { createLinkRequest, createSignal, listIndicators, type SubjectInput } from '../../api/signals.js';
import { useSession } from '../../auth/session.js';
import { Button, Heading, Paragraph } from '../../components/ams.js';
import {
  CheckboxField,
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, LinkButton, LoadError, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';
import { pointerErrors, specFinder, todayIso, useMunicipalities, useOrganisations } from './common.js';
import { type IntakeDraft, IntakeFields, intakeBody, intakeFieldSpecs, validateIntake } from './intake-fields.js';
import {
  chosenHit,
  emptySubject,
  knownToNames,
  NEW_PERSON,
  recordedReason,
  type SubjectDraft,
  SubjectEditor,
  subjectFields,
  validateSubject,
} from './subject-editor.js';

interface SignalDraft extends IntakeDraft {
  subjectUnknown: boolean;
}

const FORM = 'signal';
/** Roles that may search known persons (the API answers 403 to others). */
const MATCHING_ROLES = ['process_director', 'case_coordinator'];

export function SignalNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const me = session.me;
  const organisations = useOrganisations();
  const municipalities = useMunicipalities();
  const indicators = useLoad(() => listIndicators().then((r) => r.items.filter((i) => i.active)), []);
  const [draft, setDraftState] = useState<SignalDraft>({
    municipalityId: '',
    sourceKind: 'organisation',
    sourceOrganisationId: me?.user.organisation.id ?? '',
    reporterKind: '',
    reporterName: '',
    reporterContact: '',
    receivedOn: todayIso(),
    indicators: [],
    ideology: '',
    urgency: 'normal',
    // The registrant's own organisation is the source until another is chosen: its default regime.
    legalRegime: defaultLegalRegime(me?.user.organisation.type),
    legalRegimeReason: '',
    description: '',
    subjectUnknown: false,
  });
  const setDraft = (update: Partial<SignalDraft>) => setDraftState((d) => ({ ...d, ...update }));
  const [subjects, setSubjects] = useState<SubjectDraft[]>(() => [emptySubject()]);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const canSearch = MATCHING_ROLES.includes(me?.user.role ?? '');

  // Default municipality: the one of the user's own organisation, if it is a municipality.
  const ownMunicipality = municipalities.data?.find((m) => m.organisationId === me?.user.organisation.id);
  useEffect(() => {
    if (ownMunicipality) setDraftState((d) => (d.municipalityId ? d : { ...d, municipalityId: ownMunicipality.id }));
  }, [ownMunicipality]);

  const mainFields: FieldSpec[] = [
    ...intakeFieldSpecs(t, FORM),
    { name: 'subjectUnknown', id: `${FORM}-subjectUnknown`, label: t('signals.subjectUnknown') },
  ];
  const perSubject = draft.subjectUnknown
    ? []
    : subjects.map((s, i) => subjectFields(t, `subjects/${i}`, i, s.key, `${FORM}-subject`));
  // "subjects" (the list as a whole) points at the "subject unknown" checkbox.
  const fields: FieldSpec[] = [
    ...mainFields,
    ...perSubject.flat(),
    { name: 'subjects', id: `${FORM}-subjectUnknown`, label: t('signals.subjectsHeading') },
  ];
  const spec = specFinder(fields);

  function updateSubject(key: number, update: Partial<SubjectDraft>) {
    setSubjects((list) => list.map((s) => (s.key === key ? { ...s, ...update } : s)));
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    validateIntake(draft, spec, t, found, organisations.data ?? []);
    if (!draft.subjectUnknown) {
      if (subjects.length === 0) found.subjects = t('signals.needSubject');
      subjects.forEach((s, i) => {
        validateSubject(s, perSubject[i] as FieldSpec[], i, t, found);
      });
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    // A subject chosen as a hit is not linked now: a link request goes to the municipality that knows
    // the person, after the signal exists. Until it is accepted the signal's subject may be unknown.
    const direct = draft.subjectUnknown ? [] : subjects.filter((s) => !chosenHit(s));
    const requested = draft.subjectUnknown ? [] : subjects.filter((s) => chosenHit(s));
    const subjectInputs: SubjectInput[] = direct.map((s) => {
      if (s.choice === NEW_PERSON) {
        return {
          newPerson: {
            firstName: s.firstName.trim(),
            namePrefix: s.namePrefix.trim() || null,
            lastName: s.lastName.trim(),
            dateOfBirth: s.dateOfBirth || null,
          },
        };
      }
      const match = s.matches?.find((m) => m.personId === s.choice);
      return { personId: s.choice, ...(match ? { matchReason: recordedReason(match) } : {}) };
    });
    try {
      const signal = await createSignal({
        ...intakeBody(draft, organisations.data ?? []),
        subjectUnknown: draft.subjectUnknown || subjectInputs.length === 0,
        subjects: subjectInputs,
      });
      clear();
      const notices = [t('signals.created', { reference: signal.reference })];
      for (const s of requested) {
        const hit = chosenHit(s);
        if (!hit) continue;
        try {
          await createLinkRequest({ hitId: hit.hitId, signalId: signal.id, reason: s.linkReason.trim() });
          notices.push(t('signals.linkRequested', { municipalities: knownToNames(hit) }));
        } catch {
          // The signal is registered; the request can be made again from its page.
          notices.push(t('signals.linkRequestFailed', { municipalities: knownToNames(hit) }));
        }
      }
      navigate(itemPath(paths.signals, signal.id), { state: { notice: notices.join(' ') } });
    } catch (error) {
      // The API numbers only the subjects it was sent: map its /subjects/{j} back to this form's subjects.
      const apiFields: FieldSpec[] = [
        ...mainFields,
        ...direct.flatMap((d, j) => {
          const i = subjects.indexOf(d);
          return (perSubject[i] ?? []).map((f) => ({ ...f, name: f.name.replace(`subjects/${i}/`, `subjects/${j}/`) }));
        }),
        { name: 'subjects', id: `${FORM}-subjectUnknown`, label: t('signals.subjectsHeading') },
      ];
      const mapped = pointerErrors(error, apiFields, t);
      const byForm: FieldErrors = {};
      for (const [name, message] of Object.entries(mapped.fields)) {
        const id = apiFields.find((f) => f.name === name)?.id;
        const formName = fields.find((f) => f.id === id)?.name;
        if (formName) byForm[formName] = message;
      }
      fail({ fields: byForm, general: mapped.general });
    } finally {
      setBusy(false);
    }
  }

  const loadError = organisations.error ?? municipalities.error ?? indicators.error;
  const ready = organisations.data && municipalities.data && indicators.data;
  return (
    <div className="schakel-form-wide">
      <BackLink to={paths.signals}>{t('signals.title')}</BackLink>
      <PageHeader title={t('signals.newTitle')} intro={t('signals.newIntro')} />
      {loadError !== null && loadError !== undefined && <LoadError error={loadError} />}
      {!ready && !loadError && <Loading />}
      {ready && (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <section className="schakel-form" aria-labelledby="signal-intake">
            <Heading level={2} id="signal-intake">
              {t('signals.intakeHeading')}
            </Heading>
            <IntakeFields
              draft={draft}
              onDraft={setDraft}
              spec={spec}
              errors={errors.fields}
              me={me}
              registrant={me ? { name: me.user.name, organisation: me.user.organisation.name } : undefined}
              organisations={organisations.data ?? []}
              municipalities={municipalities.data ?? []}
              indicators={indicators.data ?? []}
            />
          </section>
          <section className="schakel-form" aria-labelledby="signal-subjects">
            <Heading level={2} id="signal-subjects">
              {t('signals.subjectsHeading')}
            </Heading>
            <div>
              <CheckboxField
                spec={spec('subjectUnknown')}
                checked={draft.subjectUnknown}
                onChecked={(subjectUnknown) => setDraft({ subjectUnknown })}
                error={errors.fields.subjectUnknown ?? errors.fields.subjects}
              />
              <Paragraph size="small" className="schakel-field-hint">
                {t('signals.subjectUnknownHint')}
              </Paragraph>
            </div>
            {!draft.subjectUnknown &&
              subjects.map((s, i) => (
                <section key={s.key} className="schakel-form" aria-labelledby={`signal-subject-${s.key}`}>
                  <div className="schakel-subject-head">
                    <Heading level={3} id={`signal-subject-${s.key}`}>
                      {t('signals.subjectN', { n: i + 1 })}
                    </Heading>
                    {subjects.length > 1 && (
                      <Button
                        type="button"
                        variant="tertiary"
                        onClick={() => {
                          clear();
                          setSubjects((list) => list.filter((x) => x.key !== s.key));
                        }}
                      >
                        {t('signals.removeSubject', { n: i + 1 })}
                      </Button>
                    )}
                  </div>
                  <SubjectEditor
                    draft={s}
                    onChange={(update) => updateSubject(s.key, update)}
                    errors={errors.fields}
                    fields={perSubject[i] as FieldSpec[]}
                    canSearch={canSearch}
                  />
                </section>
              ))}
            {!draft.subjectUnknown && subjects.length < 10 && (
              <p className="schakel-form-actions">
                <Button type="button" variant="secondary" onClick={() => setSubjects((l) => [...l, emptySubject()])}>
                  {t('signals.addSubject')}
                </Button>
              </p>
            )}
          </section>
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('signals.submit')}
            </Button>
            <LinkButton to={paths.signals} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </div>
  );
}
