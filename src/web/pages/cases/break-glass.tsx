/**
 * Break-the-glass on the case page (PRODUCT.md §4, issue 4 part 5): a process director who may not
 * see a case (the page says "not found") can open it in an emergency with a written reason. The
 * access lasts a few hours, is logged and lands in the privacy officer's review queue. Other roles
 * see only "not found", so a case's existence does not leak.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { type BreakGlassGrant, breakGlass } from '../../api/privacy.js';
import { useSession } from '../../auth/session.js';
import { Button, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import { NotFoundPage } from '../not-found.js';
import { nestedProblemToErrors } from '../privacy/shared.js';

/** As the API (break-glass.ts MIN_REASON_LENGTH): a reason that says something. */
const MIN_REASON_LENGTH = 20;

/** "Not found", plus for a process director the emergency-access form. */
export function CaseNotFound({ caseId, onGranted }: { caseId: string; onGranted: (grant: BreakGlassGrant) => void }) {
  const session = useSession();
  const isDirector = session.me?.user.role === 'process_director';
  return (
    <>
      <NotFoundPage />
      {isDirector && <BreakGlassForm caseId={caseId} onGranted={onGranted} />}
    </>
  );
}

function BreakGlassForm({ caseId, onGranted }: { caseId: string; onGranted: (grant: BreakGlassGrant) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const reasonSpec: FieldSpec = {
    name: 'reason',
    id: fieldId('break-glass', 'reason'),
    label: t('privacyPages.caseBreakGlass.reason'),
  };
  // Opening the form puts the cursor in the reason.
  useEffect(() => {
    if (open) document.getElementById(reasonSpec.id)?.focus();
  }, [open, reasonSpec.id]);
  const fields = [
    reasonSpec,
    { name: 'caseId', id: 'break-glass-heading', label: t('privacyPages.caseBreakGlass.title') },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (reason.trim().length < MIN_REASON_LENGTH) {
      found.reason = reason.trim()
        ? t('privacyPages.caseBreakGlass.reasonTooShort', { min: MIN_REASON_LENGTH })
        : t('privacyPages.caseBreakGlass.reasonRequired');
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const grant = await breakGlass({ caseId, reason: reason.trim() });
      clear();
      onGranted(grant);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        fail({ fields: {}, general: [t('privacyPages.caseBreakGlass.noSuchCase')] });
      } else {
        fail(nestedProblemToErrors(error, fields, t));
      }
      setBusy(false);
    }
  }

  return (
    <section className="schakel-narrow schakel-section pv-break-glass" aria-labelledby="break-glass-heading">
      <Heading level={2} id="break-glass-heading" tabIndex={-1}>
        {t('privacyPages.caseBreakGlass.title')}
      </Heading>
      <Paragraph>{t('privacyPages.caseBreakGlass.intro')}</Paragraph>
      {!open ? (
        <div>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('privacyPages.caseBreakGlass.start')}
          </Button>
        </div>
      ) : (
        <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="break-glass-heading">
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <TextAreaField
            spec={reasonSpec}
            required
            rows={4}
            hint={t('privacyPages.caseBreakGlass.reasonHint', { min: MIN_REASON_LENGTH })}
            value={reason}
            onValue={setReason}
            maxLength={4000}
            error={errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('privacyPages.caseBreakGlass.submit')}
            </Button>
            <Button variant="tertiary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}
