import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createUser,
  decideRoleGrant,
  getUser,
  listOrganisations,
  listRoleGrants,
  listUsers,
  requestRoleGrant,
  resetPassword,
  resetSecondFactor,
  updateUser,
} from '../../api/endpoints.js';
import { requestPasskeyReset } from '../../api/identity.js';
import { type Locale, type Organisation, ROLES, type Role, type User } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, DescriptionList, Heading, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  generalMessage,
  problemToErrors,
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
import { formatDate, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from './stale.js';

const PAGE_SIZE = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_MIN = 12;

function useOrganisations() {
  return useLoad(() => listOrganisations().then((r) => sortBy(r.items, (o) => o.name) as Organisation[]), []);
}

function StatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return user.disabled ? <Badge label={t('users.blocked')} color="red" /> : t('users.active');
}

/** The role in this region, and a request that awaits a second admin. */
function RoleCell({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <>
      {user.role ? t(`roles.${user.role}`) : t('accounts.users.noRole')}
      {user.requestedRole && (
        <>
          {' '}
          <Badge label={t('accounts.users.requested', { role: t(`roles.${user.requestedRole}`) })} color="orange" />
        </>
      )}
    </>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const organisationId = search.get('organisatie') ?? '';
  const role = (search.get('rol') ?? '') as Role | '';
  const [orgFilter, setOrgFilter] = useState(organisationId);
  const [roleFilter, setRoleFilter] = useState<string>(role);
  const organisations = useOrganisations();
  const [items, setItems] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const first = useLoad(
    () =>
      listUsers({
        limit: PAGE_SIZE,
        ...(organisationId ? { organisationId } : {}),
        ...(role ? { role } : {}),
      }),
    [organisationId, role],
  );
  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setCursor(first.data.nextCursor);
    }
  }, [first.data]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listUsers({
        limit: PAGE_SIZE,
        cursor,
        ...(organisationId ? { organisationId } : {}),
        ...(role ? { role } : {}),
      });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (orgFilter) next.set('organisatie', orgFilter);
    if (roleFilter) next.set('rol', roleFilter);
    setSearch(next);
  }

  const canManage = session.can('users:manage');
  const filterFields = {
    organisation: { name: 'organisationId', id: 'users-filter-organisation', label: t('users.filterOrganisation') },
    role: { name: 'role', id: 'users-filter-role', label: t('users.filterRole') },
  };
  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={canManage ? t('accounts.users.intro') : `${t('accounts.users.intro')} ${t('common.readOnly')}`}
        actions={
          canManage && (
            <>
              <LinkButton to={newPath(paths.users)}>{t('users.new')}</LinkButton>
              <LinkButton to={paths.signInAdmin} variant="secondary">
                {t('signInAdmin.title')}
              </LinkButton>
            </>
          )
        }
      />
      <Flash />
      <form className="schakel-filters" onSubmit={applyFilters} aria-label={t('users.filter')}>
        <SelectField
          spec={filterFields.organisation}
          value={orgFilter}
          onValue={setOrgFilter}
          placeholder={t('users.allOrganisations')}
          options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
        <SelectField
          spec={filterFields.role}
          value={roleFilter}
          onValue={setRoleFilter}
          placeholder={t('users.allRoles')}
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        />
        <div className="schakel-filters__submit">
          <Button type="submit" variant="secondary">
            {t('users.filter')}
          </Button>
        </div>
      </form>
      {first.error !== null && <LoadError error={first.error} onRetry={() => void first.reload()} />}
      {first.loading && <Loading />}
      {!first.loading && first.data && (
        <>
          <DataTable
            caption={`${t('users.caption')} (${t('common.countShown', { count: items.length })})`}
            head={
              <>
                <Th>{t('users.name')}</Th>
                <Th>{t('users.email')}</Th>
                <Th>{t('accounts.users.roleInRegion')}</Th>
                <Th>{t('users.organisation')}</Th>
                <Th>{t('users.secondFactor')}</Th>
                <Th>{t('users.status')}</Th>
              </>
            }
          >
            {items.map((u) => (
              <Tr key={u.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.users, u.id)}>
                    {u.name}
                  </Link>
                </Td>
                <Td>{u.email}</Td>
                <Td>
                  <RoleCell user={u} />
                </Td>
                <Td>{u.organisationName}</Td>
                <Td>{u.secondFactorEnrolled ? t('users.enrolled') : t('users.notEnrolled')}</Td>
                <Td>
                  <StatusBadges user={u} />
                </Td>
              </Tr>
            ))}
          </DataTable>
          {items.length === 0 && <Paragraph>{t('common.noResults')}</Paragraph>}
          {moreError !== null && <LoadError error={moreError} />}
          {cursor && (
            <p className="schakel-more">
              <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
                {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}

function userFields(t: TFunction, formId: string, isNew: boolean): FieldSpec[] {
  return [
    ...(isNew ? [{ name: 'email', id: fieldId(formId, 'email'), label: t('users.email') }] : []),
    { name: 'name', id: fieldId(formId, 'name'), label: t('users.name') },
    ...(isNew
      ? [
          { name: 'role', id: fieldId(formId, 'role'), label: t('users.role') },
          { name: 'reason', id: fieldId(formId, 'reason'), label: t('accounts.users.reason') },
        ]
      : []),
    { name: 'organisationId', id: fieldId(formId, 'organisationId'), label: t('users.organisation') },
    { name: 'locale', id: fieldId(formId, 'locale'), label: t('users.locale') },
    ...(isNew
      ? [{ name: 'initialPassword', id: fieldId(formId, 'initialPassword'), label: t('users.initialPassword') }]
      : []),
  ];
}

interface UserDraft {
  email: string;
  name: string;
  role: Role | '';
  reason: string;
  organisationId: string;
  locale: Locale;
  initialPassword: string;
}

function UserFormFields({
  fields,
  draft,
  setDraft,
  errors,
  organisations,
  isNew,
}: {
  fields: FieldSpec[];
  draft: UserDraft;
  setDraft: (update: Partial<UserDraft>) => void;
  errors: FieldErrors;
  organisations: Organisation[];
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;
  return (
    <>
      {isNew && (
        <TextField
          spec={spec('email')}
          required
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={draft.email}
          onValue={(email) => setDraft({ email })}
          error={errors.email}
        />
      )}
      <TextField
        spec={spec('name')}
        required
        autoComplete="off"
        value={draft.name}
        onValue={(name) => setDraft({ name })}
        error={errors.name}
      />
      {isNew && (
        <>
          <SelectField
            spec={spec('role')}
            required
            hint={t('accounts.users.firstRoleHint')}
            value={draft.role}
            onValue={(role) => setDraft({ role: role as Role | '' })}
            placeholder={t('common.choose')}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            error={errors.role}
          />
          <TextAreaField
            spec={spec('reason')}
            optional
            rows={2}
            hint={t('accounts.users.reasonHint')}
            value={draft.reason}
            onValue={(reason) => setDraft({ reason })}
            error={errors.reason}
          />
        </>
      )}
      <SelectField
        spec={spec('organisationId')}
        required
        hint={t('accounts.users.organisationsAdministered')}
        value={draft.organisationId}
        onValue={(organisationId) => setDraft({ organisationId })}
        placeholder={t('common.choose')}
        options={organisations.filter((o) => o.administered).map((o) => ({ value: o.id, label: o.name }))}
        error={errors.organisationId}
      />
      <SelectField
        spec={spec('locale')}
        value={draft.locale}
        onValue={(locale) => setDraft({ locale: locale as Locale })}
        options={[
          { value: 'nl', label: t('languages.nl') },
          { value: 'en', label: t('languages.en') },
        ]}
        error={errors.locale}
      />
      {isNew && (
        <TextField
          spec={spec('initialPassword')}
          required
          type="password"
          autoComplete="new-password"
          hint={t('users.initialPasswordHint')}
          value={draft.initialPassword}
          onValue={(initialPassword) => setDraft({ initialPassword })}
          error={errors.initialPassword}
        />
      )}
    </>
  );
}

function validateDraft(draft: UserDraft, fields: FieldSpec[], isNew: boolean, t: TFunction) {
  const found: FieldErrors = {};
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;
  if (isNew) {
    requireText(found, spec('email'), draft.email, t);
    if (!found.email && !EMAIL.test(draft.email.trim())) found.email = t('signIn.emailFormat');
  }
  requireText(found, spec('name'), draft.name, t);
  if (isNew) requireText(found, spec('role'), draft.role, t, 'errors.requiredChoice');
  requireText(found, spec('organisationId'), draft.organisationId, t, 'errors.requiredChoice');
  if (isNew) {
    if (!draft.initialPassword) requireText(found, spec('initialPassword'), '', t);
    else if (draft.initialPassword.length < PASSWORD_MIN) found.initialPassword = t('users.passwordTooShort');
  }
  return found;
}

export function UserNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const [draft, setDraftState] = useState<UserDraft>({
    email: '',
    name: '',
    role: '',
    reason: '',
    organisationId: '',
    locale: 'nl',
    initialPassword: '',
  });
  const setDraft = (update: Partial<UserDraft>) => setDraftState((d) => ({ ...d, ...update }));
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields = userFields(t, 'user', true);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateDraft(draft, fields, true, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const user = await createUser({
        email: draft.email.trim(),
        name: draft.name.trim(),
        role: draft.role as Role,
        ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
        organisationId: draft.organisationId,
        locale: draft.locale,
        initialPassword: draft.initialPassword,
      });
      clear();
      navigate(itemPath(paths.users, user.id), { state: { notice: t('common.created', { name: user.name }) } });
    } catch (error) {
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="schakel-narrow">
      <BackLink to={paths.users}>{t('users.title')}</BackLink>
      <PageHeader title={t('users.newTitle')} />
      {organisations.error !== null && (
        <LoadError error={organisations.error} onRetry={() => void organisations.reload()} />
      )}
      {organisations.loading && !organisations.data && <Loading />}
      {organisations.data && (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          <UserFormFields
            fields={fields}
            draft={draft}
            setDraft={setDraft}
            errors={errors.fields}
            organisations={organisations.data}
            isNew
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {t('common.create')}
            </Button>
            <LinkButton to={paths.users} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </div>
  );
}

export function UserPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const canManage = session.can('users:manage');
  const user = useLoad(() => getUser(id as string), [id]);
  const organisations = useOrganisations();
  const [draft, setDraftState] = useState<UserDraft | null>(null);
  const setDraft = (update: Partial<UserDraft>) => setDraftState((d) => (d ? { ...d, ...update } : d));
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const fields = userFields(t, 'user', false);

  const loaded = user.data;
  useEffect(() => {
    if (loaded) {
      setDraftState({
        email: loaded.email,
        name: loaded.name,
        role: loaded.role ?? '',
        reason: '',
        organisationId: loaded.organisationId,
        locale: loaded.locale,
        initialPassword: '',
      });
      setStale(false);
    }
  }, [loaded]);

  if (user.error instanceof ApiError && user.error.status === 404) {
    return (
      <div className="schakel-narrow">
        <BackLink to={paths.users}>{t('users.title')}</BackLink>
        <PageHeader title={t('notFound.title')} />
        <Paragraph>{t('errors.notFound')}</Paragraph>
      </div>
    );
  }

  function done(message: string, updated: User) {
    user.setData(updated);
    setNotice(message);
    setActionError(null);
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!loaded || !draft) return;
    const found = validateDraft(draft, fields, false, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    setNotice(null);
    try {
      const updated = await updateUser(loaded.id, {
        name: draft.name.trim(),
        organisationId: draft.organisationId,
        locale: draft.locale,
        disabled: loaded.disabled,
        version: loaded.version,
      });
      clear();
      done(t('common.saved'), updated);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  async function toggleBlocked() {
    if (!loaded) return;
    setBusy(true);
    setNotice(null);
    try {
      const updated = await updateUser(loaded.id, {
        name: loaded.name,
        organisationId: loaded.organisationId,
        locale: loaded.locale,
        disabled: !loaded.disabled,
        version: loaded.version,
      });
      done(updated.disabled ? t('users.blockedNotice') : t('users.unblockedNotice'), updated);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      setActionError(generalMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    if (!loaded) return;
    setBusy(true);
    setNotice(null);
    try {
      const updated = await resetSecondFactor(loaded.id);
      setConfirmReset(false);
      done(t('users.resetDone'), updated);
    } catch (error) {
      setActionError(generalMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  const title = t('users.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.users}>{t('users.title')}</BackLink>
      <PageHeader title={title} />
      <Flash />
      {notice && <Notice severity="success" heading={notice} live />}
      {actionError && <Notice severity="error" heading={actionError} live />}
      {user.error !== null && <LoadError error={user.error} onRetry={() => void user.reload()} />}
      {(!loaded || !draft) && user.error === null && <Loading />}
      {loaded && draft && (
        <>
          <DescriptionList className="schakel-details">
            <DescriptionList.Term>{t('users.email')}</DescriptionList.Term>
            <DescriptionList.Description>{loaded.email}</DescriptionList.Description>
            <DescriptionList.Term>{t('users.status')}</DescriptionList.Term>
            <DescriptionList.Description>
              <StatusBadges user={loaded} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('users.secondFactor')}</DescriptionList.Term>
            <DescriptionList.Description>
              {loaded.secondFactorEnrolled ? t('users.enrolled') : t('users.notEnrolled')}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('users.createdAt')}</DescriptionList.Term>
            <DescriptionList.Description>{formatDate(loaded.createdAt)}</DescriptionList.Description>
            {loaded.passwordMustChange && (
              <>
                <DescriptionList.Term>{t('accounts.users.passwordHeading')}</DescriptionList.Term>
                <DescriptionList.Description>{t('accounts.users.mustChangePassword')}</DescriptionList.Description>
              </>
            )}
            {(!canManage || !loaded.administered) && (
              <>
                <DescriptionList.Term>{t('accounts.users.roleInRegion')}</DescriptionList.Term>
                <DescriptionList.Description>
                  <RoleCell user={loaded} />
                </DescriptionList.Description>
                <DescriptionList.Term>{t('users.organisation')}</DescriptionList.Term>
                <DescriptionList.Description>{loaded.organisationName}</DescriptionList.Description>
                <DescriptionList.Term>{t('users.locale')}</DescriptionList.Term>
                <DescriptionList.Description>{t(`languages.${loaded.locale}`)}</DescriptionList.Description>
              </>
            )}
          </DescriptionList>
          {canManage && !loaded.administered && (
            <Notice heading={t('accounts.users.administeredElsewhere', { organisation: loaded.organisationName })} />
          )}
          {canManage && (
            <UserRoleSection
              user={loaded}
              onChange={() => void user.reload()}
              self={loaded.id === session.me?.user.id}
            />
          )}
          {canManage && loaded.administered && organisations.data && (
            <section className="schakel-section" aria-labelledby="user-details">
              <Heading level={2} id="user-details">
                {t('users.details')}
              </Heading>
              <form className="schakel-form" noValidate onSubmit={save}>
                <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
                {stale && (
                  <StaleNotice
                    onReload={() => {
                      clear();
                      setActionError(null);
                      void user.reload();
                    }}
                  />
                )}
                <UserFormFields
                  fields={fields}
                  draft={draft}
                  setDraft={setDraft}
                  errors={errors.fields}
                  organisations={organisations.data}
                  isNew={false}
                />
                <FormActions>
                  <Button type="submit" disabled={busy}>
                    {t('common.save')}
                  </Button>
                </FormActions>
              </form>
            </section>
          )}
          {canManage && loaded.administered && loaded.id !== session.me?.user.id && (
            <PasswordResetSection
              user={loaded}
              onDone={(updated) => done(t('accounts.users.passwordResetDone'), updated)}
            />
          )}
          {canManage && loaded.administered && loaded.id !== session.me?.user.id && (
            <section className="schakel-section" aria-labelledby="user-account">
              <Heading level={2} id="user-account">
                {t('users.accountActions')}
              </Heading>
              <Paragraph>{t('users.blockExplain')}</Paragraph>
              <p className="schakel-form-actions">
                <Button variant="secondary" onClick={() => void toggleBlocked()} disabled={busy}>
                  {loaded.disabled ? t('users.unblock') : t('users.block')}
                </Button>
              </p>
              <Paragraph>{t('users.resetExplain')}</Paragraph>
              {confirmReset ? (
                <div className="schakel-confirm">
                  <Paragraph id="user-reset-confirm">{t('users.resetConfirm', { name: loaded.name })}</Paragraph>
                  <p className="schakel-form-actions">
                    <Button onClick={() => void reset()} disabled={busy}>
                      {t('users.resetConfirmYes')}
                    </Button>
                    <Button variant="tertiary" onClick={() => setConfirmReset(false)}>
                      {t('common.cancel')}
                    </Button>
                  </p>
                </div>
              ) : (
                <p className="schakel-form-actions">
                  <Button
                    variant="secondary"
                    onClick={() => setConfirmReset(true)}
                    disabled={busy || !loaded.secondFactorEnrolled}
                  >
                    {t('users.resetSecondFactor')}
                  </Button>
                </p>
              )}
            </section>
          )}
          {session.can('users:manage') && loaded.id !== session.me?.user.id && (
            <PasskeyResetRequest userId={loaded.id} name={loaded.name} />
          )}
        </>
      )}
    </div>
  );
}

/** Ask for the reset of the user's lost passkeys; a second admin decides under "Inloggen en passkeys". */
function PasskeyResetRequest({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'reason',
    id: fieldId('passkey-reset', 'reason'),
    label: t('signInAdmin.resetReason'),
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec, reason, t);
    if (Object.keys(found).length) {
      fail({ fields: found, general: [] });
      return;
    }
    setBusy(true);
    try {
      await requestPasskeyReset(userId, reason.trim());
      clear();
      setReason('');
      setDone(true);
    } catch (error) {
      fail(problemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="schakel-section" aria-labelledby="passkey-reset-heading">
      <Heading level={2} size="level-3" id="passkey-reset-heading">
        {t('signInAdmin.resetRequestHeading')}
      </Heading>
      <Paragraph>{t('signInAdmin.resetRequestText', { name })}</Paragraph>
      {done && <Notice severity="success" heading={t('signInAdmin.resetRequestDone')} live />}
      <form className="schakel-form" noValidate onSubmit={submit} aria-label={t('signInAdmin.resetRequestHeading')}>
        <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
        <TextAreaField spec={spec} required value={reason} onValue={setReason} error={errors.fields.reason} />
        <FormActions>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('signInAdmin.resetRequest')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}

/**
 * The user's role in this region: the grant in effect and a request awaiting a second admin, a form
 * to request another role, and one to revoke the role at once (with a reason).
 */
function UserRoleSection({ user, onChange, self }: { user: User; onChange: () => void; self: boolean }) {
  const { t } = useTranslation();
  const active = useLoad(
    () => listRoleGrants({ userId: user.id, status: 'active', limit: 1 }).then((r) => r.items[0] ?? null),
    [user.id, user.version, user.role],
  );
  const [role, setRole] = useState<Role | ''>('');
  const [reason, setReason] = useState('');
  const [endReason, setEndReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const request = useFormErrors();
  const revoke = useFormErrors();
  const requestFields: FieldSpec[] = [
    { name: 'role', id: fieldId('grant-request', 'role'), label: t('accounts.users.requestRole') },
    { name: 'reason', id: fieldId('grant-request', 'reason'), label: t('accounts.users.reason') },
  ];
  const revokeFields: FieldSpec[] = [
    { name: 'reason', id: fieldId('grant-revoke', 'reason'), label: t('accounts.users.revokeReason') },
  ];
  const [roleSpec, reasonSpec] = requestFields as [FieldSpec, FieldSpec];
  const [endSpec] = revokeFields as [FieldSpec];

  async function submitRequest(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, roleSpec, role, t, 'errors.requiredChoice');
    requireText(found, reasonSpec, reason, t);
    if (Object.keys(found).length) return request.fail({ fields: found, general: [] });
    setBusy(true);
    setNotice(null);
    try {
      const grant = await requestRoleGrant({ userId: user.id, role: role as Role, reason: reason.trim() });
      request.clear();
      setRole('');
      setReason('');
      setNotice(
        grant.status === 'active' ? t('accounts.users.requestDoneActive') : t('accounts.users.requestDoneFourEyes'),
      );
      onChange();
    } catch (error) {
      request.fail(problemToErrors(error, requestFields, t));
    } finally {
      setBusy(false);
    }
  }

  async function submitRevoke(event: FormEvent) {
    event.preventDefault();
    if (!active.data) return;
    const found: FieldErrors = {};
    requireText(found, endSpec, endReason, t);
    if (Object.keys(found).length) return revoke.fail({ fields: found, general: [] });
    setBusy(true);
    setNotice(null);
    try {
      await decideRoleGrant(active.data.id, 'revocation', { reason: endReason.trim(), version: active.data.version });
      revoke.clear();
      setEndReason('');
      setNotice(t('accounts.users.revoked'));
      onChange();
    } catch (error) {
      revoke.fail(problemToErrors(error, revokeFields, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="schakel-section" aria-labelledby="user-roles">
      <Heading level={2} id="user-roles">
        {t('accounts.users.rolesHeading')}
      </Heading>
      {notice && <Notice severity="success" heading={notice} live />}
      <DescriptionList className="schakel-details">
        <DescriptionList.Term>{t('accounts.users.currentRole')}</DescriptionList.Term>
        <DescriptionList.Description>
          {user.role ? t(`roles.${user.role}`) : t('accounts.users.noRole')}
        </DescriptionList.Description>
        {user.requestedRole && (
          <>
            <DescriptionList.Term>{t('accounts.users.pendingRole')}</DescriptionList.Term>
            <DescriptionList.Description>
              {t(`roles.${user.requestedRole}`)} —{' '}
              <Link className="ams-link" to={paths.roleGrants}>
                {t('accounts.grants.title')}
              </Link>
            </DescriptionList.Description>
          </>
        )}
      </DescriptionList>
      <Paragraph>
        <Link className="ams-link" to={`${paths.roleGrants}?gebruiker=${encodeURIComponent(user.id)}`}>
          {t('accounts.users.historyLink')}
        </Link>
      </Paragraph>
      {!user.requestedRole && !user.disabled && (
        <form className="schakel-form" noValidate onSubmit={submitRequest} aria-labelledby="user-role-request">
          <Heading level={3} id="user-role-request">
            {t('accounts.users.requestHeading')}
          </Heading>
          <ErrorSummary errors={request.errors} fields={requestFields} focusSignal={request.focusSignal} />
          <SelectField
            spec={roleSpec}
            required
            hint={t('accounts.users.firstRoleHint')}
            value={role}
            onValue={(v) => setRole(v as Role | '')}
            placeholder={t('common.choose')}
            options={ROLES.filter((r) => r !== user.role).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            error={request.errors.fields.role}
          />
          <TextAreaField
            spec={reasonSpec}
            required
            rows={2}
            hint={t('accounts.users.reasonHint')}
            value={reason}
            onValue={setReason}
            error={request.errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('accounts.users.requestSubmit')}
            </Button>
          </FormActions>
        </form>
      )}
      {active.data && !(self && user.role === 'admin') && (
        <form className="schakel-form" noValidate onSubmit={submitRevoke} aria-labelledby="user-role-revoke">
          <Heading level={3} id="user-role-revoke">
            {t('accounts.users.revokeHeading')}
          </Heading>
          <Paragraph>{t('accounts.users.revokeExplain')}</Paragraph>
          <ErrorSummary errors={revoke.errors} fields={revokeFields} focusSignal={revoke.focusSignal} />
          <TextAreaField
            spec={endSpec}
            required
            rows={2}
            value={endReason}
            onValue={setEndReason}
            error={revoke.errors.fields.reason}
          />
          <FormActions>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t('accounts.users.revoke')}
            </Button>
          </FormActions>
        </form>
      )}
    </section>
  );
}

/** An admin sets a temporary password that the user must change at the next sign-in. */
function PasswordResetSection({ user, onDone }: { user: User; onDone: (updated: User) => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();
  const spec: FieldSpec = {
    name: 'temporaryPassword',
    id: fieldId('password-reset', 'temporaryPassword'),
    label: t('accounts.users.temporaryPassword'),
  };
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < PASSWORD_MIN) {
      return fail({
        fields: { temporaryPassword: t('errors.codes.password_too_short', { label: spec.label }) },
        general: [],
      });
    }
    setBusy(true);
    try {
      const updated = await resetPassword(user.id, { temporaryPassword: password, version: user.version });
      clear();
      setPassword('');
      onDone(updated);
    } catch (error) {
      fail(problemToErrors(error, [spec], t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="schakel-section" aria-labelledby="user-password">
      <Heading level={2} id="user-password">
        {t('accounts.users.passwordHeading')}
      </Heading>
      <Paragraph>{t('accounts.users.passwordExplain')}</Paragraph>
      <form className="schakel-form" noValidate onSubmit={submit}>
        <ErrorSummary errors={errors} fields={[spec]} focusSignal={focusSignal} />
        <TextField
          spec={spec}
          required
          type="password"
          autoComplete="new-password"
          hint={t('accounts.users.temporaryPasswordHint')}
          value={password}
          onValue={setPassword}
          error={errors.fields.temporaryPassword}
        />
        <FormActions>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('accounts.users.resetPassword')}
          </Button>
        </FormActions>
      </form>
    </section>
  );
}
