/**
 * The structured professional judgement form: per domain of the framework, per factor a rating chosen
 * from four words (a radio group — never a number or a slider), evidence, source and date; then the
 * concern level and the rationale that the assessor chooses and writes. Nothing is added up, scored
 * or coloured from the ratings.
 */
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type Assessment,
  type AssessmentFramework,
  type AssessmentRating,
  CONCERN_LEVELS,
  type ConcernLevel,
  createAssessment,
  FRAMEWORK_DOMAINS,
  type FrameworkFactor,
  finaliseAssessment,
  RATINGS,
  type Rating,
  type RatingInput,
  updateAssessment,
} from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import type { Organisation } from '../../api/types.js';
import { Button, FieldSet, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  requireText,
  SelectField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { itemPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { localLabel, pointerErrors, RadioGroupField, specFinder, TextAreaField, todayIso } from '../signals/common.js';

interface FactorDraft {
  rating: Rating | '';
  evidence: string;
  sourceOrganisationId: string;
  observedOn: string;
}

const emptyFactor: FactorDraft = { rating: '', evidence: '', sourceOrganisationId: '', observedOn: '' };

function draftsFrom(ratings: AssessmentRating[]): Record<string, FactorDraft> {
  const out: Record<string, FactorDraft> = {};
  for (const r of ratings) {
    out[r.factorId] = {
      rating: r.rating,
      evidence: r.evidence ?? '',
      sourceOrganisationId: r.sourceOrganisationId ?? '',
      observedOn: r.observedOn ?? '',
    };
  }
  return out;
}

function hasInput(d: FactorDraft | undefined): boolean {
  return Boolean(d && (d.rating || d.evidence.trim() || d.sourceOrganisationId || d.observedOn));
}

/** The factors that are sent (those with a rating), in the framework's order: their index is the pointer. */
function ratedFactors(framework: AssessmentFramework, factors: Record<string, FactorDraft>): FrameworkFactor[] {
  return framework.factors.filter((f) => factors[f.id]?.rating);
}

const factorId = (f: FrameworkFactor, part: string) => `factor-${f.code}-${part}`;

function factorFields(t: TFunction, framework: AssessmentFramework, factors: Record<string, FactorDraft>): FieldSpec[] {
  const out: FieldSpec[] = [];
  // Client-side: a factor with evidence but no rating.
  for (const f of framework.factors) {
    out.push({
      name: `factor/${f.id}/rating`,
      id: factorId(f, 'rating'),
      label: `${localLabel(f)}: ${t('assessments.rating')}`,
    });
  }
  // Server-side: pointers into the ratings array as sent.
  ratedFactors(framework, factors).forEach((f, i) => {
    const label = (part: string) => `${localLabel(f)}: ${t(`assessments.${part}`).toLowerCase()}`;
    out.push(
      { name: `ratings/${i}/rating`, id: factorId(f, 'rating'), label: label('rating') },
      { name: `ratings/${i}/factorId`, id: factorId(f, 'rating'), label: label('rating') },
      { name: `ratings/${i}/evidence`, id: factorId(f, 'evidence'), label: label('evidence') },
      { name: `ratings/${i}/sourceOrganisationId`, id: factorId(f, 'source'), label: label('source') },
      { name: `ratings/${i}/observedOn`, id: factorId(f, 'observedOn'), label: label('observedOn') },
    );
  });
  return out;
}

export interface EditorContext {
  personId: string;
  caseId?: string;
  signalId?: string;
}

export function AssessmentEditor({
  assessment: initial,
  frameworks,
  organisations,
  context,
  onReload,
  onFinalised,
}: {
  /** null: a new assessment, created as a draft at the first save. */
  assessment: Assessment | null;
  frameworks: AssessmentFramework[];
  organisations: Organisation[];
  context: EditorContext;
  onReload?: () => void;
  /** Called after finalising an existing draft (a new one opens its own page instead). */
  onFinalised?: (final: Assessment) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [assessment, setAssessment] = useState<Assessment | null>(initial);
  const [frameworkId, setFrameworkId] = useState(initial?.frameworkId ?? frameworks[0]?.id ?? '');
  const [assessedOn, setAssessedOn] = useState(initial?.assessedOn ?? todayIso());
  const [factors, setFactors] = useState<Record<string, FactorDraft>>(() => draftsFrom(initial?.ratings ?? []));
  const [concernLevel, setConcernLevel] = useState<ConcernLevel | ''>(initial?.concernLevel ?? '');
  const [rationale, setRationale] = useState(initial?.rationale ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  useEffect(() => {
    setAssessment(initial);
  }, [initial]);

  const framework = frameworks.find((f) => f.id === frameworkId) ?? frameworks[0];
  if (!framework) return <Paragraph>{t('assessments.noFrameworks')}</Paragraph>;

  const mainFields: FieldSpec[] = [
    { name: 'frameworkId', id: 'assessment-framework', label: t('assessments.framework') },
    { name: 'assessedOn', id: 'assessment-assessedOn', label: t('assessments.assessedOn') },
    { name: 'concernLevel', id: 'assessment-concernLevel', label: t('assessments.concernLevel') },
    { name: 'rationale', id: 'assessment-rationale', label: t('assessments.rationale') },
  ];
  const fields = [...mainFields, ...factorFields(t, framework, factors)];
  // Errors about the person, case or signal of a new assessment are general messages.
  const spec = specFinder(fields);

  function setFactor(id: string, update: Partial<FactorDraft>) {
    setFactors((all) => ({ ...all, [id]: { ...(all[id] ?? emptyFactor), ...update } }));
    setSaved(null);
  }

  function validate(finalising: boolean): FieldErrors {
    const found: FieldErrors = {};
    requireText(found, spec('assessedOn'), assessedOn, t);
    for (const f of framework?.factors ?? []) {
      const d = factors[f.id];
      if (hasInput(d) && !d?.rating) {
        found[`factor/${f.id}/rating`] = t('errors.requiredChoice', {
          label: `${t('assessments.rating').toLowerCase()} (${localLabel(f)})`,
        });
      }
    }
    if (finalising) {
      requireText(found, spec('concernLevel'), concernLevel, t, 'errors.requiredChoice');
      requireText(found, spec('rationale'), rationale, t);
    }
    return found;
  }

  /** Creates the draft when needed and saves the form into it; returns the saved assessment. */
  async function saveDraft(): Promise<Assessment> {
    if (!framework) throw new Error('no framework');
    let current = assessment;
    if (!current) {
      current = await createAssessment({
        personId: context.personId,
        ...(context.caseId ? { caseId: context.caseId } : {}),
        ...(context.signalId ? { signalId: context.signalId } : {}),
        frameworkId: framework.id,
        assessedOn,
      });
      setAssessment(current);
    }
    const ratings: RatingInput[] = ratedFactors(framework, factors).map((f) => {
      const d = factors[f.id] as FactorDraft;
      return {
        factorId: f.id,
        rating: d.rating as Rating,
        evidence: d.evidence.trim() || null,
        sourceOrganisationId: d.sourceOrganisationId || null,
        observedOn: d.observedOn || null,
      };
    });
    const updated = await updateAssessment(current.id, {
      ratings,
      concernLevel: concernLevel || null,
      rationale: rationale.trim() || null,
      assessedOn,
      version: current.version,
    });
    setAssessment(updated);
    return updated;
  }

  function handleError(error: unknown) {
    if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
    fail(pointerErrors(error, fields, t));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const found = validate(false);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    const isNew = !assessment;
    try {
      const updated = await saveDraft();
      clear();
      if (isNew) {
        navigate(itemPath(paths.assessments, updated.id), { replace: true, state: { notice: t('assessments.saved') } });
      } else {
        setSaved(t('assessments.saved'));
      }
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  function askFinalise() {
    setSaved(null);
    const found = validate(true);
    if (Object.keys(found).length) {
      fail({ fields: found, general: [t('assessments.finaliseNeeds')] });
      return;
    }
    clear();
    setConfirming(true);
  }

  async function finalise() {
    setBusy(true);
    const isNew = !assessment;
    try {
      const updated = await saveDraft();
      const final = await finaliseAssessment(updated.id, updated.version);
      clear();
      setConfirming(false);
      if (isNew || !onFinalised) {
        navigate(itemPath(paths.assessments, final.id), {
          replace: true,
          state: { notice: t('assessments.finalised') },
        });
      } else {
        onFinalised(final);
      }
    } catch (error) {
      setConfirming(false);
      handleError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-form-wide" noValidate onSubmit={save}>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {stale && onReload && (
        <StaleNotice
          onReload={() => {
            clear();
            setStale(false);
            onReload();
          }}
        />
      )}
      {saved && (
        <div className="schakel-notice" role="status">
          <Paragraph>
            <strong>{saved}</strong>
          </Paragraph>
        </div>
      )}
      <div className="schakel-grid-fields">
        {!assessment && frameworks.length > 1 ? (
          <SelectField
            spec={spec('frameworkId')}
            required
            value={frameworkId}
            onValue={setFrameworkId}
            options={frameworks.map((f) => ({ value: f.id, label: f.name }))}
            error={errors.fields.frameworkId}
          />
        ) : null}
        <TextField
          spec={spec('assessedOn')}
          required
          type="date"
          value={assessedOn}
          onValue={setAssessedOn}
          error={errors.fields.assessedOn}
        />
      </div>
      <Paragraph size="small">
        {t('assessments.framework')}: {framework.name}
      </Paragraph>
      {FRAMEWORK_DOMAINS.map((domain) => {
        const inDomain = framework.factors.filter((f) => f.domain === domain);
        if (inDomain.length === 0) return null;
        const hint = t(`intake.domainHint.${domain}`);
        return (
          <section key={domain} className="schakel-domain" aria-labelledby={`domain-${domain}`}>
            <Heading level={2} id={`domain-${domain}`}>
              {t(`intake.domain.${domain}`)}
            </Heading>
            {hint && <Paragraph>{hint}</Paragraph>}
            {inDomain.map((f) => (
              <FactorFields
                key={f.id}
                factor={f}
                draft={factors[f.id] ?? emptyFactor}
                onChange={(update) => setFactor(f.id, update)}
                organisations={organisations}
                errors={errors.fields}
                fields={fields}
              />
            ))}
          </section>
        );
      })}
      <section className="schakel-form schakel-panel" aria-labelledby="assessment-conclusion">
        <Heading level={2} id="assessment-conclusion">
          {t('assessments.conclusionHeading')}
        </Heading>
        <RadioGroupField
          spec={spec('concernLevel')}
          nested
          hint={t('assessments.concernLevelHint')}
          value={concernLevel}
          onValue={(value) => {
            setConcernLevel(value as ConcernLevel);
            setSaved(null);
          }}
          choices={CONCERN_LEVELS.map((c) => ({ value: c, label: t(`intake.concern.${c}`) }))}
          error={errors.fields.concernLevel}
        />
        <TextAreaField
          spec={spec('rationale')}
          rows={6}
          hint={t('assessments.rationaleHint')}
          value={rationale}
          onValue={(value) => {
            setRationale(value);
            setSaved(null);
          }}
          error={errors.fields.rationale}
        />
      </section>
      <Paragraph id="assessment-finalise-explain">{t('assessments.finaliseExplain')}</Paragraph>
      {confirming ? (
        <div className="schakel-confirm">
          <Paragraph>{t('assessments.finaliseConfirm')}</Paragraph>
          <FormActions>
            <Button type="button" onClick={() => void finalise()} disabled={busy}>
              {t('assessments.finaliseYes')}
            </Button>
            <Button type="button" variant="tertiary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </FormActions>
        </div>
      ) : (
        <FormActions>
          <Button type="submit" variant="secondary" disabled={busy}>
            {busy ? t('assessments.saving') : t('assessments.saveDraft')}
          </Button>
          <Button type="button" onClick={askFinalise} disabled={busy} aria-describedby="assessment-finalise-explain">
            {t('assessments.finalise')}
          </Button>
        </FormActions>
      )}
    </form>
  );
}

function FactorFields({
  factor: f,
  draft,
  onChange,
  organisations,
  errors,
  fields,
}: {
  factor: FrameworkFactor;
  draft: FactorDraft;
  onChange: (update: Partial<FactorDraft>) => void;
  organisations: Organisation[];
  errors: FieldErrors;
  fields: FieldSpec[];
}) {
  const { t } = useTranslation();
  // The first error found for each part of this factor (client-side or a server pointer).
  const errorFor = (id: string) => {
    for (const spec of fields) if (spec.id === id && errors[spec.name]) return errors[spec.name];
    return undefined;
  };
  const label = localLabel(f);
  return (
    <FieldSet
      legend={label}
      className="schakel-factor"
      aria-describedby={f.guidance ? factorId(f, 'guidance') : undefined}
    >
      {f.guidance && (
        <Paragraph size="small" id={factorId(f, 'guidance')} className="schakel-field-hint">
          {f.guidance}
        </Paragraph>
      )}
      <RadioGroupField
        spec={{ name: `factor/${f.id}/rating`, id: factorId(f, 'rating'), label: t('assessments.rating') }}
        nested
        inline
        value={draft.rating}
        onValue={(rating) => onChange({ rating: rating as Rating })}
        choices={RATINGS.map((r) => ({ value: r, label: t(`intake.rating.${r}`) }))}
        error={errorFor(factorId(f, 'rating'))}
      />
      <TextAreaField
        spec={{ name: 'evidence', id: factorId(f, 'evidence'), label: t('assessments.evidence') }}
        optional
        rows={2}
        value={draft.evidence}
        onValue={(evidence) => onChange({ evidence })}
        error={errorFor(factorId(f, 'evidence'))}
      />
      <div className="schakel-grid-fields">
        <SelectField
          spec={{ name: 'sourceOrganisationId', id: factorId(f, 'source'), label: t('assessments.source') }}
          optional
          value={draft.sourceOrganisationId}
          onValue={(sourceOrganisationId) => onChange({ sourceOrganisationId })}
          placeholder={t('assessments.noSource')}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={errorFor(factorId(f, 'source'))}
        />
        <TextField
          spec={{ name: 'observedOn', id: factorId(f, 'observedOn'), label: t('assessments.observedOn') }}
          optional
          type="date"
          value={draft.observedOn}
          onValue={(observedOn) => onChange({ observedOn })}
          error={errorFor(factorId(f, 'observedOn'))}
        />
      </div>
    </FieldSet>
  );
}
