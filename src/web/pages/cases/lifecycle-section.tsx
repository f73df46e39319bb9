import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CaseDetail,
  ESCALATION_LEVELS,
  escalateCase,
  type Phase,
  RETENTION_DECISIONS,
  type RetentionDecision,
  type TransitionKind,
  transitionCase,
} from '../../api/cases.js';
import { Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { formatDate } from '../../lib/format.js';
import type { CaseSectionProps } from './case-page.js';
import { caseProblemToErrors, daysFromToday, Section } from './shared.js';

export function LifecycleSection({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<TransitionKind | null>(null);
  // The server names the steps its state machine allows from the current phase, for this user.
  const kinds = detail.allowedTransitions;
  const manage = detail.permissions.manage;

  return (
    <Section id="case-lifecycle" title={t('cases.lifecycle.heading')} intro={t('cases.lifecycle.intro')}>
      <DescriptionList className="schakel-details cw-details">
        <DescriptionList.Term>{t('cases.lifecycle.current')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.phases.${detail.phase}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('cases.lifecycle.escalation')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t(`caseLabels.escalationLevels.${detail.escalationLevel}`)}
        </DescriptionList.Description>
        {detail.closedAt && detail.closingKind && (
          <>
            <DescriptionList.Term>{t('cases.overview.closed')}</DescriptionList.Term>
            <DescriptionList.Description>
              {t('cases.lifecycle.closedInfo', {
                kind: t(`caseLabels.closingKinds.${detail.closingKind}`),
                date: formatDate(detail.closedAt),
              })}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('cases.lifecycle.reason')}</DescriptionList.Term>
            <DescriptionList.Description>{detail.closingReason ?? t('common.none')}</DescriptionList.Description>
          </>
        )}
        {detail.revisitOn && (
          <>
            <DescriptionList.Term>{t('cases.lifecycle.revisitOn')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(detail.revisitOn)}</DescriptionList.Description>
          </>
        )}
      </DescriptionList>

      {!manage ? (
        <Paragraph>{t('cases.lifecycle.readOnly')}</Paragraph>
      ) : (
        <>
          <Section id="case-transitions" level={3} title={t('cases.lifecycle.transitions')}>
            {kinds.length === 0 ? (
              <Paragraph>{t('cases.lifecycle.none')}</Paragraph>
            ) : (
              <ul className="cw-transition-list">
                {kinds.map((kind) => (
                  <li key={kind}>
                    <Button
                      variant={chosen === kind ? 'primary' : 'secondary'}
                      aria-expanded={chosen === kind}
                      aria-controls={chosen === kind ? 'case-transition-form' : undefined}
                      onClick={() => setChosen(chosen === kind ? null : kind)}
                    >
                      {t(`cases.lifecycle.kinds.${kind}`)}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            {chosen && kinds.includes(chosen) && (
              <TransitionForm
                key={chosen}
                detail={detail}
                kind={chosen}
                onCancel={() => setChosen(null)}
                onDone={async (phase) => {
                  setChosen(null);
                  await reload();
                  notify(t('cases.lifecycle.done', { phase: t(`caseLabels.phases.${phase}`) }));
                }}
                reload={reload}
              />
            )}
          </Section>
          <EscalationForm detail={detail} reload={reload} notify={notify} />
        </>
      )}
    </Section>
  );
}

function TransitionForm({
  detail,
  kind,
  onCancel,
  onDone,
  reload,
}: {
  detail: CaseDetail;
  kind: TransitionKind;
  onCancel: () => void;
  onDone: (phase: Phase) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const needsReason = kind === 'close_provisionally' || kind === 'close_definitively' || kind === 'reopen';
  const [reason, setReason] = useState('');
  const [revisitOn, setRevisitOn] = useState('');
  const [to, setTo] = useState<'execution' | 'monitoring' | ''>('');
  const [retentionDecision, setRetentionDecision] = useState<RetentionDecision | ''>('');
  const [retentionReasons, setRetentionReasons] = useState('');
  const [retentionMonths, setRetentionMonths] = useState('');
  const closing = kind === 'close_definitively';
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fields: FieldSpec[] = [
    { name: 'reason', id: fieldId('transition', 'reason'), label: t('cases.lifecycle.reason') },
    { name: 'revisitOn', id: fieldId('transition', 'revisitOn'), label: t('cases.lifecycle.revisitOn') },
    { name: 'to', id: fieldId('transition', 'to'), label: t('cases.lifecycle.reopenTo') },
    {
      name: 'retentionDecision',
      id: fieldId('transition', 'retentionDecision'),
      label: t('cases.lifecycle.retentionDecision'),
    },
    {
      name: 'retentionReasons',
      id: fieldId('transition', 'retentionReasons'),
      label: t('cases.lifecycle.retentionReasons'),
    },
    {
      name: 'retentionMonths',
      id: fieldId('transition', 'retentionMonths'),
      label: t('cases.lifecycle.retentionMonths'),
    },
  ];
  const [reasonSpec, revisitSpec, toSpec, decisionSpec, reasonsSpec, monthsSpec] = fields as [
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
  ];
  const label = t(`cases.lifecycle.kinds.${kind}`);

  // The form appears after a button press: bring the keyboard there.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (needsReason) requireText(found, reasonSpec, reason, t);
    if (kind === 'close_provisionally') requireText(found, revisitSpec, revisitOn, t);
    if (kind === 'reopen') requireText(found, toSpec, to, t, 'errors.requiredChoice');
    if (closing) {
      requireText(found, decisionSpec, retentionDecision, t, 'errors.requiredChoice');
      requireText(found, reasonsSpec, retentionReasons, t);
      if (retentionDecision === 'shorten') requireText(found, monthsSpec, retentionMonths, t);
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const saved = await transitionCase(detail.id, {
        kind,
        version: detail.version,
        ...(needsReason ? { reason: reason.trim() } : {}),
        ...(kind === 'close_provisionally' ? { revisitOn } : {}),
        ...(kind === 'reopen' && to ? { to } : {}),
        ...(closing
          ? {
              retentionDecision: retentionDecision as RetentionDecision,
              retentionReasons: retentionReasons.trim(),
              ...(retentionDecision === 'shorten' ? { retentionMonths: Number(retentionMonths) } : {}),
            }
          : {}),
      });
      clear();
      await onDone(saved.phase);
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="case-transition-form" className="schakel-form schakel-narrow cw-panel" noValidate onSubmit={submit}>
      <Heading level={4} ref={headingRef} tabIndex={-1}>
        {label}
      </Heading>
      <Paragraph>{t(`cases.lifecycle.kindHints.${kind}`)}</Paragraph>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {needsReason && (
        <TextAreaField
          spec={reasonSpec}
          required
          rows={3}
          value={reason}
          onValue={setReason}
          error={errors.fields.reason}
        />
      )}
      {kind === 'close_provisionally' && (
        <TextField
          spec={revisitSpec}
          required
          type="date"
          hint={t('cases.lifecycle.revisitHint')}
          min={daysFromToday(1)}
          value={revisitOn}
          onValue={setRevisitOn}
          error={errors.fields.revisitOn}
        />
      )}
      {kind === 'reopen' && (
        <RadioGroupField
          spec={toSpec}
          value={to}
          onValue={(v) => setTo(v as 'execution' | 'monitoring')}
          options={(['execution', 'monitoring'] as const).map((p) => ({
            value: p,
            label: t(`caseLabels.phases.${p}`),
          }))}
          error={errors.fields.to}
        />
      )}
      {closing && (
        <>
          <RadioGroupField
            spec={decisionSpec}
            hint={t('cases.lifecycle.retentionHint')}
            value={retentionDecision}
            onValue={(v) => setRetentionDecision(v as RetentionDecision)}
            options={RETENTION_DECISIONS.map((d) => ({ value: d, label: t(`caseLabels.retentionDecisions.${d}`) }))}
            error={errors.fields.retentionDecision}
          />
          {retentionDecision === 'shorten' && (
            <TextField
              spec={monthsSpec}
              required
              inputMode="numeric"
              value={retentionMonths}
              onValue={setRetentionMonths}
              error={errors.fields.retentionMonths}
            />
          )}
          <TextAreaField
            spec={reasonsSpec}
            required
            rows={3}
            value={retentionReasons}
            onValue={setRetentionReasons}
            error={errors.fields.retentionReasons}
          />
        </>
      )}
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('cases.lifecycle.confirm', { kind: label })}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        {errors.general.length > 0 && (
          <Button variant="tertiary" onClick={() => void reload()}>
            {t('common.reload')}
          </Button>
        )}
      </FormActions>
    </form>
  );
}

function EscalationForm({ detail, reload, notify }: CaseSectionProps) {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<'up' | 'down' | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'direction', id: fieldId('escalation', 'direction'), label: t('cases.lifecycle.direction') },
    { name: 'reason', id: fieldId('escalation', 'reason'), label: t('cases.lifecycle.reason') },
  ];
  const [directionSpec, reasonSpec] = fields as [FieldSpec, FieldSpec];
  const index = ESCALATION_LEVELS.indexOf(detail.escalationLevel);
  const up = detail.allowedEscalations.includes('up') ? ESCALATION_LEVELS[index + 1] : undefined;
  const down = detail.allowedEscalations.includes('down') ? ESCALATION_LEVELS[index - 1] : undefined;
  const open = detail.allowedEscalations.length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, directionSpec, direction, t, 'errors.requiredChoice');
    requireText(found, reasonSpec, reason, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const saved = await escalateCase(detail.id, {
        direction: direction as 'up' | 'down',
        reason: reason.trim(),
        version: detail.version,
      });
      clear();
      setDirection('');
      setReason('');
      await reload();
      notify(t('cases.lifecycle.escalated', { level: t(`caseLabels.escalationLevels.${saved.escalationLevel}`) }));
    } catch (error) {
      fail(caseProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section
      id="case-escalation"
      level={3}
      title={t('cases.lifecycle.escalate')}
      intro={t('cases.lifecycle.escalateHint')}
    >
      {!open ? (
        <Paragraph>{t('cases.lifecycle.notOpen')}</Paragraph>
      ) : (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <RadioGroupField
            spec={directionSpec}
            value={direction}
            onValue={(v) => setDirection(v as 'up' | 'down')}
            options={[
              ...(up
                ? [
                    {
                      value: 'up',
                      label: t('cases.lifecycle.up', { level: t(`caseLabels.escalationLevels.${up}`).toLowerCase() }),
                    },
                  ]
                : []),
              ...(down
                ? [
                    {
                      value: 'down',
                      label: t('cases.lifecycle.down', {
                        level: t(`caseLabels.escalationLevels.${down}`).toLowerCase(),
                      }),
                    },
                  ]
                : []),
            ]}
            error={errors.fields.direction}
          />
          <TextAreaField
            spec={reasonSpec}
            required
            rows={3}
            value={reason}
            onValue={setReason}
            error={errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('cases.lifecycle.escalateSubmit')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}
