/**
 * Rectification and erasure requests (AVG art. 16 and 17; issue 4 part 3): the privacy officer (or
 * the administrator) records a data subject's request with its reason — the corrected values, or the
 * scope of the erasure — and a second person decides (four eyes). An approved request is carried out
 * at once: the correction is written, or the data is destroyed as by the retention job (legal holds
 * excepted). Every step is in the access log.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createErasureRequest,
  createRectificationRequest,
  decideRequest,
  ERASURE_SCOPES,
  type ErasureRequest,
  type ErasureScope,
  GENDERS,
  getErasureRequest,
  getRectificationRequest,
  listErasureRequests,
  listRectificationRequests,
  type PersonChange,
  type RectificationRequest,
  type RequestKind,
  type SarPersonMatch,
} from '../../api/privacy.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, DescriptionList, ErrorMessage, FieldSet, Heading, Paragraph } from '../../components/ams.js';
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
import { newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { PersonSearch, personOptions } from './person-finder.js';
import { codeLabel, nestedProblemToErrors, todayIso } from './shared.js';

/** The address segment of each kind (Dutch, like the interface). */
export const REQUEST_SEGMENT: Record<RequestKind, string> = { rectification: 'rectificatie', erasure: 'wissen' };
export const requestPath = (kind: RequestKind, id: string) =>
  `${paths.rectification}/${REQUEST_SEGMENT[kind]}/${encodeURIComponent(id)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANGE_FIELDS = ['firstName', 'namePrefix', 'lastName', 'dateOfBirth', 'gender'] as const;

function StatusBadge({ status }: { status: string }) {
  const color = status === 'requested' ? 'orange' : status === 'rejected' ? 'red' : 'lime';
  return <Badge color={color} label={codeLabel('requests.statuses', status)} />;
}

function changeText(change: PersonChange | null, t: (key: string) => string): string {
  if (!change) return t('privacyPages.requests.scrubbed');
  return CHANGE_FIELDS.filter((k) => Object.hasOwn(change, k))
    .map((k) => {
      const v = change[k];
      const shown =
        v === null || v === undefined || v === ''
          ? t('privacyPages.requests.cleared')
          : k === 'gender'
            ? codeLabel('requests.genders', String(v))
            : k === 'dateOfBirth'
              ? formatDate(String(v))
              : String(v);
      return `${t(`privacyPages.requests.fields.${k}`)}: ${shown}`;
    })
    .join('; ');
}

export function RequestsPage() {
  const { t } = useTranslation();
  const rectifications = useLoad(() => listRectificationRequests().then((r) => r.items), []);
  const erasures = useLoad(() => listErasureRequests().then((r) => r.items), []);
  return (
    <>
      <PageHeader
        title={t('privacyPages.requests.title')}
        intro={t('privacyPages.requests.intro')}
        actions={<LinkButton to={newPath(paths.rectification)}>{t('privacyPages.requests.new')}</LinkButton>}
      />
      <Flash />
      <section className="schakel-section" aria-labelledby="requests-rectification">
        <Heading level={2} id="requests-rectification">
          {t('privacyPages.requests.rectificationHeading')}
        </Heading>
        {rectifications.error !== null && (
          <LoadError error={rectifications.error} onRetry={() => void rectifications.reload()} />
        )}
        {rectifications.loading && !rectifications.data && <Loading />}
        {rectifications.data && rectifications.data.length === 0 && (
          <Paragraph>{t('privacyPages.requests.noneRectification')}</Paragraph>
        )}
        {rectifications.data && rectifications.data.length > 0 && (
          <RequestTable kind="rectification" items={rectifications.data} />
        )}
      </section>
      <section className="schakel-section" aria-labelledby="requests-erasure">
        <Heading level={2} id="requests-erasure">
          {t('privacyPages.requests.erasureHeading')}
        </Heading>
        {erasures.error !== null && <LoadError error={erasures.error} onRetry={() => void erasures.reload()} />}
        {erasures.loading && !erasures.data && <Loading />}
        {erasures.data && erasures.data.length === 0 && <Paragraph>{t('privacyPages.requests.noneErasure')}</Paragraph>}
        {erasures.data && erasures.data.length > 0 && <RequestTable kind="erasure" items={erasures.data} />}
      </section>
    </>
  );
}

function RequestTable({ kind, items }: { kind: RequestKind; items: Array<ErasureRequest | RectificationRequest> }) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t(`privacyPages.requests.caption.${kind}`)}
      captionHidden
      head={
        <>
          <Th>{t('privacyPages.requests.person')}</Th>
          <Th>{t('privacyPages.requests.receivedOn')}</Th>
          <Th>{t('privacyPages.requests.requestedBy')}</Th>
          <Th>{t('privacyPages.requests.status')}</Th>
        </>
      }
    >
      {items.map((r) => (
        <Tr key={r.id}>
          <Td>
            <Link className="ams-link" to={requestPath(kind, r.id)}>
              {r.personName ?? t('privacyPages.requests.personGone')}
            </Link>
            {kind === 'erasure' && (
              <span className="pv-aside pv-block">{codeLabel('requests.scopes', (r as ErasureRequest).scope)}</span>
            )}
          </Td>
          <Td>{formatDate(r.receivedOn)}</Td>
          <Td>{r.requestedBy.name}</Td>
          <Td>
            <StatusBadge status={r.status} />
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}

export function RequestNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState<RequestKind | ''>('');
  const [matches, setMatches] = useState<SarPersonMatch[] | null>(null);
  const [personId, setPersonId] = useState('');
  const [scope, setScope] = useState<ErasureScope | ''>('');
  const [caseId, setCaseId] = useState('');
  const [signalId, setSignalId] = useState('');
  const [change, setChange] = useState<Record<(typeof CHANGE_FIELDS)[number], string>>({
    firstName: '',
    namePrefix: '',
    lastName: '',
    dateOfBirth: '',
    gender: '',
  });
  const [reason, setReason] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const choose = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (matches !== null) choose.current?.focus();
  }, [matches]);

  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId('request', name), label });
  const kindSpec = f('kind', t('privacyPages.requests.kind'));
  const personSpec: FieldSpec = {
    name: 'personId',
    id: matches && matches.length > 0 ? fieldId('request', 'personId') : fieldId('request-find', 'firstName'),
    label: t('privacyPages.requests.whichPerson'),
  };
  const scopeSpec = f('scope', t('privacyPages.requests.scope'));
  const caseSpec = f('caseId', t('privacyPages.requests.caseId'));
  const signalSpec = f('signalId', t('privacyPages.requests.signalId'));
  const changeSpec = (k: (typeof CHANGE_FIELDS)[number]) => f(`change.${k}`, t(`privacyPages.requests.newValue.${k}`));
  const reasonSpec = f('reason', t('privacyPages.requests.reason'));
  const receivedSpec = f('receivedOn', t('privacyPages.requests.receivedOn'));
  const fields = [
    kindSpec,
    personSpec,
    scopeSpec,
    caseSpec,
    signalSpec,
    ...CHANGE_FIELDS.map(changeSpec),
    { ...f('change', t('privacyPages.requests.change')), id: fieldId('request', 'change.firstName') },
    reasonSpec,
    receivedSpec,
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!kind) found.kind = t('privacyPages.requests.kindRequired');
    if (!personId) found.personId = t('privacyPages.sar.choosePerson');
    if (kind === 'erasure') {
      if (!scope) found.scope = t('privacyPages.requests.scopeRequired');
      if (scope === 'case' && !UUID.test(caseId.trim())) found.caseId = t('privacyPages.requests.idFormat');
      if (scope === 'signal' && !UUID.test(signalId.trim())) found.signalId = t('privacyPages.requests.idFormat');
    }
    const proposed: PersonChange = {};
    if (change.firstName.trim()) proposed.firstName = change.firstName.trim();
    if (change.namePrefix.trim()) proposed.namePrefix = change.namePrefix.trim();
    if (change.lastName.trim()) proposed.lastName = change.lastName.trim();
    if (change.dateOfBirth) proposed.dateOfBirth = change.dateOfBirth;
    if (change.gender) proposed.gender = change.gender as PersonChange['gender'];
    if (kind === 'rectification' && Object.keys(proposed).length === 0) {
      found.change = t('privacyPages.requests.changeRequired');
    }
    requireText(found, reasonSpec, reason, t);
    requireText(found, receivedSpec, receivedOn, t);
    if (receivedOn && receivedOn > todayIso()) found.receivedOn = t('privacyPages.sar.receivedInFuture');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const common = { personId, reason: reason.trim(), receivedOn };
      const saved =
        kind === 'erasure'
          ? await createErasureRequest({
              ...common,
              scope: scope as ErasureScope,
              ...(scope === 'case' ? { caseId: caseId.trim() } : {}),
              ...(scope === 'signal' ? { signalId: signalId.trim() } : {}),
            })
          : await createRectificationRequest({ ...common, change: proposed });
      clear();
      navigate(requestPath(kind as RequestKind, saved.id), {
        state: { notice: t('privacyPages.requests.created') },
      });
    } catch (error) {
      const errs = nestedProblemToErrors(error, fields, t);
      if (error instanceof ApiError && error.status === 404 && Object.keys(errs.fields).length === 0) {
        errs.general = [t('privacyPages.requests.notFound')];
      }
      fail(errs);
      setBusy(false);
    }
  }

  return (
    <div className="schakel-narrow">
      <BackLink to={paths.rectification}>{t('privacyPages.requests.title')}</BackLink>
      <PageHeader title={t('privacyPages.requests.newTitle')} intro={t('privacyPages.requests.newIntro')} />
      <PersonSearch
        formId="request-find"
        heading={t('privacyPages.requests.findHeading')}
        onResults={(found) => {
          setPersonId('');
          setMatches(found);
        }}
      />
      <form className="schakel-form schakel-section" noValidate onSubmit={submit} aria-labelledby="request-heading">
        <Heading level={2} id="request-heading" ref={choose} tabIndex={-1}>
          {t('privacyPages.requests.requestHeading')}
        </Heading>
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {matches === null && <Paragraph>{t('privacyPages.requests.searchFirst')}</Paragraph>}
        {matches !== null && matches.length === 0 && <Paragraph>{t('privacyPages.sar.noMatches')}</Paragraph>}
        {matches !== null && matches.length > 0 && (
          <RadioGroupField
            spec={personSpec}
            hint={t('privacyPages.sar.whichPersonHint')}
            value={personId}
            onValue={setPersonId}
            options={personOptions(matches, t)}
            error={errors.fields.personId}
          />
        )}
        <RadioGroupField
          spec={kindSpec}
          value={kind}
          onValue={(v) => setKind(v as RequestKind)}
          options={[
            {
              value: 'rectification',
              label: t('privacyPages.requests.kinds.rectification'),
              hint: t('privacyPages.requests.kindHints.rectification'),
            },
            {
              value: 'erasure',
              label: t('privacyPages.requests.kinds.erasure'),
              hint: t('privacyPages.requests.kindHints.erasure'),
            },
          ]}
          error={errors.fields.kind}
        />
        {kind === 'erasure' && (
          <>
            <RadioGroupField
              spec={scopeSpec}
              value={scope}
              onValue={(v) => setScope(v as ErasureScope)}
              options={ERASURE_SCOPES.map((s) => ({
                value: s,
                label: codeLabel('requests.scopes', s),
                hint: t(`privacyPages.requests.scopeHints.${s}`),
              }))}
              error={errors.fields.scope}
            />
            {scope === 'case' && (
              <TextField
                spec={caseSpec}
                required
                hint={t('privacyPages.requests.caseIdHint')}
                value={caseId}
                onValue={setCaseId}
                error={errors.fields.caseId}
                autoComplete="off"
                spellCheck={false}
              />
            )}
            {scope === 'signal' && (
              <TextField
                spec={signalSpec}
                required
                hint={t('privacyPages.requests.signalIdHint')}
                value={signalId}
                onValue={setSignalId}
                error={errors.fields.signalId}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </>
        )}
        {kind === 'rectification' && (
          <FieldSet
            legend={t('privacyPages.requests.change')}
            invalid={Boolean(errors.fields.change)}
            aria-describedby={errors.fields.change ? 'request-change-hint request-change-error' : 'request-change-hint'}
          >
            <Paragraph size="small" id="request-change-hint" className="schakel-field-hint">
              {t('privacyPages.requests.changeHint')}
            </Paragraph>
            {errors.fields.change && <ErrorMessage id="request-change-error">{errors.fields.change}</ErrorMessage>}
            <div className="pv-fields">
              {(['firstName', 'namePrefix', 'lastName'] as const).map((k) => (
                <TextField
                  key={k}
                  spec={changeSpec(k)}
                  optional
                  value={change[k]}
                  onValue={(v) => setChange((c) => ({ ...c, [k]: v }))}
                  error={errors.fields[`change.${k}`]}
                  autoComplete="off"
                />
              ))}
              <TextField
                spec={changeSpec('dateOfBirth')}
                type="date"
                optional
                value={change.dateOfBirth}
                onValue={(v) => setChange((c) => ({ ...c, dateOfBirth: v }))}
                error={errors.fields['change.dateOfBirth']}
              />
              <SelectField
                spec={changeSpec('gender')}
                optional
                value={change.gender}
                onValue={(v) => setChange((c) => ({ ...c, gender: v }))}
                placeholder={t('privacyPages.requests.unchanged')}
                options={GENDERS.map((g) => ({ value: g, label: codeLabel('requests.genders', g) }))}
                error={errors.fields['change.gender']}
              />
            </div>
          </FieldSet>
        )}
        <TextAreaField
          spec={reasonSpec}
          required
          rows={4}
          hint={t('privacyPages.requests.reasonHint')}
          value={reason}
          onValue={setReason}
          maxLength={4000}
          error={errors.fields.reason}
        />
        <TextField
          spec={receivedSpec}
          type="date"
          required
          value={receivedOn}
          onValue={setReceivedOn}
          error={errors.fields.receivedOn}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t('privacyPages.requests.submit')}
          </Button>
          <LinkButton to={paths.rectification} variant="tertiary">
            {t('common.cancel')}
          </LinkButton>
        </FormActions>
      </form>
    </div>
  );
}

export function RequestPage({ kind }: { kind: RequestKind }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const loaded = useLoad<ErasureRequest | RectificationRequest>(
    () => (kind === 'erasure' ? getErasureRequest(id) : getRectificationRequest(id)),
    [kind, id],
  );
  const [notice, setNotice] = useState<string | null>(null);
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const r = loaded.data;
  const mine = r?.requestedBy.id === session.me?.user.id;
  return (
    <>
      <BackLink to={paths.rectification}>{t('privacyPages.requests.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!r && loaded.loading && <Loading />}
      {r && (
        <>
          <PageHeader
            title={t(`privacyPages.requests.detailTitle.${kind}`, {
              name: r.personName ?? t('privacyPages.requests.personGone'),
            })}
          />
          <Flash />
          {notice && <Notice severity="success" heading={notice} live />}
          <DescriptionList termsWidth="medium" className="pv-facts">
            <DescriptionList.Term>{t('privacyPages.requests.status')}</DescriptionList.Term>
            <DescriptionList.Description>
              <StatusBadge status={r.status} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.requests.receivedOn')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(r.receivedOn)}</DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.requests.requestedBy')}</DescriptionList.Term>
            <DescriptionList.Description>
              {r.requestedBy.name}, {formatDateTime(r.requestedAt)}
            </DescriptionList.Description>
            {kind === 'erasure' && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.scope')}</DescriptionList.Term>
                <DescriptionList.Description>
                  {codeLabel('requests.scopes', (r as ErasureRequest).scope)}
                  {(r as ErasureRequest).caseId && (
                    <span className="schakel-id pv-block">{(r as ErasureRequest).caseId}</span>
                  )}
                  {(r as ErasureRequest).signalId && (
                    <span className="schakel-id pv-block">{(r as ErasureRequest).signalId}</span>
                  )}
                </DescriptionList.Description>
              </>
            )}
            {kind === 'rectification' && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.change')}</DescriptionList.Term>
                <DescriptionList.Description>
                  {changeText((r as RectificationRequest).change, t)}
                </DescriptionList.Description>
              </>
            )}
            <DescriptionList.Term>{t('privacyPages.requests.reason')}</DescriptionList.Term>
            <DescriptionList.Description className="pv-prewrap">
              {r.reason ?? t('privacyPages.requests.scrubbed')}
            </DescriptionList.Description>
            {r.decidedBy && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.decidedBy')}</DescriptionList.Term>
                <DescriptionList.Description>
                  {r.decidedBy.name}, {formatDateTime(r.decidedAt)}
                </DescriptionList.Description>
              </>
            )}
            {r.decisionNote && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.note')}</DescriptionList.Term>
                <DescriptionList.Description className="pv-prewrap">{r.decisionNote}</DescriptionList.Description>
              </>
            )}
            {r.executedAt && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.executedAt')}</DescriptionList.Term>
                <DescriptionList.Description>{formatDateTime(r.executedAt)}</DescriptionList.Description>
              </>
            )}
            {kind === 'erasure' && (r as ErasureRequest).result && (
              <>
                <DescriptionList.Term>{t('privacyPages.requests.result')}</DescriptionList.Term>
                <DescriptionList.Description>
                  {t('privacyPages.requests.resultText', (r as ErasureRequest).result ?? {})}
                </DescriptionList.Description>
              </>
            )}
          </DescriptionList>
          {r.status === 'requested' &&
            (mine ? (
              <Notice severity="warning" heading={t('privacyPages.requests.fourEyesHeading')}>
                <Paragraph>{t('privacyPages.requests.fourEyes')}</Paragraph>
              </Notice>
            ) : (
              <DecisionForm
                kind={kind}
                request={r}
                onReload={() => void loaded.reload()}
                onDecided={(decided, approved) => {
                  loaded.setData(decided);
                  setNotice(t(approved ? `privacyPages.requests.approved.${kind}` : 'privacyPages.requests.rejected'));
                }}
              />
            ))}
        </>
      )}
    </>
  );
}

function DecisionForm({
  kind,
  request,
  onDecided,
  onReload,
}: {
  kind: RequestKind;
  request: ErasureRequest | RectificationRequest;
  onDecided: (request: ErasureRequest | RectificationRequest, approved: boolean) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const noteSpec: FieldSpec = {
    name: 'note',
    id: fieldId('request-decision', 'note'),
    label: t('privacyPages.requests.note'),
  };
  const fields: FieldSpec[] = [
    noteSpec,
    { name: 'personId', id: 'request-decision-heading', label: t('privacyPages.requests.person') },
    { name: 'caseId', id: 'request-decision-heading', label: t('privacyPages.requests.caseId') },
    { name: 'signalId', id: 'request-decision-heading', label: t('privacyPages.requests.signalId') },
  ];

  async function decide(decision: 'approval' | 'rejection') {
    const found: FieldErrors = {};
    if (decision === 'rejection') {
      if (!note.trim()) found.note = t('privacyPages.requests.noteRequired');
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const decided = await decideRequest(kind, request.id, decision, {
        ...(note.trim() ? { note: note.trim() } : {}),
        version: request.version,
      });
      clear();
      onDecided(decided, decision === 'approval');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      if (error instanceof ApiError && error.code === 'FOUR_EYES_REQUIRED') {
        fail({ fields: {}, general: [t('privacyPages.requests.fourEyes')] });
      } else {
        fail(nestedProblemToErrors(error, fields, t));
      }
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section schakel-narrow" aria-labelledby="request-decision-heading">
      <Heading level={2} id="request-decision-heading" tabIndex={-1}>
        {t('privacyPages.requests.decisionHeading')}
      </Heading>
      <Paragraph>{t(`privacyPages.requests.decisionIntro.${kind}`)}</Paragraph>
      <form
        className="schakel-form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void decide('approval');
        }}
        aria-labelledby="request-decision-heading"
      >
        <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
        {stale && <StaleNotice onReload={onReload} />}
        <TextAreaField
          spec={noteSpec}
          optional
          rows={3}
          hint={t('privacyPages.requests.noteHint')}
          value={note}
          onValue={setNote}
          maxLength={4000}
          error={errors.fields.note}
        />
        <FormActions>
          <Button type="submit" disabled={busy}>
            {t(`privacyPages.requests.approve.${kind}`)}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => void decide('rejection')}>
            {t('privacyPages.requests.reject')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
