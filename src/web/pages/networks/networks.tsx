/**
 * Networks such as the Strategisch Netwerk Radicalisering en Polarisatie (SNRP): the list, adding and
 * changing a network, and one network with its members (key figures and users: personal data, for the
 * network director only), its meetings, the signals shared in it (never personal data) and its
 * activities.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  addNetworkActivity,
  addNetworkMeeting,
  addNetworkMember,
  addNetworkSignal,
  allKeyFigures,
  createNetwork,
  getNetwork,
  listNetworkActivities,
  listNetworkMeetings,
  listNetworkMembers,
  listNetworkSignals,
  listNetworks,
  NETWORK_KINDS,
  type Network,
  type NetworkKind,
  removeNetworkMember,
  updateNetwork,
} from '../../api/networks.js';
import { useSession } from '../../auth/session.js';
import { Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { FormShell, formFields, useSaveForm } from '../../components/form-shell.js';
import { PagedListView, usePagedList } from '../../components/list-page.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import { type Loaded, useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { networkProblemToErrors, Prose, Section, StatusMessage, todayIso, useFocusAfterRender } from './shared.js';

export const networkEditPath = (id: string) => `${itemPath(paths.networks, id)}/edit`;

export function NetworksPage() {
  const { t } = useTranslation();
  const data = useLoad(() => listNetworks({ limit: 200 }), []);
  return (
    <>
      <PageHeader
        title={t('networksPages.networks.title')}
        intro={t('networksPages.networks.intro')}
        actions={<LinkButton to={newPath(paths.networks)}>{t('networksPages.networks.new')}</LinkButton>}
      />
      <Flash />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data &&
        (data.data.items.length === 0 ? (
          <Paragraph>{t('networksPages.networks.empty')}</Paragraph>
        ) : (
          <DataTable
            caption={t('networksPages.networks.caption')}
            head={
              <>
                <Th>{t('networksPages.networks.name')}</Th>
                <Th>{t('networksPages.networks.kind')}</Th>
                <Th align="end">{t('networksPages.networks.memberCount')}</Th>
                <Th>{t('networksPages.networks.updatedAt')}</Th>
              </>
            }
          >
            {data.data.items.map((n) => (
              <Tr key={n.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.networks, n.id)}>
                    {n.name}
                  </Link>
                </Td>
                <Td>{t(`networksPages.networks.kinds.${n.kind}`)}</Td>
                <Td align="end">{formatNumber(n.memberCount)}</Td>
                <Td>{formatDate(n.updatedAt)}</Td>
              </Tr>
            ))}
          </DataTable>
        ))}
    </>
  );
}

export function NetworkFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(() => (isNew ? Promise.resolve(null) : getNetwork(id as string)), [id]);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NetworkKind | ''>('');
  const [description, setDescription] = useState('');
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const { fields, spec } = formFields('network', {
    name: t('networksPages.networks.name'),
    kind: t('networksPages.networks.kind'),
    description: t('networksPages.networks.description'),
  });
  const loaded = data.data;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setKind(loaded.kind);
      setDescription(loaded.description ?? '');
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded]);

  if (data.error instanceof ApiError && data.error.status === 404) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('name'), name, t);
    requireText(found, spec('kind'), kind, t, 'errors.requiredChoice');
    if (Object.keys(found).length || !kind) return fail({ fields: found, general: [] });
    setBusy(true);
    const body = { name: name.trim(), kind, description: description.trim() || null };
    try {
      const saved = isNew ? await createNetwork(body) : await updateNetwork(id as string, { ...body, version });
      clear();
      navigate(itemPath(paths.networks, saved.id), {
        state: {
          notice: isNew ? t('common.created', { name: saved.name }) : t('common.saved'),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(networkProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  const back = isNew ? paths.networks : itemPath(paths.networks, id as string);
  const title = isNew
    ? t('networksPages.networks.newTitle')
    : t('networksPages.networks.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={back}>{isNew ? t('networksPages.networks.title') : (loaded?.name ?? '')}</BackLink>
      <PageHeader title={title} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !isNew && !data.data && <Loading />}
      {(isNew || data.data) && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={isNew ? t('common.create') : t('common.save')}
          cancelTo={back}
        >
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void data.reload();
              }}
            />
          )}
          <TextField
            spec={spec('name')}
            required
            value={name}
            onValue={setName}
            error={errors.fields.name}
            autoComplete="off"
          />
          <SelectField
            spec={spec('kind')}
            required
            value={kind}
            onValue={(v) => setKind(v as NetworkKind)}
            placeholder={t('common.choose')}
            options={NETWORK_KINDS.map((k) => ({ value: k, label: t(`networksPages.networks.kinds.${k}`) }))}
            error={errors.fields.kind}
          />
          <TextAreaField
            spec={spec('description')}
            optional
            hint={t('networksPages.networks.descriptionHint')}
            value={description}
            onValue={setDescription}
            error={errors.fields.description}
          />
        </FormShell>
      )}
    </div>
  );
}

export function NetworkPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { id = '' } = useParams();
  const data = useLoad(() => getNetwork(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const network = data.data;
  if (data.error instanceof ApiError && data.error.status === 404) return <NotFoundPage />;
  const seesMembers = session.can('programme:contacts');
  return (
    <>
      <BackLink to={paths.networks}>{t('networksPages.networks.title')}</BackLink>
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {!network && data.loading && <Loading />}
      {network && (
        <>
          <PageHeader
            title={network.name}
            intro={t(`networksPages.networks.kinds.${network.kind}`)}
            actions={
              <LinkButton to={networkEditPath(network.id)} variant="secondary">
                {t('networksPages.networks.edit')}
              </LinkButton>
            }
          />
          <Flash />
          <StatusMessage message={message} />
          <Section id="network-about" title={t('networksPages.networks.about')}>
            {network.description ? (
              <Prose text={network.description} />
            ) : (
              <Paragraph>{t('networksPages.networks.noDescription')}</Paragraph>
            )}
          </Section>
          {seesMembers ? (
            <Members network={network} reloadNetwork={data} notify={setMessage} />
          ) : (
            <Section id="network-members" title={t('networksPages.networks.members')}>
              <Paragraph>{t('networksPages.networks.membersCount', { count: network.memberCount })}</Paragraph>
              <Paragraph>{t('networksPages.networks.membersHidden')}</Paragraph>
            </Section>
          )}
          <Meetings networkId={network.id} notify={setMessage} />
          <Signals networkId={network.id} notify={setMessage} />
          <Activities networkId={network.id} notify={setMessage} />
        </>
      )}
    </>
  );
}

interface PartProps {
  networkId: string;
  notify: (message: string) => void;
}

function Members({
  network,
  reloadNetwork,
  notify,
}: {
  network: Network;
  reloadNetwork: Loaded<Network>;
  notify: (message: string) => void;
}) {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => listNetworkMembers(network.id, { limit: 100, cursor }), [network.id]);
  const [adding, setAdding] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const standing = useLoad(
    () => (adding ? allKeyFigures({ active: 'true', withConsent: 'true' }) : Promise.resolve(null)),
    [adding],
  );
  const [keyFigureId, setKeyFigureId] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields: FieldSpec[] = [
    { name: 'keyFigureId', id: fieldId('member', 'keyFigureId'), label: t('networksPages.networks.keyFigure') },
  ];
  const memberIds = new Set(list.items.map((m) => m.keyFigureId).filter(Boolean));
  const available = (standing.data ?? []).filter((k) => !memberIds.has(k.id));

  async function change(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      clear();
      await Promise.all([list.first.reload(), reloadNetwork.reload()]);
      notify(done);
      return true;
    } catch (error) {
      fail(networkProblemToErrors(error, fields, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, fields[0] as FieldSpec, keyFigureId, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const name = available.find((k) => k.id === keyFigureId)?.name ?? '';
    if (
      await change(
        () => addNetworkMember(network.id, { keyFigureId }),
        t('networksPages.networks.memberAdded', { name }),
      )
    ) {
      setKeyFigureId('');
    }
  }

  return (
    <Section
      id="network-members"
      title={t('networksPages.networks.members')}
      intro={t('networksPages.networks.membersIntro')}
    >
      <ErrorSummary errors={errors} fields={adding ? fields : []} focusSignal={focusSignal} />
      <PagedListView list={list} empty={t('networksPages.networks.noMembers')}>
        {(items) => (
          <DataTable
            caption={t('networksPages.networks.membersCaption', { name: network.name })}
            captionHidden
            head={
              <>
                <Th>{t('networksPages.keyFigures.name')}</Th>
                <Th>{t('networksPages.keyFigures.organisation')}</Th>
                <Th>{t('networksPages.keyFigures.role')}</Th>
                <Th>{t('networksPages.networks.memberKind')}</Th>
                <Th>{t('common.actions')}</Th>
              </>
            }
          >
            {items.map((m) => (
              <Tr key={m.id}>
                <Td>{m.name}</Td>
                <Td>{m.organisation}</Td>
                <Td>{m.kind === 'user' ? t(`roles.${m.role}`, { defaultValue: m.role }) : m.role}</Td>
                <Td>{t(`networksPages.networks.memberKinds.${m.kind}`)}</Td>
                <Td>
                  <Button
                    variant="secondary"
                    disabled={busy}
                    onClick={() => {
                      focusAfterRender('network-members');
                      void change(
                        () => removeNetworkMember(network.id, m.id),
                        t('networksPages.networks.memberRemoved', { name: m.name }),
                      );
                    }}
                  >
                    {t('networksPages.networks.removeMember')}
                    <span className="schakel-visually-hidden"> {m.name}</span>
                  </Button>
                </Td>
              </Tr>
            ))}
          </DataTable>
        )}
      </PagedListView>
      {!adding ? (
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              setAdding(true);
              focusAfterRender(fields[0]?.id ?? '');
            }}
          >
            {t('networksPages.networks.addMember')}
          </Button>
        </div>
      ) : (
        <form
          className="schakel-form nw-inline-form"
          noValidate
          onSubmit={submit}
          aria-label={t('networksPages.networks.addMember')}
        >
          {standing.loading && !standing.data && <Loading />}
          {standing.data && (
            <SelectField
              spec={fields[0] as FieldSpec}
              required
              hint={t('networksPages.networks.keyFigureHint')}
              value={keyFigureId}
              onValue={setKeyFigureId}
              placeholder={t('common.choose')}
              options={available.map((k) => ({ value: k.id, label: `${k.name} — ${k.organisation}` }))}
              error={errors.fields.keyFigureId}
            />
          )}
          <FormActions>
            <Button type="submit" disabled={busy || !standing.data}>
              {t('networksPages.networks.addMemberSubmit')}
            </Button>
            <Button
              variant="tertiary"
              onClick={() => {
                clear();
                setAdding(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </FormActions>
        </form>
      )}
    </Section>
  );
}

/** A part of the network page: a list and a form to add to it, opened by a button. */
function AddableSection({
  id,
  title,
  intro,
  addLabel,
  list,
  form,
}: {
  id: string;
  title: string;
  intro?: string;
  addLabel: string;
  list: ReactNode;
  form: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  return (
    <Section id={id} title={title} intro={intro}>
      {list}
      {open ? (
        form(() => {
          focusAfterRender(`${id}-add`);
          setOpen(false);
        })
      ) : (
        <div>
          <Button
            id={`${id}-add`}
            variant="secondary"
            onClick={() => {
              focusAfterRender(() =>
                document.querySelector<HTMLElement>(`#${id} ~ form input, #${id} ~ form textarea`),
              );
              setOpen(true);
            }}
          >
            {addLabel}
          </Button>
        </div>
      )}
    </Section>
  );
}

function Meetings({ networkId, notify }: PartProps) {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => listNetworkMeetings(networkId, { limit: 100, cursor }), [networkId]);
  return (
    <AddableSection
      id="network-meetings"
      title={t('networksPages.networks.meetings')}
      addLabel={t('networksPages.networks.addMeeting')}
      list={
        <PagedListView list={list} empty={t('networksPages.networks.noMeetings')} showLoading={false}>
          {(items) => (
            <DataTable
              caption={t('networksPages.networks.meetings')}
              captionHidden
              head={
                <>
                  <Th>{t('networksPages.networks.heldOn')}</Th>
                  <Th>{t('networksPages.networks.meetingNotes')}</Th>
                </>
              }
            >
              {items.map((m) => (
                <Tr key={m.id}>
                  <Td>
                    <span className="schakel-nowrap">{formatDate(m.heldOn)}</span>
                  </Td>
                  <Td>{m.notes ? <Prose text={m.notes} /> : t('common.none')}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </PagedListView>
      }
      form={(close) => (
        <MeetingForm
          networkId={networkId}
          onDone={async (heldOn) => {
            await list.first.reload();
            notify(t('networksPages.networks.meetingAdded', { date: formatDate(heldOn) }));
            close();
          }}
          onCancel={close}
        />
      )}
    />
  );
}

function MeetingForm({
  networkId,
  onDone,
  onCancel,
}: {
  networkId: string;
  onDone: (heldOn: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [heldOn, setHeldOn] = useState(todayIso());
  const [notes, setNotes] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('network-meeting', {
    heldOn: t('networksPages.networks.heldOn'),
    notes: t('networksPages.networks.meetingNotes'),
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('heldOn'), heldOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await addNetworkMeeting(networkId, { heldOn, notes: notes.trim() || null });
        clear();
        await onDone(heldOn);
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }
  return (
    <FormShell
      label={t('networksPages.networks.addMeeting')}
      className="schakel-form nw-inline-form"
      onSubmit={submit}
      errors={errors}
      fields={fields}
      focusSignal={focusSignal}
      busy={busy}
      submitLabel={t('networksPages.networks.addMeetingSubmit')}
      onCancel={onCancel}
    >
      <TextField
        spec={spec('heldOn')}
        required
        type="date"
        value={heldOn}
        onValue={setHeldOn}
        error={errors.fields.heldOn}
      />
      <TextAreaField
        spec={spec('notes')}
        optional
        hint={t('networksPages.networks.meetingNotesHint')}
        value={notes}
        onValue={setNotes}
        error={errors.fields.notes}
      />
    </FormShell>
  );
}

function Signals({ networkId, notify }: PartProps) {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => listNetworkSignals(networkId, { limit: 100, cursor }), [networkId]);
  return (
    <AddableSection
      id="network-signals"
      title={t('networksPages.networks.signals')}
      intro={t('networksPages.networks.signalsIntro')}
      addLabel={t('networksPages.networks.addSignal')}
      list={
        <PagedListView list={list} empty={t('networksPages.networks.noSignals')} showLoading={false}>
          {(items) => (
            <DataTable
              caption={t('networksPages.networks.signals')}
              captionHidden
              head={
                <>
                  <Th>{t('networksPages.networks.observedOn')}</Th>
                  <Th>{t('networksPages.networks.theme')}</Th>
                  <Th>{t('networksPages.networks.signalDescription')}</Th>
                </>
              }
            >
              {items.map((s) => (
                <Tr key={s.id}>
                  <Td>
                    <span className="schakel-nowrap">{formatDate(s.observedOn)}</span>
                  </Td>
                  <Td>{s.theme}</Td>
                  <Td>
                    <Prose text={s.description} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </PagedListView>
      }
      form={(close) => (
        <SignalForm
          networkId={networkId}
          onDone={async (theme) => {
            await list.first.reload();
            notify(t('networksPages.networks.signalAdded', { theme }));
            close();
          }}
          onCancel={close}
        />
      )}
    />
  );
}

function SignalForm({
  networkId,
  onDone,
  onCancel,
}: {
  networkId: string;
  onDone: (theme: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [observedOn, setObservedOn] = useState(todayIso());
  const [theme, setTheme] = useState('');
  const [description, setDescription] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('network-signal', {
    theme: t('networksPages.networks.theme'),
    observedOn: t('networksPages.networks.observedOn'),
    description: t('networksPages.networks.signalDescription'),
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('theme'), theme, t);
    requireText(found, spec('observedOn'), observedOn, t);
    requireText(found, spec('description'), description, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await addNetworkSignal(networkId, { observedOn, theme: theme.trim(), description: description.trim() });
        clear();
        await onDone(theme.trim());
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }
  return (
    <FormShell
      label={t('networksPages.networks.addSignal')}
      className="schakel-form nw-inline-form"
      onSubmit={submit}
      errors={errors}
      fields={fields}
      focusSignal={focusSignal}
      busy={busy}
      submitLabel={t('networksPages.networks.addSignalSubmit')}
      onCancel={onCancel}
    >
      <TextField
        spec={spec('theme')}
        required
        hint={t('networksPages.networks.themeHint')}
        value={theme}
        onValue={setTheme}
        error={errors.fields.theme}
        autoComplete="off"
      />
      <TextField
        spec={spec('observedOn')}
        required
        type="date"
        value={observedOn}
        onValue={setObservedOn}
        error={errors.fields.observedOn}
      />
      <TextAreaField
        spec={spec('description')}
        required
        hint={t('networksPages.networks.noPersonalData')}
        value={description}
        onValue={setDescription}
        error={errors.fields.description}
      />
    </FormShell>
  );
}

function Activities({ networkId, notify }: PartProps) {
  const { t } = useTranslation();
  const list = usePagedList((cursor) => listNetworkActivities(networkId, { limit: 100, cursor }), [networkId]);
  return (
    <AddableSection
      id="network-activities"
      title={t('networksPages.networks.activities')}
      addLabel={t('networksPages.networks.addActivity')}
      list={
        <PagedListView list={list} empty={t('networksPages.networks.noActivities')} showLoading={false}>
          {(items) => (
            <DataTable
              caption={t('networksPages.networks.activities')}
              captionHidden
              head={
                <>
                  <Th>{t('networksPages.networks.heldOn')}</Th>
                  <Th>{t('networksPages.networks.activityTitle')}</Th>
                  <Th>{t('networksPages.networks.activityDescription')}</Th>
                </>
              }
            >
              {items.map((a) => (
                <Tr key={a.id}>
                  <Td>
                    <span className="schakel-nowrap">{formatDate(a.heldOn)}</span>
                  </Td>
                  <Td>{a.title}</Td>
                  <Td>{a.description ? <Prose text={a.description} /> : t('common.none')}</Td>
                </Tr>
              ))}
            </DataTable>
          )}
        </PagedListView>
      }
      form={(close) => (
        <ActivityForm
          networkId={networkId}
          onDone={async (title) => {
            await list.first.reload();
            notify(t('networksPages.networks.activityAdded', { title }));
            close();
          }}
          onCancel={close}
        />
      )}
    />
  );
}

function ActivityForm({
  networkId,
  onDone,
  onCancel,
}: {
  networkId: string;
  onDone: (title: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(todayIso());
  const [description, setDescription] = useState('');
  const { errors, fail, clear, focusSignal, busy, save } = useSaveForm();
  const { fields, spec } = formFields('network-activity', {
    title: t('networksPages.networks.activityTitle'),
    heldOn: t('networksPages.networks.heldOn'),
    description: t('networksPages.networks.activityDescription'),
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('title'), title, t);
    requireText(found, spec('heldOn'), heldOn, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        await addNetworkActivity(networkId, { title: title.trim(), heldOn, description: description.trim() || null });
        clear();
        await onDone(title.trim());
      },
      (error) => networkProblemToErrors(error, fields, t),
    );
  }
  return (
    <FormShell
      label={t('networksPages.networks.addActivity')}
      className="schakel-form nw-inline-form"
      onSubmit={submit}
      errors={errors}
      fields={fields}
      focusSignal={focusSignal}
      busy={busy}
      submitLabel={t('networksPages.networks.addActivitySubmit')}
      onCancel={onCancel}
    >
      <TextField
        spec={spec('title')}
        required
        value={title}
        onValue={setTitle}
        error={errors.fields.title}
        autoComplete="off"
      />
      <TextField
        spec={spec('heldOn')}
        required
        type="date"
        value={heldOn}
        onValue={setHeldOn}
        error={errors.fields.heldOn}
      />
      <TextAreaField
        spec={spec('description')}
        optional
        value={description}
        onValue={setDescription}
        error={errors.fields.description}
      />
    </FormShell>
  );
}
