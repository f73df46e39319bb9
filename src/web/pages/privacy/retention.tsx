/**
 * Retention (issue 4 part 4): the terms per record type and closing type with their documented
 * defaults and sources (the administrator changes them), the dry-run preview of what the next run
 * would destroy — counts and references only, never personal data — the legal holds that keep data
 * from destruction, and the history of the retention job's runs.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import {
  type DueRecord,
  listRetentionRuns,
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
import { LegalHoldsSection } from './legal-holds.js';
import { codeLabel, nestedProblemToErrors } from './shared.js';

export function RetentionPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canEdit = session.me?.user.role === 'admin';
  const terms = useLoad(() => listRetentionTerms().then((r) => r.items), []);
  const [editing, setEditing] = useState<TermKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [holdCase, setHoldCase] = useState<DueRecord | null>(null);
  const [holdsChanged, setHoldsChanged] = useState(0);
  const termName = (key: TermKey) => codeLabel('retention.termNames', key);

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
                <Th align="end">{t('privacyPages.retention.term')}</Th>
                <Th>{t('privacyPages.retention.source')}</Th>
                {canEdit && <Th>{t('common.actions')}</Th>}
              </>
            }
          >
            {terms.data.map((term) => (
              <Tr key={term.key}>
                <Td>
                  {codeLabel('retention.recordTypes', term.recordType)}
                  <span className="pv-aside pv-block">{codeLabel('retention.closingTypes', term.closingType)}</span>
                </Td>
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
                    <span className="pv-aside pv-block">
                      {t('privacyPages.retention.defaultWas', {
                        term: t('privacyPages.retention.months', { count: term.defaultTermMonths }),
                        source: term.defaultSource,
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
                      <span className="schakel-visually-hidden"> {termName(term.key)}</span>
                    </Button>
                  </Td>
                )}
              </Tr>
            ))}
          </DataTable>
        )}
        <Paragraph size="small">{t('privacyPages.retention.docsNote')}</Paragraph>
        {canEdit && editing && terms.data && (
          <TermForm
            key={editing}
            name={termName(editing)}
            term={terms.data.find((x) => x.key === editing) as RetentionTerm}
            onCancel={() => setEditing(null)}
            onReload={() => void terms.reload()}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(t('privacyPages.retention.saved', { name: termName(saved.key) }));
              void terms.reload();
            }}
          />
        )}
      </section>
      <PreviewSection onHoldCase={setHoldCase} refresh={holdsChanged} />
      <LegalHoldsSection
        prefillCase={holdCase}
        onPrefillUsed={() => setHoldCase(null)}
        onChanged={() => setHoldsChanged((n) => n + 1)}
      />
      <RunsSection />
    </>
  );
}

function TermForm({
  term,
  name,
  onCancel,
  onSaved,
  onReload,
}: {
  term: RetentionTerm;
  name: string;
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
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
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
      <Paragraph size="small">
        {t('privacyPages.retention.defaultIs', {
          term: t('privacyPages.retention.months', { count: term.defaultTermMonths }),
          source: term.defaultSource,
        })}
      </Paragraph>
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

function PreviewSection({ onHoldCase, refresh }: { onHoldCase: (c: DueRecord) => void; refresh: number }) {
  const { t } = useTranslation();
  const preview = useLoad(() => retentionPreview(), [refresh]);
  const p = preview.data;
  const counts = p
    ? ([
        ['cases', p.cases.length],
        ['signals', p.signals.length],
        ['persons', p.persons],
        ['keyFigures', p.keyFigures],
        ['trainingParticipants', p.trainingParticipants],
        ['newsletterSubscribers', p.newsletterSubscribers],
        ['accessLogEntries', p.accessLogEntries],
      ] as const)
    : [];
  const held = p
    ? ([
        ['casesOnLegalHold', p.casesOnLegalHold],
        ['signalsOnLegalHold', p.signalsOnLegalHold],
        ['personsOnLegalHold', p.personsOnLegalHold],
      ] as const)
    : [];
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
          <DataTable
            caption={t('privacyPages.retention.previewCounts')}
            head={
              <>
                <Th>{t('privacyPages.retention.what')}</Th>
                <Th align="end">{t('privacyPages.retention.count')}</Th>
              </>
            }
          >
            {counts.map(([key, n]) => (
              <Tr key={key}>
                <Td>{t(`privacyPages.retention.due.${key}`)}</Td>
                <Td align="end">{formatNumber(n)}</Td>
              </Tr>
            ))}
            {held.map(([key, n]) => (
              <Tr key={key}>
                <Td>{t(`privacyPages.retention.due.${key}`)}</Td>
                <Td align="end">{formatNumber(n)}</Td>
              </Tr>
            ))}
          </DataTable>
          <Paragraph size="small">
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
                  <Th>{t('common.actions')}</Th>
                </>
              }
            >
              {p.cases.map((c) => (
                <Tr key={`case-${c.id}`}>
                  <Td>{codeLabel('retention.recordTypes', 'case')}</Td>
                  <Td>{c.reference}</Td>
                  <Td>{formatDate(c.closedAt)}</Td>
                  <Td>
                    <Button variant="tertiary" onClick={() => onHoldCase(c)}>
                      {t('privacyPages.holds.holdThis')}
                      <span className="schakel-visually-hidden"> {c.reference}</span>
                    </Button>
                  </Td>
                </Tr>
              ))}
              {p.signals.map((s) => (
                <Tr key={`signal-${s.id}`}>
                  <Td>{codeLabel('retention.recordTypes', 'signal')}</Td>
                  <Td>{s.reference}</Td>
                  <Td>{formatDate(s.closedAt)}</Td>
                  <Td>{t('common.none')}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}

function RunsSection() {
  const { t } = useTranslation();
  const runs = useLoad(() => listRetentionRuns({ limit: 30 }).then((r) => r.items), []);
  return (
    <section className="schakel-section" aria-labelledby="retention-runs">
      <Heading level={2} id="retention-runs">
        {t('privacyPages.retention.runsHeading')}
      </Heading>
      <Paragraph>{t('privacyPages.retention.runsIntro')}</Paragraph>
      {runs.error !== null && <LoadError error={runs.error} onRetry={() => void runs.reload()} />}
      {runs.loading && !runs.data && <Loading />}
      {runs.data && runs.data.length === 0 && <Paragraph>{t('privacyPages.retention.noRuns')}</Paragraph>}
      {runs.data && runs.data.length > 0 && (
        <DataTable
          caption={t('privacyPages.retention.runsCaption')}
          head={
            <>
              <Th>{t('privacyPages.retention.period')}</Th>
              <Th>{t('privacyPages.retention.finished')}</Th>
              <Th align="end">{t('privacyPages.retention.runCases')}</Th>
              <Th align="end">{t('privacyPages.retention.runSignals')}</Th>
              <Th align="end">{t('privacyPages.retention.runPersons')}</Th>
              <Th align="end">{t('privacyPages.retention.runOther')}</Th>
              <Th align="end">{t('privacyPages.retention.runKept')}</Th>
              <Th>{t('privacyPages.retention.runProblems')}</Th>
            </>
          }
        >
          {runs.data.map((r) => {
            const c = r.counts;
            const other = c
              ? c.keyFigures + c.trainingParticipants + c.newsletterSubscribers + c.accessLogEntries
              : null;
            return (
              <Tr key={r.period}>
                <Td>{formatDate(r.period)}</Td>
                <Td>
                  {r.finishedAt ? (
                    formatDateTime(r.finishedAt)
                  ) : (
                    <Badge color="orange" label={t('privacyPages.retention.notFinished')} />
                  )}
                </Td>
                <Td align="end">{c ? formatNumber(c.cases) : t('common.none')}</Td>
                <Td align="end">{c ? formatNumber(c.signals) : t('common.none')}</Td>
                <Td align="end">{c ? formatNumber(c.persons) : t('common.none')}</Td>
                <Td align="end">{other === null ? t('common.none') : formatNumber(other)}</Td>
                <Td align="end">{c ? formatNumber(c.keptOnLegalHold) : t('common.none')}</Td>
                <Td>
                  {c && c.failed > 0 && (
                    <Badge color="red" label={t('privacyPages.retention.failed', { count: c.failed })} />
                  )}{' '}
                  {c && c.refused > 0 && t('privacyPages.retention.refused', { count: c.refused })}
                  {c && c.failed === 0 && c.refused === 0 && t('common.none')}
                </Td>
              </Tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}
