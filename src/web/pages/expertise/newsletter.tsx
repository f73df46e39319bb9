/**
 * The newsletter (001): twice a year to partners and professionals. Issues are composed as text,
 * previewed as the message will look, sent by the API through the SMTP server of the configuration
 * (one message per subscriber) or exported as HTML or .eml. Subscribers are people with recorded
 * consent: only roles with programme:contacts see them (every read and change logged by the API).
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createIssue,
  createSubscriber,
  deleteSubscriber,
  getIssue,
  getSubscriber,
  issueExportUrl,
  listDeliveries,
  listIssues,
  listSubscribers,
  type NewsletterIssue,
  SUBSCRIBER_KINDS,
  type Subscriber,
  type SubscriberKind,
  sendIssue,
  updateIssue,
  updateSubscriber,
} from '../../api/expertise.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Heading, Paragraph } from '../../components/ams.js';
import { ConfirmBox } from '../../components/confirm.js';
import { Details } from '../../components/details.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  type FormErrors,
  fieldId,
  generalMessage,
  problemToErrors,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { isIsoDate, Section, StatusMessage, todayIso } from './shared.js';

export const issuesBase = `${paths.newsletter}/issues`;
export const subscribersBase = `${paths.newsletter}/subscribers`;
export const issuePath = (id: string) => itemPath(issuesBase, id);
export const issueEditPath = (id: string) => `${issuePath(id)}/edit`;

type T = ReturnType<typeof useTranslation>['t'];

export function periodLabel(period: string, t: T): string {
  const [year, half] = period.split('-');
  return t(half === '1' ? 'expertisePages.newsletter.spring' : 'expertisePages.newsletter.autumn', { year });
}

/** The half years to choose from: last year's to next year's, and the issue's own. */
function periodOptions(current: string, t: T) {
  const year = Number(todayIso().slice(0, 4));
  const values = [year - 1, year, year + 1].flatMap((y) => [`${y}-1`, `${y}-2`]);
  if (current && !values.includes(current)) values.unshift(current);
  return values.map((value) => ({ value, label: periodLabel(value, t) }));
}

// --- Overview ---------------------------------------------------------------------------------------

export function NewsletterPage() {
  const { t } = useTranslation();
  const session = useSession();
  const issues = useLoad(() => listIssues().then((r) => r.items), []);
  const canSeePeople = session.can('programme:contacts');
  return (
    <>
      <PageHeader
        title={t('expertisePages.newsletter.title')}
        intro={t('expertisePages.newsletter.intro')}
        actions={<LinkButton to={newPath(issuesBase)}>{t('expertisePages.newsletter.newIssue')}</LinkButton>}
      />
      <Flash />
      <Section id="newsletter-issues" title={t('expertisePages.newsletter.issues')}>
        {issues.error !== null && <LoadError error={issues.error} onRetry={() => void issues.reload()} />}
        {issues.loading && !issues.data && <Loading />}
        {issues.data && issues.data.length === 0 && <Paragraph>{t('expertisePages.newsletter.noIssues')}</Paragraph>}
        {issues.data && issues.data.length > 0 && (
          <DataTable
            caption={t('expertisePages.newsletter.issuesCaption')}
            captionHidden
            head={
              <>
                <Th>{t('expertisePages.issue.titleLabel')}</Th>
                <Th>{t('expertisePages.issue.period')}</Th>
                <Th>{t('expertisePages.issue.status')}</Th>
                <Th>{t('expertisePages.issue.sentAt')}</Th>
                <Th align="end">{t('expertisePages.issue.delivered')}</Th>
              </>
            }
          >
            {issues.data.map((i) => (
              <Tr key={i.id}>
                <Td>
                  <Link className="ams-link" to={issuePath(i.id)}>
                    {i.title}
                  </Link>
                </Td>
                <Td>{periodLabel(i.period, t)}</Td>
                <Td>
                  <IssueStatus issue={i} />
                </Td>
                <Td>{i.sentAt ? formatDateTime(i.sentAt) : t('common.none')}</Td>
                <Td align="end">{formatNumber(i.deliveries.sent)}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </Section>
      {canSeePeople ? (
        <Subscribers />
      ) : (
        <Section id="newsletter-subscribers" title={t('expertisePages.subscribers.heading')}>
          <Paragraph>{t('expertisePages.subscribers.hidden')}</Paragraph>
        </Section>
      )}
    </>
  );
}

function IssueStatus({ issue }: { issue: NewsletterIssue }) {
  const { t } = useTranslation();
  const label = t(`expertisePages.issue.statuses.${issue.status}`);
  return issue.status === 'sent' ? <Badge label={label} color="azure" /> : <span>{label}</span>;
}

function Subscribers() {
  const { t } = useTranslation();
  const subscribers = useLoad(() => listSubscribers().then((r) => r.items), []);
  const reachable = (subscribers.data ?? []).filter((s) => !s.unsubscribed && s.hasConsent).length;
  return (
    <Section
      id="newsletter-subscribers"
      title={t('expertisePages.subscribers.heading')}
      intro={t('expertisePages.subscribers.intro')}
    >
      <div>
        <LinkButton to={newPath(subscribersBase)} variant="secondary">
          {t('expertisePages.subscribers.add')}
        </LinkButton>
      </div>
      {subscribers.error !== null && <LoadError error={subscribers.error} onRetry={() => void subscribers.reload()} />}
      {subscribers.loading && !subscribers.data && <Loading />}
      {subscribers.data && (
        <>
          <Paragraph>{t('expertisePages.subscribers.reachable', { count: reachable })}</Paragraph>
          <DataTable
            caption={t('expertisePages.subscribers.caption')}
            captionHidden
            head={
              <>
                <Th>{t('expertisePages.subscribers.name')}</Th>
                <Th>{t('expertisePages.subscribers.email')}</Th>
                <Th>{t('expertisePages.subscribers.organisation')}</Th>
                <Th>{t('expertisePages.subscribers.kind')}</Th>
                <Th>{t('expertisePages.subscribers.consent')}</Th>
                <Th>{t('expertisePages.subscribers.status')}</Th>
                <Th>{t('common.actions')}</Th>
              </>
            }
          >
            {subscribers.data.map((s) => (
              <Tr key={s.id}>
                <Td>{s.name}</Td>
                <Td>{s.email}</Td>
                <Td>{s.organisation ?? t('common.none')}</Td>
                <Td>{t(`expertisePages.subscribers.kinds.${s.kind}`)}</Td>
                <Td>
                  {s.hasConsent ? (
                    <>
                      {formatDate(s.consentGivenOn)}
                      <span className="exp-cell-note">{s.consentSource}</span>
                    </>
                  ) : (
                    <Badge label={t('expertisePages.subscribers.noConsent')} color="red" />
                  )}
                </Td>
                <Td>
                  {s.unsubscribed
                    ? t('expertisePages.subscribers.unsubscribedOn', { date: formatDate(s.unsubscribedOn) })
                    : t('expertisePages.subscribers.active')}
                </Td>
                <Td>
                  <Link className="ams-link" to={itemPath(subscribersBase, s.id)}>
                    {t('common.edit')}
                    <span className="schakel-visually-hidden"> {s.name}</span>
                  </Link>
                </Td>
              </Tr>
            ))}
          </DataTable>
        </>
      )}
    </Section>
  );
}

// --- Preview ----------------------------------------------------------------------------------------

/**
 * The issue as the message renders it (src/modules/newsletter/mail.ts): blank lines separate
 * paragraphs, "# " and "## " start headings, lines starting with "- " are list items.
 */
export function IssuePreview({ title, period, body }: { title: string; period: string; body: string }) {
  const { t } = useTranslation();
  const blocks = body.replaceAll('\r\n', '\n').split(/\n\s*\n/);
  const rendered: ReactNode[] = blocks.map((block, index) => {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const key = `${index}-${lines[0] ?? ''}`;
    if (lines.length === 0) return null;
    if (lines.every((l) => /^\s*[-*] /.test(l))) {
      return (
        <ul key={key}>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one block have no identity of their own
            <li key={i}>{l.replace(/^\s*[-*] /, '')}</li>
          ))}
        </ul>
      );
    }
    const first = lines[0] as string;
    if (lines.length === 1 && /^## /.test(first)) {
      return (
        <Heading key={key} level={4}>
          {first.slice(3)}
        </Heading>
      );
    }
    if (lines.length === 1 && /^# /.test(first)) {
      return (
        <Heading key={key} level={3}>
          {first.slice(2)}
        </Heading>
      );
    }
    return (
      <p key={key}>
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one paragraph have no identity of their own
          <span key={i}>
            {i > 0 && <br />}
            {l}
          </span>
        ))}
      </p>
    );
  });
  return (
    <article className="exp-preview" aria-label={t('expertisePages.issue.previewLabel')}>
      <p className="exp-preview__title">{title || t('expertisePages.issue.untitled')}</p>
      <p className="exp-preview__period">{period ? periodLabel(period, t) : ''}</p>
      {rendered}
      <p className="exp-preview__footer">{t('expertisePages.issue.footer')}</p>
    </article>
  );
}

// --- Issue page -----------------------------------------------------------------------------------

export function IssuePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const loaded = useLoad(() => getIssue(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const sending = loaded.data?.status === 'sending';
  const reload = loaded.reload;
  // While the messages go out in the background, the status and counts are read again every second.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new issue (version) starts the next wait
  useEffect(() => {
    if (!sending) return;
    const timer = setTimeout(() => void reload(), 1000);
    return () => clearTimeout(timer);
  }, [sending, reload, loaded.data]);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const issue = loaded.data;
  return (
    <>
      <BackLink to={paths.newsletter}>{t('expertisePages.newsletter.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!issue && loaded.loading && <Loading />}
      {issue && (
        <>
          <PageHeader
            title={issue.title}
            intro={periodLabel(issue.period, t)}
            actions={
              issue.status === 'draft' && (
                <LinkButton to={issueEditPath(issue.id)} variant="secondary">
                  {t('expertisePages.issue.edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          <StatusMessage message={message} />
          <Details
            className="schakel-details exp-details"
            rows={[
              {
                term: t('expertisePages.issue.status'),
                value: <IssueStatus issue={issue} />,
              },
              {
                term: t('expertisePages.issue.sentAt'),
                value: issue.sentAt
                  ? t('expertisePages.issue.sentBy', {
                      date: formatDateTime(issue.sentAt),
                      name: issue.sentByName ?? t('common.none'),
                    })
                  : t('common.none'),
              },
              {
                term: t('expertisePages.issue.delivered'),
                value: t('expertisePages.issue.deliveryCounts', {
                  sent: issue.deliveries.sent,
                  failed: issue.deliveries.failed,
                }),
              },
            ]}
          />
          <Section id="issue-preview" title={t('expertisePages.issue.preview')}>
            <IssuePreview title={issue.title} period={issue.period} body={issue.body} />
          </Section>
          <Section
            id="issue-export"
            title={t('expertisePages.issue.export')}
            intro={t('expertisePages.issue.exportIntro')}
          >
            <ul className="exp-list">
              <li>
                <a className="ams-link" href={issueExportUrl(issue.id, 'html')} download>
                  {t('expertisePages.issue.exportHtml')}
                </a>
              </li>
              <li>
                <a className="ams-link" href={issueExportUrl(issue.id, 'eml')} download>
                  {t('expertisePages.issue.exportEml')}
                </a>
              </li>
            </ul>
          </Section>
          <SendSection
            issue={issue}
            onSent={(text) => {
              setMessage(text);
              void loaded.reload();
            }}
          />
          {session.can('programme:contacts') && issue.status !== 'draft' && <Deliveries issue={issue} />}
        </>
      )}
    </>
  );
}

function sendErrors(error: unknown, t: T): FormErrors {
  if (error instanceof ApiError) {
    const code = error.problem.errors?.[0]?.code;
    if (code === 'no_subscribers') return { fields: {}, general: [t('expertisePages.issue.noRecipients')] };
    if (error.status === 422 && /SMTP/.test(error.problem.detail ?? '')) {
      return { fields: {}, general: [t('expertisePages.issue.notConfigured')] };
    }
    if (error.code === 'CONFLICT') return { fields: {}, general: [t('expertisePages.issue.conflict')] };
  }
  return { fields: {}, general: [generalMessage(error, t)] };
}

function SendSection({ issue, onSent }: { issue: NewsletterIssue; onSent: (message: string) => void }) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  async function send() {
    setBusy(true);
    try {
      const result = await sendIssue(issue.id, issue.version);
      clear();
      setConfirm(false);
      onSent(t('expertisePages.issue.sendStarted', { count: result.recipients }));
    } catch (error) {
      setConfirm(false);
      fail(sendErrors(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section
      id="issue-send"
      title={t('expertisePages.issue.send')}
      intro={issue.status === 'draft' ? t('expertisePages.issue.sendIntro') : t('expertisePages.issue.sendAgainIntro')}
    >
      <ErrorSummary errors={errors} fields={[]} focusSignal={focusSignal} />
      {confirm ? (
        <ConfirmBox
          message={t('expertisePages.issue.confirmSend')}
          confirmLabel={t('expertisePages.issue.confirmSendButton')}
          onConfirm={() => void send()}
          onCancel={() => setConfirm(false)}
          busy={busy}
        />
      ) : (
        <div>
          <Button onClick={() => setConfirm(true)} disabled={busy || issue.status === 'sending'}>
            {issue.status === 'draft'
              ? t('expertisePages.issue.sendButton')
              : t('expertisePages.issue.sendAgainButton')}
          </Button>
        </div>
      )}
    </Section>
  );
}

function Deliveries({ issue }: { issue: NewsletterIssue }) {
  const { t } = useTranslation();
  const deliveries = useLoad(() => listDeliveries(issue.id).then((r) => r.items), [issue.id, issue.version]);
  return (
    <Section id="issue-deliveries" title={t('expertisePages.issue.deliveries')}>
      {deliveries.error !== null && <LoadError error={deliveries.error} onRetry={() => void deliveries.reload()} />}
      {deliveries.data && deliveries.data.length === 0 && (
        <Paragraph>{t('expertisePages.issue.noDeliveries')}</Paragraph>
      )}
      {deliveries.data && deliveries.data.length > 0 && (
        <DataTable
          caption={t('expertisePages.issue.deliveriesCaption')}
          captionHidden
          head={
            <>
              <Th>{t('expertisePages.subscribers.name')}</Th>
              <Th>{t('expertisePages.subscribers.email')}</Th>
              <Th>{t('expertisePages.issue.deliveryStatus')}</Th>
              <Th>{t('expertisePages.issue.attemptedAt')}</Th>
            </>
          }
        >
          {deliveries.data.map((d) => (
            <Tr key={d.id}>
              <Td>{d.subscriberName ?? t('expertisePages.issue.erased')}</Td>
              <Td>{d.email ?? t('common.none')}</Td>
              <Td>
                {d.status === 'sent' ? (
                  t('expertisePages.issue.deliverySent')
                ) : (
                  <>
                    <Badge label={t('expertisePages.issue.deliveryFailed')} color="red" />
                    {d.error && <span className="exp-cell-note">{d.error}</span>}
                  </>
                )}
              </Td>
              <Td>{formatDateTime(d.attemptedAt)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </Section>
  );
}

// --- Composing an issue -------------------------------------------------------------------------------

export function IssueFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(async () => (isNew ? null : await getIssue(id as string)), [id]);
  const [title, setTitle] = useState('');
  const [period, setPeriod] = useState('');
  const [body, setBody] = useState('');
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'title', id: fieldId('issue', 'title'), label: t('expertisePages.issue.titleLabel') },
    { name: 'period', id: fieldId('issue', 'period'), label: t('expertisePages.issue.period') },
    { name: 'body', id: fieldId('issue', 'body'), label: t('expertisePages.issue.body') },
  ];
  const [titleSpec, periodSpec, bodySpec] = fields as [FieldSpec, FieldSpec, FieldSpec];
  const loaded = existing.data ?? null;
  useEffect(() => {
    if (loaded) {
      setTitle(loaded.title);
      setPeriod(loaded.period);
      setBody(loaded.body);
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded, setStale]);

  if (!isNew && existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, titleSpec, title, t);
    requireText(found, periodSpec, period, t, 'errors.requiredChoice');
    requireText(found, bodySpec, body, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const input = { title: title.trim(), period, body };
        const saved = isNew ? await createIssue(input) : await updateIssue(id as string, { ...input, version });
        clear();
        navigate(issuePath(saved.id), {
          state: { notice: isNew ? t('expertisePages.issue.created') : t('common.saved') },
        });
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  const back = isNew ? paths.newsletter : issuePath(id as string);
  return (
    <>
      <BackLink to={back}>{isNew ? t('expertisePages.newsletter.title') : (loaded?.title ?? '')}</BackLink>
      <PageHeader
        title={isNew ? t('expertisePages.issue.newTitle') : t('expertisePages.issue.editTitle')}
        intro={t('expertisePages.issue.composeIntro')}
      />
      {existing.error !== null && <LoadError error={existing.error} onRetry={() => void existing.reload()} />}
      {!isNew && existing.loading && !loaded && <Loading />}
      {!isNew && loaded && loaded.status !== 'draft' && <Paragraph>{t('expertisePages.issue.final')}</Paragraph>}
      {(isNew || loaded?.status === 'draft') && (
        <div className="exp-compose">
          <FormShell
            onSubmit={submit}
            errors={errors}
            fields={fields}
            focusSignal={focusSignal}
            busy={busy}
            submitLabel={isNew ? t('expertisePages.issue.createSubmit') : t('common.save')}
            cancelTo={back}
          >
            {stale && (
              <StaleNotice
                onReload={() => {
                  clear();
                  void existing.reload();
                }}
              />
            )}
            <TextField spec={titleSpec} required value={title} onValue={setTitle} error={errors.fields.title} />
            <SelectField
              spec={periodSpec}
              required
              value={period}
              onValue={setPeriod}
              placeholder={t('common.choose')}
              options={periodOptions(loaded?.period ?? '', t)}
              hint={t('expertisePages.issue.periodHint')}
              error={errors.fields.period}
            />
            <TextAreaField
              spec={bodySpec}
              required
              rows={16}
              value={body}
              onValue={setBody}
              hint={t('expertisePages.issue.bodyHint')}
              error={errors.fields.body}
            />
          </FormShell>
          <Section id="compose-preview" title={t('expertisePages.issue.preview')}>
            <IssuePreview title={title} period={period} body={body} />
          </Section>
        </div>
      )}
    </>
  );
}

// --- Subscribers ---------------------------------------------------------------------------------------

export function SubscriberFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(async () => (isNew ? null : await getSubscriber(id as string)), [id]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [kind, setKind] = useState<SubscriberKind | ''>('');
  const [consentGivenOn, setConsentGivenOn] = useState('');
  const [consentSource, setConsentSource] = useState('');
  const [version, setVersion] = useState(0);
  const [confirmErase, setConfirmErase] = useState(false);
  const { errors, fail, clear, focusSignal, busy, setBusy, stale, setStale, save: saveRecord } = useSaveForm();
  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('subscriber', 'name'), label: t('expertisePages.subscribers.name') },
    { name: 'email', id: fieldId('subscriber', 'email'), label: t('expertisePages.subscribers.email') },
    {
      name: 'organisation',
      id: fieldId('subscriber', 'organisation'),
      label: t('expertisePages.subscribers.organisation'),
    },
    { name: 'kind', id: fieldId('subscriber', 'kind'), label: t('expertisePages.subscribers.kind') },
    {
      name: 'consentGivenOn',
      id: fieldId('subscriber', 'consentGivenOn'),
      label: t('expertisePages.subscribers.consentGivenOn'),
    },
    {
      name: 'consentSource',
      id: fieldId('subscriber', 'consentSource'),
      label: t('expertisePages.subscribers.consentSource'),
    },
  ];
  const [nameSpec, emailSpec, orgSpec, kindSpec, consentOnSpec, consentSourceSpec] = fields as [
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
    FieldSpec,
  ];
  const loaded: Subscriber | null = existing.data ?? null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setEmail(loaded.email);
      setOrganisation(loaded.organisation ?? '');
      setKind(loaded.kind);
      setConsentGivenOn(loaded.consentGivenOn ?? '');
      setConsentSource(loaded.consentSource ?? '');
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded, setStale]);

  if (!isNew && existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;

  async function save(extra: { unsubscribed?: boolean } = {}) {
    const found: FieldErrors = {};
    requireText(found, nameSpec, name, t);
    requireText(found, emailSpec, email, t);
    if (!found.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      found.email = t('expertisePages.errors.email');
    }
    requireText(found, kindSpec, kind, t, 'errors.requiredChoice');
    const consentNeeded = isNew || consentGivenOn !== '' || consentSource.trim() !== '' || loaded?.hasConsent;
    if (consentNeeded) {
      if (!isIsoDate(consentGivenOn)) {
        found.consentGivenOn = t('expertisePages.errors.date', { label: consentOnSpec.label.toLowerCase() });
      } else if (consentGivenOn > todayIso()) {
        found.consentGivenOn = t('expertisePages.errors.notInFuture', { label: consentOnSpec.label });
      }
      requireText(found, consentSourceSpec, consentSource, t);
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await saveRecord(
      async () => {
        const input = {
          name: name.trim(),
          email: email.trim(),
          organisation: organisation.trim() || null,
          kind: kind as SubscriberKind,
          ...(consentNeeded ? { consentGivenOn, consentSource: consentSource.trim() } : {}),
        };
        const saved = isNew
          ? await createSubscriber({ ...input, consentGivenOn, consentSource: consentSource.trim() })
          : await updateSubscriber(id as string, { ...input, ...extra, version });
        clear();
        const notice = isNew
          ? t('expertisePages.subscribers.created', { name: saved.name })
          : extra.unsubscribed === true
            ? t('expertisePages.subscribers.unsubscribedNotice', { name: saved.name })
            : extra.unsubscribed === false
              ? t('expertisePages.subscribers.resubscribedNotice', { name: saved.name })
              : t('common.saved');
        navigate(paths.newsletter, { state: { notice } });
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  async function erase() {
    setBusy(true);
    try {
      await deleteSubscriber(id as string);
      navigate(paths.newsletter, {
        state: { notice: t('expertisePages.subscribers.erased', { name: loaded?.name ?? '' }) },
      });
    } catch (error) {
      fail(problemToErrors(error, fields, t));
      setBusy(false);
    }
  }

  const title = isNew
    ? t('expertisePages.subscribers.newTitle')
    : t('expertisePages.subscribers.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.newsletter}>{t('expertisePages.newsletter.title')}</BackLink>
      <PageHeader title={title} intro={t('expertisePages.subscribers.formIntro')} />
      {existing.error !== null && <LoadError error={existing.error} onRetry={() => void existing.reload()} />}
      {!isNew && existing.loading && !loaded && <Loading />}
      {(isNew || loaded) && (
        <form
          className="schakel-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void existing.reload();
              }}
            />
          )}
          {loaded && !loaded.hasConsent && (
            <Paragraph className="exp-warning">{t('expertisePages.subscribers.noConsentWarning')}</Paragraph>
          )}
          <TextField
            spec={nameSpec}
            required
            value={name}
            onValue={setName}
            error={errors.fields.name}
            autoComplete="off"
          />
          <TextField
            spec={emailSpec}
            type="email"
            required
            value={email}
            onValue={setEmail}
            error={errors.fields.email}
            autoComplete="off"
          />
          <TextField
            spec={orgSpec}
            optional
            value={organisation}
            onValue={setOrganisation}
            error={errors.fields.organisation}
            autoComplete="off"
          />
          <RadioGroupField
            spec={kindSpec}
            value={kind}
            onValue={(v) => setKind(v as SubscriberKind)}
            options={SUBSCRIBER_KINDS.map((k) => ({
              value: k,
              label: t(`expertisePages.subscribers.kinds.${k}`),
              hint: t(`expertisePages.subscribers.kindHints.${k}`),
            }))}
            error={errors.fields.kind}
          />
          <TextField
            spec={consentOnSpec}
            type="date"
            required
            value={consentGivenOn}
            onValue={setConsentGivenOn}
            hint={t('expertisePages.subscribers.consentGivenOnHint')}
            error={errors.fields.consentGivenOn}
          />
          <TextField
            spec={consentSourceSpec}
            required
            value={consentSource}
            onValue={setConsentSource}
            hint={t('expertisePages.subscribers.consentSourceHint')}
            error={errors.fields.consentSource}
            maxLength={500}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {isNew ? t('expertisePages.subscribers.addSubmit') : t('common.save')}
            </Button>
            <LinkButton to={paths.newsletter} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
      {!isNew && loaded && (
        <section className="schakel-section" aria-labelledby="subscriber-status">
          <Heading level={2} id="subscriber-status">
            {t('expertisePages.subscribers.statusHeading')}
          </Heading>
          <Paragraph>
            {loaded.unsubscribed
              ? t('expertisePages.subscribers.unsubscribedOn', { date: formatDate(loaded.unsubscribedOn) })
              : t('expertisePages.subscribers.subscribedSince', { date: formatDate(loaded.subscribedOn) })}
          </Paragraph>
          <FormActions>
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => void save({ unsubscribed: !loaded.unsubscribed })}
            >
              {loaded.unsubscribed
                ? t('expertisePages.subscribers.resubscribe')
                : t('expertisePages.subscribers.unsubscribe')}
            </Button>
            {!confirmErase && (
              <Button variant="tertiary" onClick={() => setConfirmErase(true)}>
                {t('expertisePages.subscribers.erase')}
              </Button>
            )}
          </FormActions>
          {confirmErase && (
            <ConfirmBox
              message={t('expertisePages.subscribers.confirmErase', { name: loaded.name })}
              confirmLabel={t('expertisePages.subscribers.confirmEraseButton')}
              onConfirm={() => void erase()}
              onCancel={() => setConfirmErase(false)}
              busy={busy}
            />
          )}
        </section>
      )}
    </div>
  );
}
