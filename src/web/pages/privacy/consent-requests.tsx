/**
 * The privacy contact's page: consent requests addressed to its own organisation, each with only the
 * item asked about and the deadline, and a decision with a reason. The API shows nothing else of the
 * file (need-to-know in its query); this page does not ask for more.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { type ConsentRequest, decideConsent, listConsentRequests } from '../../api/privacy.js';
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
  useFormErrors,
} from '../../components/form.js';
import { LoadError, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { usePageTitle } from '../../lib/page.js';
import { useLoad } from '../../lib/use-load.js';
import { StaleNotice } from '../admin/stale.js';
import { nestedProblemToErrors } from './shared.js';

export function ConsentRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('privacyPages.consent.title'));
  const loaded = useLoad(() => listConsentRequests(), []);
  const [message, setMessage] = useState<string | null>(null);
  const items = loaded.data?.items ?? [];
  const pending = items.filter((r) => r.status === 'pending');
  const decided = items.filter((r) => r.status !== 'pending');
  return (
    <>
      <PageHeader title={t('privacyPages.consent.title')} intro={t('privacyPages.consent.intro')} />
      {message && (
        <Paragraph role="status">
          <strong>{message}</strong>
        </Paragraph>
      )}
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!loaded.data && loaded.loading && <Loading />}
      {loaded.data && items.length === 0 && <Paragraph>{t('privacyPages.consent.empty')}</Paragraph>}
      {pending.length > 0 && (
        <section className="schakel-section" aria-labelledby="consent-pending">
          <Heading level={2} id="consent-pending">
            {t('privacyPages.consent.pending')}
          </Heading>
          {pending.map((r) => (
            <ConsentCard
              key={r.id}
              request={r}
              onDecided={async () => {
                await loaded.reload();
                setMessage(t('privacyPages.consent.saved'));
              }}
            />
          ))}
        </section>
      )}
      {decided.length > 0 && (
        <section className="schakel-section" aria-labelledby="consent-decided">
          <Heading level={2} id="consent-decided">
            {t('privacyPages.consent.decided')}
          </Heading>
          {decided.map((r) => (
            <ConsentCard key={r.id} request={r} onDecided={async () => {}} />
          ))}
        </section>
      )}
    </>
  );
}

function ConsentCard({ request: r, onDecided }: { request: ConsentRequest; onDecided: () => Promise<void> }) {
  const { t } = useTranslation();
  const headingId = `consent-${r.id.slice(0, 8)}`;
  return (
    <article className="pv-item" aria-labelledby={headingId}>
      <Heading level={3} size="level-4" id={headingId}>
        {r.item.title}
      </Heading>
      <DescriptionList termsWidth="narrow" className="pv-item__facts">
        <DescriptionList.Term>{t('privacyPages.consent.regime')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`privacyPages.regimes.${r.item.legalRegime}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.sar.recordedAt')}</DescriptionList.Term>
        <DescriptionList.Description>
          {r.item.recordedAt ? formatDateTime(r.item.recordedAt) : t('privacyPages.sar.unknown')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.consent.item')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t('privacyPages.consent.askedBy', {
            name: r.requestedBy.name,
            date: formatDate(r.requestedAt.slice(0, 10)),
          })}
          {' · '}
          <strong>{t('privacyPages.consent.dueOn', { date: formatDate(r.dueOn) })}</strong>
        </DescriptionList.Description>
        {r.message && (
          <>
            <DescriptionList.Term>{t('privacyPages.consent.message')}</DescriptionList.Term>
            <DescriptionList.Description>{r.message}</DescriptionList.Description>
          </>
        )}
      </DescriptionList>
      <div className="pv-item__content">{r.item.content}</div>
      {r.status !== 'pending' && r.decidedBy && r.decidedAt && (
        <Paragraph>
          {t('privacyPages.consent.decidedBy', {
            status: t(`privacyPages.sar.consentStatuses.${r.status}`),
            name: r.decidedBy.name,
            date: formatDate(r.decidedAt.slice(0, 10)),
            reason: r.reason ?? '',
          })}
        </Paragraph>
      )}
      {r.canDecide && <DecisionForm request={r} formId={headingId} onDecided={onDecided} />}
    </article>
  );
}

function DecisionForm({
  request,
  formId,
  onDecided,
}: {
  request: ConsentRequest;
  formId: string;
  onDecided: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'granted' | 'refused' | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const decisionSpec: FieldSpec = {
    name: 'decision',
    id: fieldId(formId, 'decision'),
    label: t('privacyPages.consent.decision'),
  };
  const reasonSpec: FieldSpec = {
    name: 'reason',
    id: fieldId(formId, 'reason'),
    label: t('privacyPages.consent.reason'),
  };
  const fields = [decisionSpec, reasonSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, decisionSpec, decision, t, 'errors.requiredChoice');
    requireText(found, reasonSpec, reason, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await decideConsent(request.id, {
        decision: decision as 'granted' | 'refused',
        reason: reason.trim(),
        version: request.version,
      });
      clear();
      await onDecided();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form pv-item__form" noValidate onSubmit={submit} aria-labelledby={formId}>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {stale && <StaleNotice onReload={() => void onDecided()} />}
      <RadioGroupField
        spec={decisionSpec}
        value={decision}
        onValue={(v) => setDecision(v as 'granted' | 'refused')}
        options={(['granted', 'refused'] as const).map((d) => ({
          value: d,
          label: t(`privacyPages.consent.decisions.${d}`),
        }))}
        error={errors.fields.decision}
      />
      <TextAreaField
        spec={reasonSpec}
        required
        rows={3}
        hint={t('privacyPages.consent.reasonHint')}
        value={reason}
        onValue={setReason}
        maxLength={4000}
        error={errors.fields.reason}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('privacyPages.consent.submit')}
        </Button>
      </FormActions>
    </form>
  );
}
