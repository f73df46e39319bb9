/**
 * Building blocks shared by the case, case-conference and plan pages: labels for the domain's codes,
 * the way partner information is shown (source, legal regime, scope, police/OM marking), removal with
 * a reason, and the error handling of lifecycle conflicts.
 */
import './casework.css';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalRegime, Scope } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { Badge, Button, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldSpec,
  FormActions,
  type FormErrors,
  fieldId,
  problemToErrors,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import { formatDateTime } from '../../lib/format.js';

/** Today's date (yyyy-mm-dd) in the Netherlands. */
export function todayIso(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}

/** The date `days` after today (yyyy-mm-dd). */
export function daysFromToday(days: number): string {
  const d = new Date(`${todayIso()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * problem+json → form errors, with Dutch/English sentences for the lifecycle conflicts (409) that the
 * API explains in English only.
 */
export function caseProblemToErrors(error: unknown, fields: FieldSpec[], t: TFunction): FormErrors {
  const result = problemToErrors(error, fields, t);
  if (error instanceof ApiError && (error.problem.errors?.length ?? 0) === 0) {
    if (error.code === 'ILLEGAL_TRANSITION') return { fields: {}, general: [t('caseErrors.illegalTransition')] };
    if (error.code === 'CONFLICT') return { fields: {}, general: [t('caseErrors.conflict')] };
  }
  return result;
}

/** A section of a page with its own h2 (or h3) heading, named by that heading. */
export function Section({
  id,
  title,
  level = 2,
  intro,
  children,
}: {
  id: string;
  title: string;
  level?: 2 | 3;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="schakel-section cw-section" aria-labelledby={id}>
      <Heading level={level} id={id}>
        {title}
      </Heading>
      {intro && <Paragraph>{intro}</Paragraph>}
      {children}
    </section>
  );
}

/** The marking of one piece of partner information: source, legal regime, scope, police/OM. */
export function InformationLabels({
  organisation,
  legalRegime,
  legalRegimeReason,
  scope,
  policeOrProsecution,
}: {
  organisation: string;
  legalRegime: LegalRegime;
  /** Why a weaker regime than the organisation's default (issue 8). */
  legalRegimeReason?: string | null;
  scope: Scope;
  policeOrProsecution: boolean;
}) {
  const { t } = useTranslation();
  return (
    <dl className="cw-info-labels">
      <div>
        <dt>{t('cases.information.sourceLabel')}</dt>
        <dd>{organisation}</dd>
      </div>
      <div>
        <dt>{t('cases.information.regimeLabel')}</dt>
        <dd>{t(`caseLabels.legalRegimes.${legalRegime}`)}</dd>
      </div>
      {legalRegimeReason && (
        <div>
          <dt>{t('cases.information.regimeReasonLabel')}</dt>
          <dd>{legalRegimeReason}</dd>
        </div>
      )}
      <div>
        <dt>{t('cases.information.scopeLabel')}</dt>
        <dd>{t(`caseLabels.scopes.${scope}`)}</dd>
      </div>
      {policeOrProsecution && (
        <div className="cw-info-labels__police">
          <dt className="schakel-visually-hidden">{t('caseLabels.policeOrProsecution')}</dt>
          <dd>
            <Badge label={t('caseLabels.policeOrProsecution')} color="purple" />
          </dd>
        </div>
      )}
    </dl>
  );
}

export interface InformationItem {
  id: string;
  organisation: string;
  legalRegime: LegalRegime;
  legalRegimeReason?: string | null;
  scope: Scope;
  policeOrProsecution: boolean;
  author: string;
  createdAt: string;
  body: string;
  extra?: ReactNode;
}

/** A list of partner information, newest first as the API gives it. */
export function InformationList({ items, label }: { items: InformationItem[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ul className="cw-info-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <article
            className={`cw-info${item.policeOrProsecution ? ' cw-info--police' : ''}`}
            aria-label={t('cases.information.item', { organisation: item.organisation })}
          >
            <InformationLabels
              organisation={item.organisation}
              legalRegime={item.legalRegime}
              legalRegimeReason={item.legalRegimeReason ?? null}
              scope={item.scope}
              policeOrProsecution={item.policeOrProsecution}
            />
            <p className="cw-info__body">{item.body}</p>
            <p className="cw-byline">
              {t('cases.information.byline', { author: item.author, date: formatDateTime(item.createdAt) })}
              {item.extra}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

/**
 * A removal that asks for a reason first: the button opens a small form with the reason and a
 * confirm button; focus goes to the reason field.
 */
export function RemoveWithReason({
  id,
  buttonLabel,
  itemName,
  accessibleLabel,
  onRemove,
}: {
  id: string;
  buttonLabel: string;
  /** Added to the button's name for screen readers (which row it removes). */
  itemName?: string;
  /** The name of the removal form. */
  accessibleLabel: string;
  onRemove: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = { name: 'reason', id: fieldId(id, 'reason'), label: t('cases.participants.reason') };

  if (!open) {
    return (
      <Button
        variant="secondary"
        onClick={() => {
          setOpen(true);
          // Focus the reason field once it is there.
          setTimeout(() => document.getElementById(spec.id)?.focus(), 0);
        }}
      >
        {buttonLabel}
        {itemName && <span className="schakel-visually-hidden"> {itemName}</span>}
      </Button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onRemove(reason.trim());
      clear();
      setOpen(false);
      setReason('');
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form cw-inline-form" noValidate onSubmit={submit} aria-label={accessibleLabel}>
      <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
      <TextAreaField
        spec={spec}
        optional
        hint={t('cases.removal.reasonHint')}
        rows={2}
        value={reason}
        onValue={setReason}
        error={errors.fields.reason}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('cases.participants.confirmRemoval')}
        </Button>
        <Button variant="tertiary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

/** A success message announced to screen readers, shown until the next one. */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <div className="cw-status" role="status">
      {message && (
        <Paragraph className="cw-status__text">
          <span aria-hidden="true">✓ </span>
          {message}
        </Paragraph>
      )}
    </div>
  );
}

/** The "Te laat" marker next to a date. */
export function OverdueMarker() {
  const { t } = useTranslation();
  return <Badge label={t('caseLabels.overdue')} color="red" className="cw-overdue" />;
}
