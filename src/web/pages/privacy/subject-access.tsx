/**
 * Subject access requests (inzageverzoeken, AVG art. 15; issue 4 part 2): the privacy officer records
 * a request for one person, collects every record held about them with its source organisation and
 * legal regime, asks the source's consent for police (Wpg) and judicial (Wjsg) items, releases,
 * redacts or withholds each item with a recorded ground, records the decision and downloads the
 * answer as PDF and JSON (withheld items never leave the database).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  askConsent,
  compileSar,
  createSar,
  type Disposition,
  getSar,
  listSars,
  SAR_STATUSES,
  type Sar,
  type SarDetail,
  type SarItem,
  type SarPersonMatch,
  type SarStatus,
  sarDocxHref,
  sarJsonHref,
  sarPdfHref,
  updateSar,
  updateSarItem,
} from '../../api/privacy.js';
import { Badge, Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import { Details } from '../../components/details.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import {
  BackLink,
  DataTable,
  Flash,
  LinkButton,
  LoadError,
  Notice,
  PageHeader,
  Td,
  Th,
  Tr,
} from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { daysFromToday } from '../cases/shared.js';
import { NotFoundPage } from '../not-found.js';
import { PersonSearch, personOptions } from './person-finder.js';
import { codeLabel, daysUntil, nestedProblemToErrors, todayIso } from './shared.js';

const CLOSED: readonly SarStatus[] = ['decided', 'delivered'];

function Deadline({ sar }: { sar: Sar }) {
  const { t } = useTranslation();
  const days = daysUntil(sar.deadlineOn);
  const open = !CLOSED.includes(sar.status);
  return (
    <>
      {formatDate(sar.deadlineOn)}
      {open && days < 0 && (
        <>
          {' '}
          <Badge color="red" label={t('privacyPages.sar.overdue')} />
        </>
      )}
      {open && days >= 0 && days <= 7 && (
        <>
          {' '}
          <Badge color="orange" label={t('privacyPages.sar.daysLeft', { count: days })} />
        </>
      )}
    </>
  );
}

export function SubjectAccessListPage() {
  const { t } = useTranslation();
  const requests = useLoad(() => listSars().then((r) => r.items), []);
  return (
    <>
      <PageHeader
        title={t('privacyPages.sar.title')}
        intro={t('privacyPages.sar.intro')}
        actions={<LinkButton to={newPath(paths.subjectAccess)}>{t('privacyPages.sar.new')}</LinkButton>}
      />
      <Flash />
      {requests.error !== null && <LoadError error={requests.error} onRetry={() => void requests.reload()} />}
      {requests.loading && !requests.data && <Loading />}
      {requests.data && requests.data.length === 0 && <Paragraph>{t('privacyPages.sar.empty')}</Paragraph>}
      {requests.data && requests.data.length > 0 && (
        <DataTable
          caption={t('privacyPages.sar.caption')}
          head={
            <>
              <Th>{t('privacyPages.sar.person')}</Th>
              <Th>{t('privacyPages.sar.receivedOn')}</Th>
              <Th>{t('privacyPages.sar.deadlineOn')}</Th>
              <Th>{t('privacyPages.sar.status')}</Th>
            </>
          }
        >
          {requests.data.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Link className="ams-link" to={itemPath(paths.subjectAccess, r.id)}>
                  {r.personName}
                </Link>
              </Td>
              <Td>{formatDate(r.receivedOn)}</Td>
              <Td>
                <Deadline sar={r} />
              </Td>
              <Td>{codeLabel('sar.statuses', r.status)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Step 1: find the requester among the persons held; step 2: record the request with its date of receipt. */
export function SubjectAccessNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [matches, setMatches] = useState<SarPersonMatch[] | null>(null);
  const [personId, setPersonId] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [busy, setBusy] = useState(false);
  const create = useFormErrors();
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const personSpec: FieldSpec = {
    name: 'personId',
    id: fieldId('sar-new', 'personId'),
    label: t('privacyPages.sar.whichPerson'),
  };
  const receivedSpec: FieldSpec = {
    name: 'receivedOn',
    id: fieldId('sar-new', 'receivedOn'),
    label: t('privacyPages.sar.receivedOn'),
  };
  const createFields = [personSpec, receivedSpec];

  useEffect(() => {
    if (matches !== null) resultsHeading.current?.focus();
  }, [matches]);

  async function record(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!personId) found.personId = t('privacyPages.sar.choosePerson');
    requireText(found, receivedSpec, receivedOn, t);
    if (receivedOn && receivedOn > todayIso()) found.receivedOn = t('privacyPages.sar.receivedInFuture');
    if (Object.keys(found).length) return create.fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const sar = await createSar({ personId, receivedOn });
      navigate(itemPath(paths.subjectAccess, sar.id), {
        state: { notice: t('privacyPages.sar.created', { deadline: formatDate(sar.deadlineOn) }) },
      });
    } catch (error) {
      create.fail(nestedProblemToErrors(error, createFields, t));
      setBusy(false);
    }
  }

  return (
    <div className="schakel-narrow">
      <BackLink to={paths.subjectAccess}>{t('privacyPages.sar.title')}</BackLink>
      <PageHeader title={t('privacyPages.sar.newTitle')} intro={t('privacyPages.sar.newIntro')} />
      <PersonSearch
        formId="sar-find"
        heading={t('privacyPages.sar.findHeading')}
        onResults={(found) => {
          setPersonId('');
          setMatches(found);
        }}
      />
      {matches !== null && (
        <form className="schakel-form schakel-section" noValidate onSubmit={record} aria-labelledby="sar-new-heading">
          <Heading level={2} id="sar-new-heading" ref={resultsHeading} tabIndex={-1}>
            {t('privacyPages.sar.matchesHeading', { count: matches.length })}
          </Heading>
          {matches.length === 0 ? (
            <Paragraph>{t('privacyPages.sar.noMatches')}</Paragraph>
          ) : (
            <>
              <ErrorSummary errors={create.errors} fields={createFields} focusSignal={create.focusSignal} />
              <RadioGroupField
                spec={personSpec}
                hint={t('privacyPages.sar.whichPersonHint')}
                value={personId}
                onValue={setPersonId}
                options={personOptions(matches, t)}
                error={create.errors.fields.personId}
              />
              <TextField
                spec={receivedSpec}
                type="date"
                required
                hint={t('privacyPages.sar.receivedOnHint')}
                value={receivedOn}
                onValue={setReceivedOn}
                error={create.errors.fields.receivedOn}
              />
              <FormActions>
                <Button type="submit" disabled={busy}>
                  {t('privacyPages.sar.record')}
                </Button>
              </FormActions>
            </>
          )}
        </form>
      )}
    </div>
  );
}

export function SubjectAccessPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loaded = useLoad(() => getSar(id), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const [compiling, setCompiling] = useState(false);
  const [compileError, setCompileError] = useState<unknown>(null);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const sar = loaded.data;

  async function compile() {
    setCompiling(true);
    setCompileError(null);
    try {
      const detail = await compileSar(id);
      loaded.setData(detail);
      setNotice(t('privacyPages.sar.compiled', { count: detail.items.length }));
    } catch (error) {
      setCompileError(error);
    } finally {
      setCompiling(false);
    }
  }

  const replaceItem = (item: SarItem) => {
    if (!sar) return;
    loaded.setData({ ...sar, version: sar.version, items: sar.items.map((i) => (i.id === item.id ? item : i)) });
  };

  const closed = sar ? CLOSED.includes(sar.status) : false;
  const pending = sar?.items.filter((i) => i.disposition === 'pending').length ?? 0;
  return (
    <>
      <BackLink to={paths.subjectAccess}>{t('privacyPages.sar.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!sar && loaded.loading && <Loading />}
      {sar && (
        <>
          <PageHeader title={t('privacyPages.sar.detailTitle', { name: sar.personName })} />
          <Flash />
          {notice && <Notice severity="success" heading={notice} live />}
          <Details
            termsWidth="medium"
            className="pv-facts"
            rows={[
              { term: t('privacyPages.sar.receivedOn'), value: formatDate(sar.receivedOn) },
              {
                term: t('privacyPages.sar.deadlineOn'),
                value: <Deadline sar={sar} />,
              },
              { term: t('privacyPages.sar.status'), value: codeLabel('sar.statuses', sar.status) },
              {
                term: t('privacyPages.sar.compiledAt'),
                value: sar.compiledAt ? formatDateTime(sar.compiledAt) : t('privacyPages.sar.notCompiled'),
              },
            ]}
          />
          <Paragraph>
            <Link className="ams-link" to={`${paths.accessLog}?subjectId=${encodeURIComponent(sar.personId)}`}>
              {t('privacyPages.sar.accessLogLink')}
            </Link>
          </Paragraph>

          <section className="schakel-section" aria-labelledby="sar-items">
            <Heading level={2} id="sar-items">
              {t('privacyPages.sar.itemsHeading')}
            </Heading>
            <Paragraph>{t('privacyPages.sar.itemsIntro')}</Paragraph>
            {compileError !== null && <LoadError error={compileError} />}
            {!closed && (
              <div className="pv-actions">
                <Button
                  variant={sar.compiledAt ? 'secondary' : 'primary'}
                  onClick={() => void compile()}
                  disabled={compiling}
                >
                  {sar.compiledAt ? t('privacyPages.sar.recompile') : t('privacyPages.sar.compile')}
                </Button>
              </div>
            )}
            {sar.compiledAt && sar.items.length === 0 && <Paragraph>{t('privacyPages.sar.noItems')}</Paragraph>}
            {sar.items.length > 0 && (
              <>
                <Paragraph role="status">
                  {pending === 0
                    ? t('privacyPages.sar.allDecided', { count: sar.items.length })
                    : t('privacyPages.sar.pendingCount', { count: pending, total: sar.items.length })}
                </Paragraph>
                <ol className="pv-items">
                  {sar.items.map((item, index) => (
                    <li key={item.id}>
                      <ItemCard
                        sarId={sar.id}
                        item={item}
                        index={index}
                        readOnly={sar.status === 'delivered'}
                        onSaved={(saved) => {
                          replaceItem(saved);
                          void loaded.reload();
                        }}
                      />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>

          <DecisionForm sar={sar} onSaved={() => void loaded.reload()} onReload={() => void loaded.reload()} />

          {sar.compiledAt && (
            <section className="schakel-section" aria-labelledby="sar-answer">
              <Heading level={2} id="sar-answer">
                {t('privacyPages.sar.answerHeading')}
              </Heading>
              <Paragraph>{t('privacyPages.sar.answerIntro')}</Paragraph>
              {!closed && <Paragraph>{t('privacyPages.sar.answerNotDecided')}</Paragraph>}
              <ul className="pv-downloads">
                <li>
                  <a className="ams-link" href={sarDocxHref(sar.id)} download>
                    {t('privacyPages.sar.downloadDocx')}
                  </a>{' '}
                  <a className="ams-link" href={sarPdfHref(sar.id)} download>
                    {t('privacyPages.sar.downloadPdf')}
                  </a>
                </li>
                <li>
                  <a className="ams-link" href={sarJsonHref(sar.id)} download={`inzageverzoek-${sar.id}.json`}>
                    {t('privacyPages.sar.downloadJson')}
                  </a>
                </li>
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}

function ItemCard({
  sarId,
  item,
  index,
  readOnly,
  onSaved,
}: {
  sarId: string;
  item: SarItem;
  index: number;
  readOnly: boolean;
  onSaved: (item: SarItem) => void;
}) {
  const { t } = useTranslation();
  const [disposition, setDisposition] = useState<Disposition>(item.disposition);
  const [ground, setGround] = useState(item.ground ?? '');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const form = `sar-item-${index + 1}`;
  const headingId = `${form}-heading`;
  const needsConsent = item.consentNeeded;

  useEffect(() => {
    setDisposition(item.disposition);
    setGround(item.ground ?? '');
  }, [item]);

  const dispositionSpec: FieldSpec = {
    name: 'disposition',
    id: fieldId(form, 'disposition'),
    label: t('privacyPages.sar.disposition'),
  };
  const groundSpec: FieldSpec = { name: 'ground', id: fieldId(form, 'ground'), label: t('privacyPages.sar.ground') };
  const fields = [dispositionSpec, groundSpec];
  const needsGround = disposition === 'redact' || disposition === 'withhold';

  async function save(body: Parameters<typeof updateSarItem>[2], message: string) {
    setBusy(true);
    setSaved(null);
    try {
      const result = await updateSarItem(sarId, item.id, body);
      clear();
      setStale(false);
      setSaved(message);
      onSaved(result);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (needsGround) requireText(found, groundSpec, ground, t);
    if (disposition === 'release' && needsConsent && item.consentStatus !== 'granted') {
      found.disposition = t('privacyPages.sar.consentFirst');
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    void save(
      {
        disposition,
        ground: needsGround ? ground.trim() : null,
        version: item.version,
      },
      t('privacyPages.sar.itemSaved'),
    );
  }

  return (
    <article className="pv-item" aria-labelledby={headingId}>
      <Heading level={3} size="level-4" id={headingId}>
        {item.title}
      </Heading>
      <DescriptionList termsWidth="narrow" className="pv-item__facts">
        <DescriptionList.Term>{t('privacyPages.sar.source')}</DescriptionList.Term>
        <DescriptionList.Description>
          {item.sourceOrganisationName ?? t('privacyPages.sar.unknown')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.sar.regime')}</DescriptionList.Term>
        <DescriptionList.Description>
          {codeLabel('regimes', item.legalRegime)}
          {needsConsent && (
            <>
              {' '}
              <Badge color="purple" label={t('privacyPages.sar.consentNeeded')} />
            </>
          )}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.sar.recordedAt')}</DescriptionList.Term>
        <DescriptionList.Description>
          {item.recordedAt ? formatDateTime(item.recordedAt) : t('privacyPages.sar.unknown')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('privacyPages.sar.recordType')}</DescriptionList.Term>
        <DescriptionList.Description>{codeLabel('recordTypes', item.recordType)}</DescriptionList.Description>
        {needsConsent && (
          <>
            <DescriptionList.Term>{t('privacyPages.sar.consent')}</DescriptionList.Term>
            <DescriptionList.Description>
              {item.consentStatus
                ? codeLabel('sar.consentStatuses', item.consentStatus)
                : t('privacyPages.sar.consentNotAsked')}
            </DescriptionList.Description>
          </>
        )}
        <DescriptionList.Term>{t('privacyPages.sar.currentDisposition')}</DescriptionList.Term>
        <DescriptionList.Description>
          {codeLabel('sar.dispositions', item.disposition)}
          {item.ground && ` — ${item.ground}`}
        </DescriptionList.Description>
      </DescriptionList>
      <div className="pv-item__content">{item.content}</div>
      {!readOnly && needsConsent && (item.consentStatus === null || item.consentStatus === 'refused') && (
        <AskConsent sarId={sarId} item={item} onAsked={onSaved} />
      )}
      {!readOnly && (
        <form className="schakel-form pv-item__form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          {stale && <StaleNotice onReload={() => onSaved(item)} />}
          <RadioGroupField
            spec={dispositionSpec}
            value={disposition}
            onValue={(v) => setDisposition(v as Disposition)}
            options={(['release', 'redact', 'withhold', 'pending'] as const).map((d) => ({
              value: d,
              label: codeLabel('sar.dispositionChoices', d),
            }))}
            error={errors.fields.disposition}
          />
          {needsGround && (
            <TextAreaField
              spec={groundSpec}
              required
              rows={3}
              hint={t('privacyPages.sar.groundHint')}
              value={ground}
              onValue={setGround}
              maxLength={4000}
              error={errors.fields.ground}
            />
          )}
          <FormActions>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('privacyPages.sar.saveItem')}
              <span className="schakel-visually-hidden"> — {item.title}</span>
            </Button>
            {saved && (
              <span role="status" className="pv-saved">
                {saved}
              </span>
            )}
          </FormActions>
        </form>
      )}
    </article>
  );
}

/**
 * Asks the item's source organisation for consent (Wpg, Wjsg, professional secrecy): its privacy
 * contact is notified, sees only this item and the deadline, and decides; the item follows.
 */
function AskConsent({ sarId, item, onAsked }: { sarId: string; item: SarItem; onAsked: (item: SarItem) => void }) {
  const { t } = useTranslation();
  const form = `sar-consent-${item.id.slice(0, 8)}`;
  const [dueOn, setDueOn] = useState(daysFromToday(14));
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const source = item.sourceOrganisationName ?? t('privacyPages.sar.theSource');
  const dueSpec: FieldSpec = { name: 'dueOn', id: fieldId(form, 'dueOn'), label: t('privacyPages.sar.askConsentDue') };
  const messageSpec: FieldSpec = {
    name: 'message',
    id: fieldId(form, 'message'),
    label: t('privacyPages.sar.askConsentMessage'),
  };
  const fields = [dueSpec, messageSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, dueSpec, dueOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      await askConsent(sarId, item.id, { dueOn, ...(message.trim() ? { message: message.trim() } : {}) });
      clear();
      const fresh = (await getSar(sarId)).items.find((i) => i.id === item.id);
      if (fresh) onAsked(fresh);
    } catch (error) {
      fail(nestedProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="schakel-form pv-consent"
      noValidate
      onSubmit={submit}
      aria-label={t('privacyPages.sar.askConsent', { source })}
    >
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <TextField spec={dueSpec} required type="date" value={dueOn} onValue={setDueOn} error={errors.fields.dueOn} />
      <TextAreaField
        spec={messageSpec}
        optional
        rows={2}
        hint={t('privacyPages.sar.askConsentMessageHint')}
        value={message}
        onValue={setMessage}
        maxLength={2000}
        error={errors.fields.message}
      />
      <FormActions>
        <Button type="submit" variant="secondary" disabled={busy}>
          {t('privacyPages.sar.askConsent', { source })}
        </Button>
      </FormActions>
    </form>
  );
}

function DecisionForm({ sar, onSaved, onReload }: { sar: SarDetail; onSaved: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SarStatus>(sar.status);
  const [decision, setDecision] = useState(sar.decision ?? '');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  useEffect(() => {
    setStatus(sar.status);
    setDecision(sar.decision ?? '');
  }, [sar.status, sar.decision]);

  const statusSpec: FieldSpec = {
    name: 'status',
    id: fieldId('sar-decision', 'status'),
    label: t('privacyPages.sar.status'),
  };
  const decisionSpec: FieldSpec = {
    name: 'decision',
    id: fieldId('sar-decision', 'decision'),
    label: t('privacyPages.sar.decision'),
  };
  const fields = [statusSpec, decisionSpec];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (CLOSED.includes(status)) requireText(found, decisionSpec, decision, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    setSaved(false);
    try {
      await updateSar(sar.id, { status, decision: decision.trim() || null, version: sar.version });
      clear();
      setStale(false);
      setSaved(true);
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(nestedProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section schakel-narrow" aria-labelledby="sar-decision-heading">
      <Heading level={2} id="sar-decision-heading">
        {t('privacyPages.sar.decisionHeading')}
      </Heading>
      <form className="schakel-form" noValidate onSubmit={submit} aria-labelledby="sar-decision-heading">
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {stale && <StaleNotice onReload={onReload} />}
        <SelectField
          spec={statusSpec}
          value={status}
          onValue={(v) => setStatus(v as SarStatus)}
          options={SAR_STATUSES.map((s) => ({ value: s, label: codeLabel('sar.statuses', s) }))}
          error={errors.fields.status}
        />
        <TextAreaField
          spec={decisionSpec}
          optional={!CLOSED.includes(status)}
          required={CLOSED.includes(status)}
          hint={t('privacyPages.sar.decisionHint')}
          value={decision}
          onValue={setDecision}
          maxLength={10000}
          error={errors.fields.decision}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('privacyPages.sar.saveDecision')}
          </Button>
          {saved && (
            <span role="status" className="pv-saved">
              {t('common.saved')}
            </span>
          )}
        </FormActions>
      </form>
    </section>
  );
}
