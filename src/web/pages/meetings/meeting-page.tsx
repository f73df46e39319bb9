/**
 * One case conference: its status (from the transitions the API allows), documents, agenda of
 * cases, attendance per organisation and the minutes.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CaseListItem, listCases, OPEN_PHASES } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { listOrganisations } from '../../api/endpoints.js';
import {
  type AgendaItem,
  addAgendaItem,
  getMeeting,
  getMinutes,
  invitationIcsUrl,
  type MeetingDetail,
  type MeetingStatus,
  minutesPdfUrl,
  removeAgendaItem,
  saveAttendance,
  saveMinutes,
  transitionMeeting,
  updateAgendaItem,
} from '../../api/meetings.js';
import { Button, Checkbox, DescriptionList, Paragraph, TextInput } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, DataTable, Flash, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { agendaItemPath, casePath, meetingsPath } from '../cases/paths.js';
import { caseProblemToErrors, Section, StatusMessage } from '../cases/shared.js';
import { NotFoundPage } from '../not-found.js';
import { meetingWhen } from './format.js';

/** Loads up to 1000 cases the user can see, for the agenda picker. */
async function loadOpenCases(): Promise<CaseListItem[]> {
  const all: CaseListItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 5; page++) {
    const result: { items: CaseListItem[]; nextCursor: string | null } = await listCases({ limit: 200, cursor });
    all.push(...result.items.filter((c) => OPEN_PHASES.includes(c.phase)));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const loaded = useLoad(() => getMeeting(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const meeting = loaded.data;

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;

  const reload = async () => {
    await loaded.reload();
  };

  return (
    <>
      <BackLink to={meetingsPath}>{t('meetings.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!meeting && loaded.loading && <Loading />}
      {meeting && (
        <>
          <PageHeader title={meeting.title} intro={meetingWhen(meeting, t)} />
          <Flash />
          <StatusMessage message={message} />
          <Details meeting={meeting} />
          <StatusSection meeting={meeting} reload={reload} notify={setMessage} />
          <Agenda meeting={meeting} reload={reload} notify={setMessage} />
          <AttendanceSection meeting={meeting} reload={reload} notify={setMessage} />
          <MinutesSection meeting={meeting} notify={setMessage} />
        </>
      )}
    </>
  );
}

interface MeetingProps {
  meeting: MeetingDetail;
  reload: () => Promise<void>;
  notify: (message: string) => void;
}

function Details({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const approved = meeting.status === 'minutes_approved';
  return (
    <Section id="meeting-details" title={t('meetings.page.details')}>
      <DescriptionList className="schakel-details cw-details">
        <DescriptionList.Term>{t('meetings.when')}</DescriptionList.Term>
        <DescriptionList.Description>{meetingWhen(meeting, t)}</DescriptionList.Description>
        <DescriptionList.Term>{t('meetings.location')}</DescriptionList.Term>
        <DescriptionList.Description>{meeting.location ?? t('common.none')}</DescriptionList.Description>
        <DescriptionList.Term>{t('meetings.chair')}</DescriptionList.Term>
        <DescriptionList.Description>{meeting.chair.name}</DescriptionList.Description>
        <DescriptionList.Term>{t('meetings.page.documents')}</DescriptionList.Term>
        <DescriptionList.Description>
          <a className="ams-link" href={invitationIcsUrl(meeting.id)} download>
            {t('meetings.page.invitation')}
          </a>
          <span className="cw-cell-note">{t('meetings.page.invitationHint')}</span>
          <a className="ams-link" href={minutesPdfUrl(meeting.id)} download>
            {approved ? t('meetings.page.minutesPdf') : t('meetings.page.minutesPdfDraft')}
          </a>
        </DescriptionList.Description>
      </DescriptionList>
    </Section>
  );
}

function StatusSection({ meeting, reload, notify }: MeetingProps) {
  const { t } = useTranslation();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  async function move(to: MeetingStatus) {
    setBusy(true);
    try {
      const saved = await transitionMeeting(meeting.id, to, meeting.version);
      clear();
      setConfirmCancel(false);
      await reload();
      notify(t('meetings.transitionDone', { status: t(`meetings.statuses.${saved.status}`) }));
    } catch (error) {
      fail(caseProblemToErrors(error, [], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="meeting-status" title={t('meetings.page.statusHeading')}>
      <Paragraph>
        <strong>{t(`meetings.statuses.${meeting.status}`)}</strong>
      </Paragraph>
      <ErrorSummary errors={errors} fields={[]} focusSignal={focusSignal} />
      {meeting.isChair ? (
        meeting.allowedTransitions.length > 0 && (
          <div className="cw-meeting-actions">
            {meeting.allowedTransitions
              .filter((to) => to !== 'cancelled')
              .map((to) => (
                <Button key={to} onClick={() => void move(to)} disabled={busy}>
                  {t(`meetings.transitions.${to}`)}
                </Button>
              ))}
            {meeting.allowedTransitions.includes('cancelled') && !confirmCancel && (
              <Button variant="secondary" onClick={() => setConfirmCancel(true)} disabled={busy}>
                {t('meetings.transitions.cancelled')}
              </Button>
            )}
          </div>
        )
      ) : (
        <Paragraph>{t('meetings.page.chairOnly', { name: meeting.chair.name })}</Paragraph>
      )}
      {confirmCancel && (
        <div className="schakel-confirm" role="alert">
          <Paragraph>{t('meetings.confirmCancel')}</Paragraph>
          <FormActions>
            <Button onClick={() => void move('cancelled')} disabled={busy}>
              {t('meetings.confirmCancelButton')}
            </Button>
            <Button variant="tertiary" onClick={() => setConfirmCancel(false)}>
              {t('meetings.keep')}
            </Button>
          </FormActions>
        </div>
      )}
    </Section>
  );
}

function Agenda({ meeting, reload, notify }: MeetingProps) {
  const { t } = useTranslation();
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const canChange = meeting.isChair && ['scheduled', 'in_progress', 'held'].includes(meeting.status);
  const canRemove = meeting.isChair && meeting.status === 'scheduled';
  const canAdd = meeting.isChair && (meeting.status === 'scheduled' || meeting.status === 'in_progress');

  async function run(action: () => Promise<unknown>, message: string) {
    setBusy(true);
    try {
      await action();
      clear();
      await reload();
      notify(message);
    } catch (error) {
      fail(caseProblemToErrors(error, [], t));
    } finally {
      setBusy(false);
    }
  }

  const move = (item: AgendaItem, position: number) =>
    run(
      () => updateAgendaItem(meeting.id, item.id, { position, version: item.version }),
      t('meetings.agenda.moved', { reference: item.case.reference, position }),
    );

  return (
    <Section id="meeting-agenda" title={t('meetings.agenda.heading')}>
      <ErrorSummary errors={errors} fields={[]} focusSignal={focusSignal} />
      {items.length === 0 ? (
        <Paragraph>{t('meetings.agenda.empty')}</Paragraph>
      ) : (
        <DataTable
          caption={t('meetings.agenda.caption')}
          head={
            <>
              <Th>{t('meetings.agenda.position')}</Th>
              <Th>{t('meetings.agenda.case')}</Th>
              <Th>{t('meetings.agenda.phase')}</Th>
              <Th>{t('meetings.agenda.status')}</Th>
              <Th>{t('common.actions')}</Th>
            </>
          }
        >
          {items.map((item, index) => (
            <Tr key={item.id}>
              <Td>{item.position}</Td>
              <Td>
                <Link className="ams-link" to={casePath(item.case.id)}>
                  {item.case.reference}
                </Link>
                <span className="cw-cell-note">{item.case.subjectName}</span>
              </Td>
              <Td>{t(`caseLabels.phases.${item.case.phase}`, { defaultValue: item.case.phase })}</Td>
              <Td>{t(`meetings.agenda.statuses.${item.status}`)}</Td>
              <Td>
                <div className="cw-meeting-actions">
                  <Link
                    className="ams-button ams-button--primary schakel-link-button"
                    to={agendaItemPath(meeting.id, item.id)}
                  >
                    {t('meetings.agenda.open')}
                    <span className="schakel-visually-hidden"> {item.case.reference}</span>
                  </Link>
                  {canChange && index > 0 && (
                    <Button variant="secondary" disabled={busy} onClick={() => void move(item, item.position - 1)}>
                      {t('meetings.agenda.moveUp')}
                      <span className="schakel-visually-hidden"> {item.case.reference}</span>
                    </Button>
                  )}
                  {canChange && index < items.length - 1 && (
                    <Button variant="secondary" disabled={busy} onClick={() => void move(item, item.position + 1)}>
                      {t('meetings.agenda.moveDown')}
                      <span className="schakel-visually-hidden"> {item.case.reference}</span>
                    </Button>
                  )}
                  {canRemove && (
                    <Button
                      variant="tertiary"
                      disabled={busy}
                      onClick={() =>
                        void run(
                          () => removeAgendaItem(meeting.id, item.id),
                          t('meetings.agenda.removed', { reference: item.case.reference }),
                        )
                      }
                    >
                      {t('meetings.agenda.remove')}
                      <span className="schakel-visually-hidden"> {item.case.reference}</span>
                    </Button>
                  )}
                </div>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {canAdd && <AddToAgenda meeting={meeting} reload={reload} notify={notify} />}
    </Section>
  );
}

function AddToAgenda({ meeting, reload, notify }: MeetingProps) {
  const { t } = useTranslation();
  const cases = useLoad(loadOpenCases, []);
  const [caseId, setCaseId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = { name: 'caseId', id: fieldId('agenda', 'caseId'), label: t('meetings.agenda.caseToAdd') };
  const onAgenda = new Set(meeting.agendaItems.map((i) => i.case.id));
  const available = (cases.data ?? []).filter((c) => !onAgenda.has(c.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec, caseId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const item = await addAgendaItem(meeting.id, caseId);
      clear();
      setCaseId('');
      await reload();
      notify(t('meetings.agenda.added', { reference: item.case.reference }));
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="agenda-add" level={3} title={t('meetings.agenda.add')}>
      {cases.error !== null && <LoadError error={cases.error} onRetry={() => void cases.reload()} />}
      {cases.loading && !cases.data && <Loading />}
      {cases.data && available.length === 0 && <Paragraph>{t('meetings.agenda.noCases')}</Paragraph>}
      {cases.data && available.length > 0 && (
        <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
          <SelectField
            spec={spec}
            required
            value={caseId}
            onValue={setCaseId}
            placeholder={t('common.choose')}
            options={available.map((c) => ({
              value: c.id,
              label: t('meetings.agenda.caseOption', {
                reference: c.reference,
                subject: c.subject.name,
                phase: t(`caseLabels.phases.${c.phase}`),
              }),
            }))}
            error={errors.fields.caseId}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('meetings.agenda.addSubmit')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

interface AttendanceRow {
  organisationId: string;
  name: string;
  present: boolean;
  attendees: string;
}

function AttendanceSection({ meeting, reload, notify }: MeetingProps) {
  const { t } = useTranslation();
  const editable = meeting.isChair && ['scheduled', 'in_progress', 'held'].includes(meeting.status);
  const organisations = useLoad(
    async () => (editable ? sortBy((await listOrganisations()).items, (o) => o.name) : []),
    [editable],
  );
  const recorded = new Map(meeting.attendance.map((a) => [a.organisationId, a]));
  const [rows, setRows] = useState<AttendanceRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const current: AttendanceRow[] =
    rows ??
    (organisations.data ?? []).map((o) => ({
      organisationId: o.id,
      name: o.name,
      present: recorded.get(o.id)?.present ?? false,
      attendees: recorded.get(o.id)?.attendees ?? '',
    }));
  const change = (organisationId: string, patch: Partial<AttendanceRow>) =>
    setRows(current.map((r) => (r.organisationId === organisationId ? { ...r, ...patch } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await saveAttendance(
        meeting.id,
        current
          .filter((r) => r.present || r.attendees.trim() || recorded.has(r.organisationId))
          .map((r) => ({
            organisationId: r.organisationId,
            present: r.present,
            attendees: r.attendees.trim() || null,
          })),
      );
      clear();
      setRows(null);
      await reload();
      notify(t('meetings.attendance.saved'));
    } catch (error) {
      fail(caseProblemToErrors(error, [], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="meeting-attendance" title={t('meetings.attendance.heading')} intro={t('meetings.attendance.intro')}>
      {!editable &&
        (meeting.attendance.length === 0 ? (
          <Paragraph>{t('meetings.attendance.empty')}</Paragraph>
        ) : (
          <DataTable
            caption={t('meetings.attendance.caption')}
            head={
              <>
                <Th>{t('meetings.attendance.organisation')}</Th>
                <Th>{t('meetings.attendance.present')}</Th>
                <Th>{t('meetings.attendance.attendees')}</Th>
              </>
            }
          >
            {meeting.attendance.map((a) => (
              <Tr key={a.organisationId}>
                <Td>{a.organisationName}</Td>
                <Td>{a.present ? t('caseLabels.yes') : t('caseLabels.no')}</Td>
                <Td>{a.attendees ?? t('common.none')}</Td>
              </Tr>
            ))}
          </DataTable>
        ))}
      {editable && organisations.loading && !organisations.data && <Loading />}
      {editable && organisations.data && (
        <form className="schakel-form cw-attendance" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={[]} focusSignal={focusSignal} />
          <DataTable
            caption={t('meetings.attendance.caption')}
            head={
              <>
                <Th>{t('meetings.attendance.organisation')}</Th>
                <Th>{t('meetings.attendance.present')}</Th>
                <Th>{t('meetings.attendance.attendees')}</Th>
              </>
            }
          >
            {current.map((r) => (
              <Tr key={r.organisationId}>
                <Td>{r.name}</Td>
                <Td>
                  <Checkbox
                    id={fieldId('attendance', `${r.organisationId}-present`)}
                    checked={r.present}
                    onChange={(e) => change(r.organisationId, { present: e.target.checked })}
                  >
                    <span className="schakel-visually-hidden">
                      {t('meetings.attendance.presentOf', { name: r.name })}
                    </span>
                  </Checkbox>
                </Td>
                <Td>
                  <TextInput
                    id={fieldId('attendance', `${r.organisationId}-attendees`)}
                    aria-label={t('meetings.attendance.attendeesOf', { name: r.name })}
                    value={r.attendees}
                    onChange={(e) => change(r.organisationId, { attendees: e.target.value })}
                    autoComplete="off"
                  />
                </Td>
              </Tr>
            ))}
          </DataTable>
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('meetings.attendance.save')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

function MinutesSection({ meeting, notify }: Omit<MeetingProps, 'reload'>) {
  const { t } = useTranslation();
  const minutes = useLoad(() => getMinutes(meeting.id), [meeting.id, meeting.version]);
  const editable = meeting.isChair && (meeting.status === 'in_progress' || meeting.status === 'held');
  const [notes, setNotes] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = { name: 'notes', id: fieldId('minutes', 'notes'), label: t('meetings.minutes.notes') };
  const data = minutes.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!data) return;
    setBusy(true);
    try {
      const saved = await saveMinutes(meeting.id, { notes: notes ?? data.notes ?? '', version: data.version });
      clear();
      minutes.setData(saved);
      setNotes(null);
      notify(t('meetings.minutes.saved'));
    } catch (error) {
      fail(caseProblemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="meeting-minutes" title={t('meetings.minutes.heading')}>
      {minutes.error !== null && <LoadError error={minutes.error} onRetry={() => void minutes.reload()} />}
      {data && (
        <>
          <Paragraph>
            {data.approved && data.approvedAt ? (
              t('meetings.minutes.approvedText', {
                date: formatDateTime(data.approvedAt),
                name: data.approvedBy?.name ?? t('common.none'),
              })
            ) : (
              <>
                <span className="cw-draft-mark">{t('meetings.minutes.draft')}</span> {t('meetings.minutes.draftText')}
              </>
            )}
          </Paragraph>
          {editable ? (
            <form className="schakel-form schakel-narrow" noValidate onSubmit={submit}>
              <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
              <TextAreaField
                spec={spec}
                hint={t('meetings.minutes.notesHint')}
                rows={8}
                value={notes ?? data.notes ?? ''}
                onValue={setNotes}
                error={errors.fields.notes}
              />
              <FormActions>
                <Button type="submit" variant="secondary" disabled={busy}>
                  {t('meetings.minutes.save')}
                </Button>
              </FormActions>
            </form>
          ) : data.notes ? (
            <p className="cw-info__body">{data.notes}</p>
          ) : (
            <Paragraph>
              {meeting.status === 'scheduled' ? t('meetings.minutes.notYet') : t('meetings.minutes.empty')}
            </Paragraph>
          )}
        </>
      )}
    </Section>
  );
}
