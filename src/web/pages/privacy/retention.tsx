/**
 * Retention (issue 4 part 4): the terms per record type and closing type with their documented
 * defaults and sources (the administrator changes them), and the dry-run preview of what the next
 * run would destroy — counts and references only, never personal data.
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import {
  listRetentionTerms,
  type RetentionTerm,
  retentionPreview,
  type TermKey,
  updateRetentionTerm,
} from '../../api/privacy.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { StaleNotice } from '../admin/stale.js';
import { nestedProblemToErrors } from './shared.js';

/**
 * The documented defaults, as in src/modules/privacy/retention.ts (DEFAULT_TERMS) and docs/privacy.md;
 * shown next to a term the region has changed, so the deviation stays visible.
 */
export const DOCUMENTED_DEFAULTS: Record<TermKey, { termMonths: number; source: string }> = {
  'case-definitive': {
    termMonths: 60,
    source: 'Modelconvenant 2017: vijf jaar na definitieve afsluiting van de casus',
  },
  'signal-no-case': {
    termMonths: 12,
    source: 'Kortere termijn voor signalen zonder casus: één jaar na het triagebesluit',
  },
};

export function RetentionPage({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const canEdit = session.me?.user.role === 'admin';
  const terms = useLoad(() => listRetentionTerms().then((r) => r.items), []);
  const [editing, setEditing] = useState<TermKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t('privacyPages.retention.title')}
        intro={
          canEdit ? t('privacyPages.retention.intro') : `${t('privacyPages.retention.intro')} ${t('common.readOnly')}`
        }
      />
      {notice && <Notice severity="success" heading={notice} live />}
      <section className="schakel-section" aria-labelledby="retention-terms">
        <Heading level={2} id="retention-terms">
          {t('privacyPages.retention.termsHeading')}
        </Heading>
        {terms.error !== null && <LoadError error={terms.error} onRetry={() => void terms.reload()} />}
        {terms.loading && !terms.data && <Loading />}
        {terms.data && (
          <DataTable
            caption={t('privacyPages.retention.termsCaption')}
            captionHidden
            head={
              <>
                <Th>{t('privacyPages.retention.recordType')}</Th>
                <Th>{t('privacyPages.retention.closingType')}</Th>
                <Th align="end">{t('privacyPages.retention.term')}</Th>
                <Th>{t('privacyPages.retention.source')}</Th>
                {canEdit && <Th>{t('common.actions')}</Th>}
              </>
            }
          >
            {terms.data.map((term) => {
              const d = DOCUMENTED_DEFAULTS[term.key];
              return (
                <Tr key={term.key}>
                  <Td>{t(`privacyPages.retention.recordTypes.${term.recordType}`)}</Td>
                  <Td>{t(`privacyPages.retention.closingTypes.${term.closingType}`)}</Td>
                  <Td align="end">
                    <span className="schakel-nowrap">
                      {t('privacyPages.retention.months', { count: term.termMonths })}
                    </span>
                  </Td>
                  <Td>
                    {term.source}{' '}
                    {term.isDefault ? (
                      <Badge color="azure" label={t('privacyPages.retention.default')} />
                    ) : (
                      <span className="pv-aside">
                        {t('privacyPages.retention.defaultWas', {
                          term: t('privacyPages.retention.months', { count: d.termMonths }),
                          source: d.source,
                        })}
                      </span>
                    )}
                  </Td>
                  {canEdit && (
                    <Td>
                      <Button
                        variant="tertiary"
                        onClick={() => {
                          setNotice(null);
                          setEditing(term.key);
                        }}
                      >
                        {t('common.edit')}
                        <span className="schakel-visually-hidden">
                          {' '}
                          {t(`privacyPages.retention.termNames.${term.key}`)}
                        </span>
                      </Button>
                    </Td>
                  )}
                </Tr>
              );
            })}
          </DataTable>
        )}
        <Paragraph size="small">{t('privacyPages.retention.docsNote')}</Paragraph>
        {canEdit && editing && terms.data && (
          <TermForm
            key={editing}
            term={terms.data.find((x) => x.key === editing) as RetentionTerm}
            onCancel={() => setEditing(null)}
            onReload={() => void terms.reload()}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(
                t('privacyPages.retention.saved', { name: t(`privacyPages.retention.termNames.${saved.key}`) }),
              );
              void terms.reload();
            }}
          />
        )}
      </section>
      <PreviewSection />
      {extra}
    </>
  );
}

function TermForm({
  term,
  onCancel,
  onSaved,
  onReload,
}: {
  term: RetentionTerm;
  onCancel: () => void;
  onSaved: (term: RetentionTerm) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [months, setMonths] = useState(String(term.termMonths));
  const [source, setSource] = useState(term.source);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const monthsSpec: FieldSpec = {
    name: 'termMonths',
    id: fieldId('retention', 'termMonths'),
    label: t('privacyPages.retention.termMonths'),
  };
  const sourceSpec: FieldSpec = {
    name: 'source',
    id: fieldId('retention', 'source'),
    label: t('privacyPages.retention.source'),
  };
  const fields = [monthsSpec, sourceSpec];
  const name = t(`privacyPages.retention.termNames.${term.key}`);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    const n = Number(months);
    if (!/^\d+$/.test(months.trim()) || n < 1 || n > 1200) found.termMonths = t('privacyPages.retention.monthsRange');
    requireText(found, sourceSpec, source, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const saved = await updateRetentionTerm(term.key, {
        termMonths: n,
        source: source.trim(),
        version: term.version,
      });
      clear();
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, fields, t));
      setBusy(false);
    }
  }

  return (
    <form
      className="schakel-form schakel-narrow pv-panel"
      noValidate
      onSubmit={submit}
      aria-labelledby="retention-edit"
    >
      <Heading level={3} id="retention-edit" tabIndex={-1} ref={heading}>
        {t('privacyPages.retention.editTitle', { name })}
      </Heading>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      {stale && <StaleNotice onReload={onReload} />}
      <TextField
        spec={monthsSpec}
        required
        inputMode="numeric"
        hint={t('privacyPages.retention.termMonthsHint')}
        value={months}
        onValue={setMonths}
        error={errors.fields.termMonths}
      />
      <TextAreaField
        spec={sourceSpec}
        required
        rows={3}
        hint={t('privacyPages.retention.sourceHint')}
        value={source}
        onValue={setSource}
        maxLength={1000}
        error={errors.fields.source}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('common.save')}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

function PreviewSection() {
  const { t } = useTranslation();
  const preview = useLoad(() => retentionPreview(), []);
  const p = preview.data;
  return (
    <section className="schakel-section" aria-labelledby="retention-preview">
      <Heading level={2} id="retention-preview">
        {t('privacyPages.retention.previewHeading')}
      </Heading>
      <Paragraph>{t('privacyPages.retention.previewIntro')}</Paragraph>
      {preview.error !== null && <LoadError error={preview.error} onRetry={() => void preview.reload()} />}
      {preview.loading && !p && <Loading />}
      {p && (
        <>
          <ul className="pv-counts" aria-label={t('privacyPages.retention.previewCounts')}>
            <li>
              <strong>{formatNumber(p.cases.length)}</strong>{' '}
              {t('privacyPages.retention.casesDue', { count: p.cases.length })}
            </li>
            <li>
              <strong>{formatNumber(p.signals.length)}</strong>{' '}
              {t('privacyPages.retention.signalsDue', { count: p.signals.length })}
            </li>
            <li>
              <strong>{formatNumber(p.casesOnLegalHold)}</strong>{' '}
              {t('privacyPages.retention.onHold', { count: p.casesOnLegalHold })}
            </li>
          </ul>
          <Paragraph size="small" role="status">
            {t('privacyPages.retention.previewedAt', { at: formatDateTime(p.previewedAt) })}{' '}
            <Button variant="tertiary" onClick={() => void preview.reload()} disabled={preview.loading}>
              {t('privacyPages.retention.refresh')}
            </Button>
          </Paragraph>
          {p.cases.length + p.signals.length > 0 && (
            <DataTable
              caption={t('privacyPages.retention.previewCaption')}
              head={
                <>
                  <Th>{t('privacyPages.retention.recordType')}</Th>
                  <Th>{t('privacyPages.retention.reference')}</Th>
                  <Th>{t('privacyPages.retention.closedAt')}</Th>
                </>
              }
            >
              {[
                ...p.cases.map((c) => ({ ...c, type: 'case' as const })),
                ...p.signals.map((s) => ({ ...s, type: 'signal' as const })),
              ].map((r) => (
                <Tr key={`${r.type}-${r.id}`}>
                  <Td>{t(`privacyPages.retention.recordTypes.${r.type}`)}</Td>
                  <Td>{r.reference}</Td>
                  <Td>{formatDate(r.closedAt)}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
