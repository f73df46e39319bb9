/**
 * The privacy officer's review queue of break-the-glass use (issue 4 part 5): every emergency access
 * with its written reason, who, which case (its id only — the officer never sees case content) and
 * when; the officer marks each use reviewed with a note.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listOrganisations } from '../../api/endpoints.js';
import { type BreakGlassGrant, listBreakGlass, reviewBreakGlass } from '../../api/privacy.js';
import { Badge, Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
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
import { LoadError, Notice, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { nestedProblemToErrors } from './shared.js';

type Filter = 'unreviewed' | 'all';

export function BreakGlassReviewPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('unreviewed');
  const [notice, setNotice] = useState<string | null>(null);
  const grants = useLoad(async () => {
    const items: BreakGlassGrant[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: { items: BreakGlassGrant[]; nextCursor: string | null } = await listBreakGlass({
        status: filter,
        limit: 200,
        cursor,
      });
      items.push(...result.items);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return items;
  }, [filter]);
  const organisations = useLoad(() => listOrganisations().then((r) => r.items), []);
  const orgName = (id: string | null) =>
    (id && organisations.data?.find((o) => o.id === id)?.name) || t('privacyPages.common.unknown');
  const filterSpec: FieldSpec = { name: 'status', id: 'break-glass-filter', label: t('privacyPages.breakGlass.show') };

  return (
    <>
      <PageHeader title={t('privacyPages.breakGlass.title')} intro={t('privacyPages.breakGlass.intro')} />
      {notice && <Notice severity="success" heading={notice} live />}
      <div className="schakel-filters pv-filter">
        <RadioGroupField
          spec={filterSpec}
          value={filter}
          onValue={(v) => {
            setNotice(null);
            setFilter(v as Filter);
          }}
          options={[
            { value: 'unreviewed', label: t('privacyPages.breakGlass.unreviewed') },
            { value: 'all', label: t('privacyPages.breakGlass.all') },
          ]}
        />
      </div>
      {grants.error !== null && <LoadError error={grants.error} onRetry={() => void grants.reload()} />}
      {grants.loading && !grants.data && <Loading />}
      {grants.data && (
        <>
          <Paragraph role="status">
            {filter === 'unreviewed'
              ? t('privacyPages.breakGlass.countUnreviewed', { count: grants.data.length })
              : t('privacyPages.breakGlass.countAll', { count: grants.data.length })}
          </Paragraph>
          <ol className="pv-items">
            {grants.data.map((g) => (
              <li key={g.id}>
                <GrantCard
                  grant={g}
                  organisation={orgName(g.organisationId)}
                  onReviewed={(reviewed) => {
                    setNotice(
                      t('privacyPages.breakGlass.reviewedNotice', {
                        user: reviewed.userName ?? '',
                        at: formatDateTime(reviewed.grantedAt),
                      }),
                    );
                    void grants.reload();
                  }}
                  onReload={() => void grants.reload()}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

function GrantCard({
  grant,
  organisation,
  onReviewed,
  onReload,
}: {
  grant: BreakGlassGrant;
  organisation: string;
  onReviewed: (grant: BreakGlassGrant) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const headingId = `grant-${grant.id}`;
  const noteSpec: FieldSpec = {
    name: 'note',
    id: fieldId(`grant-${grant.id}`, 'note'),
    label: t('privacyPages.breakGlass.note'),
  };
  const who = grant.userName ?? t('privacyPages.common.unknown');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, noteSpec, note, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const reviewed = await reviewBreakGlass(grant.id, { note: note.trim(), version: grant.version });
      clear();
      onReviewed(reviewed);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, [noteSpec], t));
      setBusy(false);
    }
  }

  return (
    <article className="pv-item" aria-labelledby={headingId}>
      <Heading level={2} size="level-4" id={headingId}>
        {t('privacyPages.breakGlass.cardTitle', { user: who, at: formatDateTime(grant.grantedAt) })}
      </Heading>
      <DescriptionList termsWidth="medium" className="pv-item__facts">
        <DescriptionList.Term>{t('privacyPages.breakGlass.user')}</DescriptionList.Term>
        <DescriptionList.Description>
          {who} ({organisation})
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.breakGlass.case')}</DescriptionList.Term>
        <DescriptionList.Description>
          <span className="schakel-id">{grant.caseId}</span>
          <span className="pv-aside">
            {' '}
            <Link className="ams-link" to={`${paths.accessLog}?caseId=${encodeURIComponent(grant.caseId)}`}>
              {t('privacyPages.breakGlass.caseLog')}
            </Link>
          </span>
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.breakGlass.grantedAt')}</DescriptionList.Term>
        <DescriptionList.Description>{formatDateTime(grant.grantedAt)}</DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.breakGlass.expiresAt')}</DescriptionList.Term>
        <DescriptionList.Description>
          {formatDateTime(grant.expiresAt)}{' '}
          {grant.active ? (
            <Badge color="orange" label={t('privacyPages.breakGlass.active')} />
          ) : (
            <Badge color="azure" label={t('privacyPages.breakGlass.expired')} />
          )}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.breakGlass.reason')}</DescriptionList.Term>
        <DescriptionList.Description className="pv-prewrap">{grant.reason}</DescriptionList.Description>
        {grant.reviewedAt && (
          <>
            <DescriptionList.Term>{t('privacyPages.breakGlass.reviewedAt')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDateTime(grant.reviewedAt)}</DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.breakGlass.note')}</DescriptionList.Term>
            <DescriptionList.Description className="pv-prewrap">{grant.reviewNote}</DescriptionList.Description>
          </>
        )}
      </DescriptionList>
      {!grant.reviewedAt && (
        <form className="schakel-form pv-item__form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <ErrorSummary errors={errors} fields={[noteSpec]} focusSignal={focusSignal} />
          {stale && <StaleNotice onReload={onReload} />}
          <TextAreaField
            spec={noteSpec}
            required
            rows={3}
            hint={t('privacyPages.breakGlass.noteHint')}
            value={note}
            onValue={setNote}
            maxLength={4000}
            error={errors.fields.note}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('privacyPages.breakGlass.markReviewed')}
              <span className="schakel-visually-hidden">
                {' '}
                — {t('privacyPages.breakGlass.cardTitle', { user: who, at: formatDateTime(grant.grantedAt) })}
              </span>
            </Button>
          </FormActions>
        </form>
      )}
    </article>
  );
}
