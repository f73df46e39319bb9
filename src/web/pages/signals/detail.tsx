import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { listPersonAssessments } from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import {
  ATTACHMENT_EXTENSIONS,
  ATTACHMENT_MAX_BYTES,
  type Attachment,
  attachmentUrl,
  createLinkRequest,
  getSignal,
  linkSubject,
  listAttachments,
  listIndicators,
  type Signal,
  type SignalSubject,
  type SubjectLinkInput,
  unlinkSubject,
  updateSignal,
  uploadAttachment,
} from '../../api/signals.js';
import { listTriageDecisions } from '../../api/triage.js';
import type { Organisation } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import {
  Button,
  DescriptionList,
  ErrorMessage,
  Field,
  FileInput,
  Heading,
  Label,
  Paragraph,
} from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  generalMessage,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, DataTable, Flash, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newCasePath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import {
  formatBytes,
  localLabel,
  personName,
  pointerErrors,
  SourceOrganisation,
  specFinder,
  TextAreaField,
  useMunicipalities,
  useOrganisations,
} from './common.js';
import {
  draftOf,
  type IntakeDraft,
  IntakeFields,
  intakeBody,
  intakeFieldSpecs,
  validateIntake,
} from './intake-fields.js';
import { SignalLinkRequests } from './link-requests.js';
import {
  chosenHit,
  emptySubject,
  knownToNames,
  NEW_PERSON,
  recordedReason,
  type SubjectDraft,
  SubjectEditor,
  subjectFields,
  validateSubject,
} from './subject-editor.js';

/** Focuses an element (a heading of a part that just opened) after it has rendered. */
function useFocusOnOpen<T extends HTMLElement>(open: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}

export function SignalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const signal = useLoad(() => getSignal(id), [id]);
  const organisations = useOrganisations();
  const [notice, setNotice] = useState<string | null>(null);

  if (signal.error instanceof ApiError && signal.error.status === 404) {
    return (
      <div className="schakel-narrow">
        <BackLink to={paths.signals}>{t('signals.title')}</BackLink>
        <PageHeader title={t('notFound.title')} />
        <Paragraph>{t('signals.notFound')}</Paragraph>
      </div>
    );
  }
  const s = signal.data;
  const changed = (next: Signal, message: string) => {
    signal.setData(next);
    setNotice(message);
  };
  return (
    <>
      <BackLink to={paths.signals}>{t('signals.title')}</BackLink>
      <PageHeader
        title={s ? t('signals.detailTitle', { reference: s.reference }) : t('signals.title')}
        intro={s ? t(`intake.signalStatus.${s.status}`) : undefined}
      />
      <Flash />
      {notice && <Notice severity="success" heading={notice} live />}
      {signal.error !== null && <LoadError error={signal.error} onRetry={() => void signal.reload()} />}
      {!s && signal.error === null && <Loading />}
      {s && (
        <>
          <SignalDetails signal={s} organisations={organisations.data} onChanged={changed} onReload={signal.reload} />
          <SubjectsSection signal={s} onChanged={changed} />
          <HistorySection signal={s} />
          <AttachmentsSection signal={s} />
          <AssessmentsSection signal={s} />
          <TriageSection signal={s} />
        </>
      )}
    </>
  );
}

function SignalDetails({
  signal: s,
  organisations,
  onChanged,
  onReload,
}: {
  signal: Signal;
  organisations: Organisation[] | null;
  onChanged: (s: Signal, m: string) => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Back from the form: the keyboard returns to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  if (editing) {
    return (
      <EditIntakeForm
        signal={s}
        onDone={(next) => {
          setEditing(false);
          onChanged(next, t('signals.editSaved'));
        }}
        onCancel={() => setEditing(false)}
        onReload={onReload}
      />
    );
  }
  return (
    <section className="schakel-section" aria-labelledby="signal-details">
      <Heading level={2} id="signal-details">
        {t('signals.detailsHeading')}
      </Heading>
      <DescriptionList className="schakel-details">
        <DescriptionList.Term>{t('signals.status')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`intake.signalStatus.${s.status}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.receivedOn')}</DescriptionList.Term>
        <DescriptionList.Description>{formatDate(s.receivedOn)}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.municipality')}</DescriptionList.Term>
        <DescriptionList.Description>{s.municipality.name}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.source')}</DescriptionList.Term>
        <DescriptionList.Description>
          {s.sourceOrganisation ? (
            <SourceOrganisation
              id={s.sourceOrganisation.id}
              name={s.sourceOrganisation.name}
              organisations={organisations}
            />
          ) : (
            t('signals.outsideReporter')
          )}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('signals.reporterKind')}</DescriptionList.Term>
        <DescriptionList.Description>
          {s.reporterKind ? t(`intake.reporterKind.${s.reporterKind}`) : t('intake.common.none')}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('signals.reporterName')}</DescriptionList.Term>
        <DescriptionList.Description>{s.reporterName ?? t('intake.common.none')}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.reporterContact')}</DescriptionList.Term>
        <DescriptionList.Description>{s.reporterContact ?? t('intake.common.none')}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.urgency')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`intake.urgency.${s.urgency}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.ideology')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`intake.ideology.${s.ideology}`)}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.indicators')}</DescriptionList.Term>
        <DescriptionList.Description>
          {s.indicators.length === 0 ? (
            t('signals.noIndicators')
          ) : (
            <ul className="schakel-inline-list">
              {s.indicators.map((i) => (
                <li key={i.code}>{localLabel(i)}</li>
              ))}
            </ul>
          )}
        </DescriptionList.Description>
        <DescriptionList.Term>{t('signals.description')}</DescriptionList.Term>
        <DescriptionList.Description className="schakel-pre-line">{s.description}</DescriptionList.Description>
        <DescriptionList.Term>{t('signals.legalRegime')}</DescriptionList.Term>
        <DescriptionList.Description>{t(`caseLabels.legalRegimes.${s.legalRegime}`)}</DescriptionList.Description>
        {s.legalRegimeReason && (
          <>
            <DescriptionList.Term>{t('signals.legalRegimeReason')}</DescriptionList.Term>
            <DescriptionList.Description className="schakel-pre-line">
              {s.legalRegimeReason}
            </DescriptionList.Description>
          </>
        )}
        <DescriptionList.Term>{t('signals.createdBy')}</DescriptionList.Term>
        <DescriptionList.Description>
          {t('signals.registeredBy', {
            date: formatDateTime(s.createdAt),
            name: s.createdBy.name,
            organisation: s.registrantOrganisation.name,
          })}
          {s.sourceOrganisation?.id !== s.registrantOrganisation.id && (
            <span className="schakel-actor-role">{t('signals.onBehalf')}</span>
          )}
        </DescriptionList.Description>
      </DescriptionList>
      {s.canEdit && (
        <p className="schakel-form-actions">
          <Button ref={editButton} variant="secondary" onClick={() => setEditing(true)}>
            {t('signals.edit')}
          </Button>
        </p>
      )}
    </section>
  );
}

/**
 * Corrects the intake data while the signal is open (PATCH with the version it was read at). Subjects
 * are changed by linking and unlinking, below; attachments by uploading.
 */
function EditIntakeForm({
  signal,
  onDone,
  onCancel,
  onReload,
}: {
  signal: Signal;
  onDone: (s: Signal) => void;
  onCancel: () => void;
  onReload: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const heading = useFocusOnOpen<HTMLHeadingElement>(true);
  const organisations = useOrganisations();
  const municipalities = useMunicipalities();
  const indicators = useLoad(() => listIndicators().then((r) => r.items.filter((i) => i.active)), []);
  const [draft, setDraftState] = useState<IntakeDraft>(() => draftOf(signal));
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields = intakeFieldSpecs(t, 'signal-edit');
  const spec = specFinder(fields);
  // A recorded indicator that has since been retired stays choosable here, so that saving keeps it.
  const choosable = [
    ...(indicators.data ?? []),
    ...signal.indicators.filter((i) => !(indicators.data ?? []).some((a) => a.code === i.code)),
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    validateIntake(draft, spec, t, found, organisations.data ?? []);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const next = await updateSignal(signal.id, {
        ...intakeBody(draft, organisations.data ?? []),
        version: signal.version,
      });
      clear();
      onDone(next);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(pointerErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  const loadError = organisations.error ?? municipalities.error ?? indicators.error;
  const ready = organisations.data && municipalities.data && indicators.data;
  return (
    <section className="schakel-section" aria-labelledby="signal-edit-heading">
      <Heading level={2} id="signal-edit-heading" ref={heading} tabIndex={-1}>
        {t('signals.editHeading')}
      </Heading>
      <Paragraph>{t('signals.editIntro')}</Paragraph>
      {loadError !== null && loadError !== undefined && <LoadError error={loadError} />}
      {!ready && !loadError && <Loading />}
      {ready && (
        <form className="schakel-form schakel-form-wide" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                setStale(false);
                void onReload().then(onCancel);
              }}
            />
          )}
          <IntakeFields
            draft={draft}
            onDraft={(update) => setDraftState((d) => ({ ...d, ...update }))}
            spec={spec}
            errors={errors.fields}
            me={session.me}
            organisations={organisations.data ?? []}
            municipalities={municipalities.data ?? []}
            indicators={choosable}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('signals.editSubmit')}
            </Button>
            <Button type="button" variant="tertiary" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}

function SubjectsSection({ signal: s, onChanged }: { signal: Signal; onChanged: (s: Signal, m: string) => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = session.me?.user.role ?? '';
  const [unlinking, setUnlinking] = useState<SignalSubject | null>(null);
  const [linking, setLinking] = useState(false);
  const [requestsKey, setRequestsKey] = useState(0);
  const [requested, setRequested] = useState<string | null>(null);
  const linkButton = useRef<HTMLButtonElement>(null);
  const isOpen = s.status === 'received' || s.status === 'triage';
  const canLink = s.canEdit && isOpen;
  const canSearch = role === 'process_director' || role === 'case_coordinator';

  return (
    <section className="schakel-section" aria-labelledby="signal-subjects">
      <Heading level={2} id="signal-subjects">
        {t('signals.subjectsHeading')}
      </Heading>
      {s.subjects.length === 0 ? (
        <Paragraph>{t('signals.noSubjects')}</Paragraph>
      ) : (
        <DataTable
          caption={t('signals.subjectsCaption')}
          captionHidden
          head={
            <>
              <Th>{t('signals.name')}</Th>
              <Th>{t('signals.dateOfBirth')}</Th>
              <Th>{t('signals.link')}</Th>
              <Th>{t('signals.linked')}</Th>
              {canLink && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {s.subjects.map((subject) => (
            <Tr key={subject.subjectId}>
              <Td>{personName(subject)}</Td>
              <Td>{subject.dateOfBirth ? formatDate(subject.dateOfBirth) : t('intake.common.unknown')}</Td>
              <Td>
                {t(`signals.linkKind.${subject.linkKind}`)}
                {subject.matchReason && <span className="schakel-actor-role">{subject.matchReason}</span>}
              </Td>
              <Td>{t('intake.common.by', { date: formatDateTime(subject.linkedAt), name: subject.linkedBy.name })}</Td>
              {canLink && (
                <Td>
                  <button
                    type="button"
                    className="schakel-inline-button"
                    aria-label={t('signals.unlinkLabel', { name: personName(subject) })}
                    onClick={() => setUnlinking(subject)}
                  >
                    {t('signals.unlink')}
                  </button>
                </Td>
              )}
            </Tr>
          ))}
        </DataTable>
      )}
      {unlinking && (
        <UnlinkForm
          signal={s}
          subject={unlinking}
          onDone={(next) => {
            setUnlinking(null);
            onChanged(next, t('signals.unlinked', { name: personName(unlinking) }));
          }}
          onCancel={() => setUnlinking(null)}
        />
      )}
      {canLink && !linking && (
        <p className="schakel-form-actions">
          <Button ref={linkButton} variant="secondary" onClick={() => setLinking(true)}>
            {t('signals.linkHeading')}
          </Button>
        </p>
      )}
      {requested && <Notice severity="success" heading={requested} live />}
      {canLink && linking && (
        <LinkForm
          signal={s}
          canSearch={canSearch}
          onDone={(next, name) => {
            setLinking(false);
            onChanged(next, t('signals.linkedNotice', { name }));
          }}
          onRequested={(municipalities) => {
            setLinking(false);
            setRequested(t('signals.linkRequested', { municipalities }));
            setRequestsKey((k) => k + 1);
          }}
          onCancel={() => setLinking(false)}
        />
      )}
      {canSearch && <SignalLinkRequests signalId={s.id} reloadKey={requestsKey} />}
    </section>
  );
}

function UnlinkForm({
  signal,
  subject,
  onDone,
  onCancel,
}: {
  signal: Signal;
  subject: SignalSubject;
  onDone: (s: Signal) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnOpen<HTMLHeadingElement>(subject.subjectId);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [{ name: 'reason', id: 'unlink-reason', label: t('signals.unlinkReason') }];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      return fail({
        fields: { reason: t('errors.required', { label: t('signals.unlinkReason').toLowerCase() }) },
        general: [],
      });
    }
    setBusy(true);
    try {
      onDone(await unlinkSubject(signal.id, subject.subjectId, reason.trim()));
    } catch (error) {
      fail(pointerErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="schakel-form schakel-panel schakel-narrow"
      noValidate
      onSubmit={submit}
      aria-labelledby="unlink-heading"
    >
      <Heading level={3} id="unlink-heading" ref={heading} tabIndex={-1}>
        {t('signals.unlinkHeading', { name: personName(subject) })}
      </Heading>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <TextAreaField
        spec={fields[0] as FieldSpec}
        required
        rows={3}
        hint={t('signals.unlinkReasonHint')}
        value={reason}
        onValue={setReason}
        error={errors.fields.reason}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('signals.unlinkConfirm')}
        </Button>
        <Button type="button" variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

function LinkForm({
  signal,
  canSearch,
  onDone,
  onRequested,
  onCancel,
}: {
  signal: Signal;
  canSearch: boolean;
  onDone: (s: Signal, name: string) => void;
  /** A hit was chosen: a link request went to the municipalities named. */
  onRequested: (municipalities: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const heading = useFocusOnOpen<HTMLHeadingElement>(true);
  const [draft, setDraftState] = useState<SubjectDraft>(emptySubject);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields = subjectFields(t, 'subject', 0, draft.key, 'link');
  const choiceSpec = fields[4] as FieldSpec;
  const linkReasonSpec = fields[5] as FieldSpec;
  // The API names its fields without the "subject/" prefix (/personId, /newPerson/firstName); a link
  // request names /hitId and /reason.
  const hit = chosenHit(draft);
  const apiFields: FieldSpec[] = [
    ...fields.map((f) => ({ ...f, name: f.name.replace('subject/', '') })),
    { ...choiceSpec, name: hit ? 'hitId' : 'personId' },
    hit ? { ...linkReasonSpec, name: 'reason' } : { ...choiceSpec, name: 'reason' },
  ];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    validateSubject(draft, fields, 0, t, found);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      if (hit) {
        await createLinkRequest({ hitId: hit.hitId, signalId: signal.id, reason: draft.linkReason.trim() });
        clear();
        onRequested(knownToNames(hit));
        return;
      }
      let body: SubjectLinkInput;
      let name: string;
      if (draft.choice === NEW_PERSON) {
        // Created and linked in one request (one transaction), as at intake.
        const newPerson = {
          firstName: draft.firstName.trim(),
          namePrefix: draft.namePrefix.trim() || null,
          lastName: draft.lastName.trim(),
          dateOfBirth: draft.dateOfBirth || null,
        };
        body = { newPerson };
        name = personName({ ...newPerson, namePrefix: newPerson.namePrefix });
      } else {
        const match = draft.matches?.find((m) => m.personId === draft.choice);
        const reason = match ? recordedReason(match) : undefined;
        body = { personId: draft.choice, ...(reason ? { reason } : {}) };
        name = match ? personName(match) : '';
      }
      const next = await linkSubject(signal.id, body);
      clear();
      onDone(next, name);
    } catch (error) {
      const mapped = pointerErrors(error, apiFields, t);
      // Field errors of the API come back under the API's names; show them on this form's fields.
      const byForm: FieldErrors = {};
      for (const [name, message] of Object.entries(mapped.fields)) {
        const spec = apiFields.find((f) => f.name === name);
        const formSpec = spec && fields.find((f) => f.id === spec.id);
        if (formSpec) byForm[formSpec.name] = message;
      }
      fail({ fields: byForm, general: mapped.general });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="schakel-form schakel-form-wide" noValidate onSubmit={submit} aria-labelledby="link-heading">
      <Heading level={3} id="link-heading" ref={heading} tabIndex={-1}>
        {t('signals.linkHeading')}
      </Heading>
      <Paragraph>{t('signals.linkIntro')}</Paragraph>
      <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
      <SubjectEditor
        draft={draft}
        onChange={(update) => setDraftState((d) => ({ ...d, ...update }))}
        errors={errors.fields}
        fields={fields}
        canSearch={canSearch}
        signalId={signal.id}
      />
      <FormActions>
        <Button type="submit" disabled={busy}>
          {t('signals.linkSubmit')}
        </Button>
        <Button type="button" variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </form>
  );
}

function HistorySection({ signal: s }: { signal: Signal }) {
  const { t } = useTranslation();
  if (s.subjectHistory.length === 0) return null;
  const nameOf = (personId: string) => {
    const active = s.subjects.find((x) => x.personId === personId);
    return active ? personName(active) : null;
  };
  return (
    <section className="schakel-section" aria-labelledby="signal-history">
      <Heading level={2} id="signal-history">
        {t('signals.historyHeading')}
      </Heading>
      <DataTable
        caption={t('signals.historyCaption')}
        head={
          <>
            <Th>{t('signals.person')}</Th>
            <Th>{t('signals.link')}</Th>
            <Th>{t('signals.linkedBy')}</Th>
            <Th>{t('signals.linkReason')}</Th>
            <Th>{t('signals.unlinkedBy')}</Th>
            <Th>{t('signals.unlinkReason')}</Th>
          </>
        }
      >
        {s.subjectHistory.map((h) => (
          <Tr key={h.subjectId}>
            <Td>{(!h.unlinkedAt && nameOf(h.personId)) || t('signals.unlinkedPerson')}</Td>
            <Td>{t(`signals.linkKind.${h.linkKind}`)}</Td>
            <Td>{t('intake.common.by', { date: formatDateTime(h.linkedAt), name: h.linkedBy.name })}</Td>
            <Td>{h.matchReason ?? t('intake.common.none')}</Td>
            <Td>
              {h.unlinkedAt
                ? t('intake.common.by', { date: formatDateTime(h.unlinkedAt), name: h.unlinkedBy?.name ?? '' })
                : t('signals.stillLinked')}
            </Td>
            <Td>{h.unlinkReason ?? t('intake.common.none')}</Td>
          </Tr>
        ))}
      </DataTable>
    </section>
  );
}

function AttachmentsSection({ signal: s }: { signal: Signal }) {
  const { t } = useTranslation();
  const list = useLoad(() => listAttachments(s.id), [s.id]);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [{ name: 'file', id: 'attachment-file', label: t('signals.file') }];
  const canUpload = s.canEdit && s.status !== 'closed';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    let problem: string | null = null;
    if (!file) problem = t('signals.fileMissing');
    else if (file.size > ATTACHMENT_MAX_BYTES) problem = t('signals.fileTooLarge');
    else {
      const ext = file.name.includes('.') ? (file.name.split('.').pop() ?? '').toLowerCase() : '';
      if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(ext)) problem = t('signals.fileType');
    }
    if (problem || !file) return fail({ fields: { file: problem ?? t('signals.fileMissing') }, general: [] });
    setBusy(true);
    try {
      const saved = await uploadAttachment(s.id, file);
      clear();
      setFile(null);
      setInputKey((k) => k + 1);
      setNotice(t('signals.uploaded_notice', { name: saved.filename }));
      await list.reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) {
        fail({ fields: { file: t('signals.fileTooLarge') }, general: [] });
      } else {
        fail(pointerErrors(error, fields, t));
      }
    } finally {
      setBusy(false);
    }
  }

  const items: Attachment[] = list.data?.items ?? [];
  const error = errors.fields.file;
  return (
    <section className="schakel-section" aria-labelledby="signal-attachments">
      <Heading level={2} id="signal-attachments">
        {t('signals.attachmentsHeading')}
      </Heading>
      {notice && <Notice severity="success" heading={notice} live />}
      {list.error !== null && <LoadError error={list.error} onRetry={() => void list.reload()} />}
      {list.data &&
        (items.length === 0 ? (
          <Paragraph>{t('signals.noAttachments')}</Paragraph>
        ) : (
          <DataTable
            caption={t('signals.attachmentsCaption')}
            captionHidden
            head={
              <>
                <Th>{t('signals.filename')}</Th>
                <Th>{t('signals.mediaType')}</Th>
                <Th align="end">{t('signals.size')}</Th>
                <Th>{t('signals.uploaded')}</Th>
              </>
            }
          >
            {items.map((a) => (
              <Tr key={a.id}>
                <Td>
                  <a
                    className="ams-link"
                    href={attachmentUrl(s.id, a.id)}
                    download={a.filename}
                    aria-label={t('signals.downloadLabel', { name: a.filename })}
                  >
                    {a.filename}
                  </a>
                </Td>
                <Td>{a.mediaType}</Td>
                <Td align="end">{formatBytes(a.sizeBytes)}</Td>
                <Td>{t('intake.common.by', { date: formatDateTime(a.uploadedAt), name: a.uploadedBy.name })}</Td>
              </Tr>
            ))}
          </DataTable>
        ))}
      {canUpload && (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <Field invalid={Boolean(error)}>
            <Label htmlFor="attachment-file">{t('signals.file')}</Label>
            <Paragraph size="small" id="attachment-file-hint" className="schakel-field-hint">
              {t('signals.fileHint')}
            </Paragraph>
            {error && <ErrorMessage id="attachment-file-error">{error}</ErrorMessage>}
            <FileInput
              key={inputKey}
              id="attachment-file"
              name="file"
              accept={ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',')}
              aria-describedby={error ? 'attachment-file-hint attachment-file-error' : 'attachment-file-hint'}
              aria-invalid={Boolean(error) || undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Field>
          <FormActions>
            <Button type="submit" variant="secondary" disabled={busy}>
              {busy ? t('signals.uploading') : t('signals.upload')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}

function AssessmentsSection({ signal: s }: { signal: Signal }) {
  const { t } = useTranslation();
  const personIds = s.subjects.map((x) => x.personId);
  const assessments = useLoad(
    () => Promise.all(personIds.map((pid) => listPersonAssessments(pid).then((r) => r.items))),
    [personIds.join(',')],
  );
  if (s.subjects.length === 0) return null;
  return (
    <section className="schakel-section" aria-labelledby="signal-assessments">
      <Heading level={2} id="signal-assessments">
        {t('signals.assessmentsHeading')}
      </Heading>
      <Paragraph>{t('signals.assessmentsIntro')}</Paragraph>
      {assessments.error !== null && <LoadError error={assessments.error} onRetry={() => void assessments.reload()} />}
      {assessments.loading && !assessments.data && <Loading />}
      {assessments.data &&
        s.subjects.map((subject, i) => {
          const items = assessments.data?.[i] ?? [];
          const name = personName(subject);
          return (
            <section
              key={subject.subjectId}
              className="schakel-section"
              aria-labelledby={`assess-${subject.subjectId}`}
            >
              <Heading level={3} id={`assess-${subject.subjectId}`}>
                {t('signals.assessmentsOf', { name })}
              </Heading>
              {items.length === 0 ? (
                <Paragraph>{t('signals.noAssessments')}</Paragraph>
              ) : (
                <DataTable
                  caption={t('signals.assessmentsOf', { name })}
                  captionHidden
                  head={
                    <>
                      <Th>{t('assessments.version')}</Th>
                      <Th>{t('assessments.assessedOn')}</Th>
                      <Th>{t('assessments.concernLevel')}</Th>
                      <Th>{t('assessments.status')}</Th>
                      <Th>{t('assessments.assessor')}</Th>
                    </>
                  }
                >
                  {items.map((a) => (
                    <Tr key={a.id}>
                      <Td>
                        <Link className="ams-link" to={itemPath(paths.assessments, a.id)}>
                          {t('assessments.viewLabel', { n: a.sequence })}
                        </Link>
                      </Td>
                      <Td>{formatDate(a.assessedOn)}</Td>
                      <Td>{a.concernLevel ? t(`intake.concern.${a.concernLevel}`) : t('intake.common.none')}</Td>
                      <Td>{t(`assessments.statusLabel.${a.status}`)}</Td>
                      <Td>
                        {a.assessor.name}
                        <span className="schakel-actor-role">{a.assessor.organisationName}</span>
                      </Td>
                    </Tr>
                  ))}
                </DataTable>
              )}
              <ul className="schakel-inline-list">
                <li>
                  <Link
                    className="ams-link"
                    to={`${newCasePath(paths.assessments)}?personId=${encodeURIComponent(subject.personId)}&signalId=${encodeURIComponent(s.id)}`}
                  >
                    {t('signals.newAssessment', { name })}
                  </Link>
                </li>
                {items.length > 0 && (
                  <li>
                    <Link
                      className="ams-link"
                      to={`${paths.persons}/${encodeURIComponent(subject.personId)}/assessments?signalId=${encodeURIComponent(s.id)}`}
                    >
                      {t('signals.allVersions', { name })}
                    </Link>
                  </li>
                )}
              </ul>
            </section>
          );
        })}
    </section>
  );
}

function TriageSection({ signal: s }: { signal: Signal }) {
  const { t } = useTranslation();
  const decisionId = s.decision?.id ?? null;
  const decision = useLoad(
    () =>
      decisionId
        ? listTriageDecisions({ signalId: s.id, limit: 1 }).then((r) => r.items[0] ?? null)
        : Promise.resolve(null),
    [s.id, decisionId],
  );
  const d = s.decision;
  return (
    <section className="schakel-section" aria-labelledby="signal-triage">
      <Heading level={2} id="signal-triage">
        {t('signals.triageHeading')}
      </Heading>
      {!d ? (
        <>
          <Paragraph>
            {t('signals.status')}: {t(`intake.signalStatus.${s.status}`)}. {t('signals.notYetDecided')}
          </Paragraph>
          {s.canDecide && (
            <Paragraph>
              <Link className="ams-link" to={paths.triage}>
                {t('signals.toTriage')}
              </Link>
            </Paragraph>
          )}
        </>
      ) : (
        <DescriptionList className="schakel-details">
          <DescriptionList.Term>{t('signals.decision')}</DescriptionList.Term>
          <DescriptionList.Description>{t(`intake.decision.${d.decision}`)}</DescriptionList.Description>
          {d.referredTo && (
            <>
              <DescriptionList.Term>{t('signals.referredTo')}</DescriptionList.Term>
              <DescriptionList.Description>{t(`intake.referral.${d.referredTo}`)}</DescriptionList.Description>
            </>
          )}
          <DescriptionList.Term>{t('signals.decidedAt')}</DescriptionList.Term>
          <DescriptionList.Description>
            {decision.data
              ? t('intake.common.by', { date: formatDateTime(d.decidedAt), name: decision.data.decidedBy.name })
              : formatDateTime(d.decidedAt)}
          </DescriptionList.Description>
          {decision.data && (
            <>
              <DescriptionList.Term>{t('signals.rationale')}</DescriptionList.Term>
              <DescriptionList.Description className="schakel-pre-line">
                {decision.data.rationale}
              </DescriptionList.Description>
            </>
          )}
          {d.caseId && (
            <>
              <DescriptionList.Term>{t('signals.case')}</DescriptionList.Term>
              <DescriptionList.Description>
                <Link className="ams-link" to={itemPath(paths.cases, d.caseId)}>
                  {decision.data?.caseReference
                    ? t('signals.toCase', { reference: decision.data.caseReference })
                    : t('signals.toCaseNoRef')}
                </Link>
              </DescriptionList.Description>
            </>
          )}
        </DescriptionList>
      )}
      {decision.error !== null && <Paragraph>{generalMessage(decision.error, t)}</Paragraph>}
    </section>
  );
}
