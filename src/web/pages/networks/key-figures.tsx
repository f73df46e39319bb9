/**
 * The standing list of key figures (sleutelfiguren): people with a key position in religious
 * associations, police, welfare, education and the municipality. Personal data: only the network
 * director (programme:contacts) sees them, and the API logs every read. Consent (date and how/what
 * for) is recorded per key figure; without it they cannot be invited or made a network member.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listMunicipalities } from '../../api/endpoints.js';
import {
  createKeyFigure,
  deleteKeyFigure,
  getKeyFigure,
  type KeyFigure,
  type KeyFigureInput,
  type KeyFigureQuery,
  listKeyFigures,
  updateKeyFigure,
} from '../../api/networks.js';
import type { Municipality } from '../../api/types.js';
import { Badge, Button, FieldSet, Paragraph } from '../../components/ams.js';
import { ConfirmBox } from '../../components/confirm.js';
import {
  CheckboxField,
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
import { FormShell } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { networkProblemToErrors, Section, todayIso } from './shared.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type ConsentFilter = '' | 'true' | 'false';
type ActiveFilter = 'true' | 'false' | '';

export function KeyFiguresPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [consent, setConsent] = useState<ConsentFilter>('');
  const [active, setActive] = useState<ActiveFilter>('true');
  const [query, setQuery] = useState<KeyFigureQuery>({ active: 'true' });
  const [more, setMore] = useState<KeyFigure[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const data = useLoad(async () => {
    const result = await listKeyFigures({ ...query, limit: 100 });
    setMore([]);
    setCursor(result.nextCursor);
    return result.items;
  }, [query]);

  function filter(event: FormEvent) {
    event.preventDefault();
    const next: KeyFigureQuery = {};
    if (search.trim()) next.q = search.trim();
    if (consent) next.withConsent = consent;
    if (active) next.active = active;
    setQuery(next);
  }

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const result = await listKeyFigures({ ...query, limit: 100, cursor });
      setMore((m) => [...m, ...result.items]);
      setCursor(result.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  }

  const items = [...(data.data ?? []), ...more];
  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId('kf-filter', name), label });
  return (
    <>
      <PageHeader
        title={t('networksPages.keyFigures.title')}
        intro={t('networksPages.keyFigures.intro')}
        actions={<LinkButton to={newPath(paths.keyFigures)}>{t('networksPages.keyFigures.new')}</LinkButton>}
      />
      <Flash />
      <form className="schakel-filters" onSubmit={filter} aria-label={t('networksPages.keyFigures.filterLabel')}>
        <TextField
          spec={f('q', t('networksPages.keyFigures.search'))}
          type="text"
          value={search}
          onValue={setSearch}
          hint={t('networksPages.keyFigures.searchHint')}
        />
        <SelectField
          spec={f('withConsent', t('networksPages.keyFigures.consent'))}
          value={consent}
          onValue={(v) => setConsent(v as ConsentFilter)}
          options={[
            { value: '', label: t('networksPages.keyFigures.consentAll') },
            { value: 'true', label: t('networksPages.keyFigures.consentYes') },
            { value: 'false', label: t('networksPages.keyFigures.consentNo') },
          ]}
        />
        <SelectField
          spec={f('active', t('networksPages.keyFigures.activeFilter'))}
          value={active}
          onValue={(v) => setActive(v as ActiveFilter)}
          options={[
            { value: 'true', label: t('networksPages.keyFigures.activeOnly') },
            { value: 'false', label: t('networksPages.keyFigures.inactiveOnly') },
            { value: '', label: t('networksPages.keyFigures.activeAll') },
          ]}
        />
        <FormActions>
          <Button type="submit" variant="secondary">
            {t('networksPages.filter')}
          </Button>
        </FormActions>
      </form>
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data &&
        (items.length === 0 ? (
          <Paragraph>{t('networksPages.keyFigures.empty')}</Paragraph>
        ) : (
          <DataTable
            caption={t('networksPages.keyFigures.caption', { count: items.length })}
            head={
              <>
                <Th>{t('networksPages.keyFigures.name')}</Th>
                <Th>{t('networksPages.keyFigures.organisation')}</Th>
                <Th>{t('networksPages.keyFigures.role')}</Th>
                <Th>{t('networksPages.keyFigures.municipality')}</Th>
                <Th>{t('networksPages.keyFigures.contact')}</Th>
                <Th>{t('networksPages.keyFigures.consent')}</Th>
              </>
            }
          >
            {items.map((k) => (
              <Tr key={k.id}>
                <Td>
                  <Link className="ams-link" to={itemPath(paths.keyFigures, k.id)}>
                    {k.name}
                  </Link>
                  {!k.active && (
                    <span className="nw-cell-note">
                      <Badge label={t('networksPages.keyFigures.inactive')} color="orange" />
                    </span>
                  )}
                </Td>
                <Td>{k.organisation}</Td>
                <Td>{k.role}</Td>
                <Td>{k.municipalityName ?? t('common.none')}</Td>
                <Td>
                  {k.phone && <span className="nw-cell-line">{k.phone}</span>}
                  {k.email && <span className="nw-cell-line">{k.email}</span>}
                  {!k.phone && !k.email && t('common.none')}
                </Td>
                <Td>
                  {k.hasConsent
                    ? t('networksPages.keyFigures.consentOn', { date: formatDate(k.consentGivenOn) })
                    : t('networksPages.keyFigures.noConsent')}
                </Td>
              </Tr>
            ))}
          </DataTable>
        ))}
      {cursor && (
        <p className="schakel-more">
          <Button variant="secondary" onClick={() => void loadMore()} disabled={loadingMore}>
            {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </p>
      )}
    </>
  );
}

export function KeyFigureFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(async () => {
    const [keyFigure, municipalities] = await Promise.all([
      isNew ? Promise.resolve(null) : getKeyFigure(id as string),
      listMunicipalities(),
    ]);
    return { keyFigure, municipalities: sortBy(municipalities.items, (m) => m.name) as Municipality[] };
  }, [id]);
  const [name, setName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [municipalityId, setMunicipalityId] = useState('');
  const [consentGivenOn, setConsentGivenOn] = useState('');
  const [consentScope, setConsentScope] = useState('');
  const [active, setActive] = useState(true);
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    ['name', t('networksPages.keyFigures.name')],
    ['organisation', t('networksPages.keyFigures.organisation')],
    ['role', t('networksPages.keyFigures.role')],
    ['phone', t('networksPages.keyFigures.phone')],
    ['email', t('networksPages.keyFigures.email')],
    ['municipalityId', t('networksPages.keyFigures.municipality')],
    ['consentGivenOn', t('networksPages.keyFigures.consentGivenOn')],
    ['consentScope', t('networksPages.keyFigures.consentScope')],
    ['active', t('networksPages.keyFigures.activeLabel')],
  ].map(([name, label]) => ({
    name: name as string,
    id: fieldId('key-figure', name as string),
    label: label as string,
  }));
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  const loaded = data.data?.keyFigure ?? null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setOrganisation(loaded.organisation);
      setRole(loaded.role);
      setPhone(loaded.phone ?? '');
      setEmail(loaded.email ?? '');
      setMunicipalityId(loaded.municipalityId ?? '');
      setConsentGivenOn(loaded.consentGivenOn ?? '');
      setConsentScope(loaded.consentScope ?? '');
      setActive(loaded.active);
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded]);

  if (data.error instanceof ApiError && data.error.status === 404) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('name'), name, t);
    requireText(found, spec('organisation'), organisation, t);
    requireText(found, spec('role'), role, t);
    if (email.trim() && !EMAIL.test(email.trim())) found.email = t('networksPages.keyFigures.emailFormat');
    const given = consentGivenOn.trim();
    const scope = consentScope.trim();
    if (given && !scope) found.consentScope = t('networksPages.keyFigures.consentScopeMissing');
    if (scope && !given) found.consentGivenOn = t('networksPages.keyFigures.consentDateMissing');
    if (given && given > todayIso()) found.consentGivenOn = t('networksPages.keyFigures.consentInFuture');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    const body: KeyFigureInput = {
      name: name.trim(),
      organisation: organisation.trim(),
      role: role.trim(),
      phone: phone.trim() || null,
      email: email.trim() || null,
      municipalityId: municipalityId || null,
      consentGivenOn: given || null,
      consentScope: scope || null,
      active,
    };
    try {
      const saved = isNew ? await createKeyFigure(body) : await updateKeyFigure(id as string, { ...body, version });
      clear();
      navigate(paths.keyFigures, {
        state: {
          notice: isNew
            ? t('networksPages.keyFigures.created', { name: saved.name })
            : t('networksPages.keyFigures.saved', { name: saved.name }),
        },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(networkProblemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await deleteKeyFigure(id as string);
      navigate(paths.keyFigures, { state: { notice: t('networksPages.keyFigures.deleted', { name }) } });
    } catch (error) {
      setConfirmDelete(false);
      if (error instanceof ApiError && error.status === 409) {
        fail({ fields: {}, general: [t('networksPages.keyFigures.deleteRefused')] });
      } else {
        fail(networkProblemToErrors(error, fields, t));
      }
    } finally {
      setBusy(false);
    }
  }

  const title = isNew
    ? t('networksPages.keyFigures.newTitle')
    : t('networksPages.keyFigures.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.keyFigures}>{t('networksPages.keyFigures.title')}</BackLink>
      <PageHeader title={title} intro={t('networksPages.keyFigures.formIntro')} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={isNew ? t('networksPages.keyFigures.add') : t('common.save')}
          cancelTo={paths.keyFigures}
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
          <TextField
            spec={spec('organisation')}
            required
            value={organisation}
            onValue={setOrganisation}
            error={errors.fields.organisation}
            autoComplete="off"
          />
          <TextField
            spec={spec('role')}
            required
            hint={t('networksPages.keyFigures.roleHint')}
            value={role}
            onValue={setRole}
            error={errors.fields.role}
            autoComplete="off"
          />
          <SelectField
            spec={spec('municipalityId')}
            optional
            value={municipalityId}
            onValue={setMunicipalityId}
            placeholder={t('networksPages.keyFigures.noMunicipality')}
            options={data.data.municipalities.map((m) => ({ value: m.id, label: m.name }))}
            error={errors.fields.municipalityId}
          />
          <FieldSet legend={t('networksPages.keyFigures.contactLegend')}>
            <TextField
              spec={spec('phone')}
              optional
              type="text"
              inputMode="tel"
              value={phone}
              onValue={setPhone}
              error={errors.fields.phone}
              autoComplete="off"
            />
            <TextField
              spec={spec('email')}
              optional
              type="email"
              value={email}
              onValue={setEmail}
              error={errors.fields.email}
              autoComplete="off"
              spellCheck={false}
            />
          </FieldSet>
          <FieldSet legend={t('networksPages.keyFigures.consentLegend')} aria-describedby="key-figure-consent-hint">
            <Paragraph size="small" id="key-figure-consent-hint" className="schakel-field-hint">
              {t('networksPages.keyFigures.consentHint')}
            </Paragraph>
            <TextField
              spec={spec('consentGivenOn')}
              type="date"
              max={todayIso()}
              value={consentGivenOn}
              onValue={setConsentGivenOn}
              error={errors.fields.consentGivenOn}
            />
            <TextAreaField
              spec={spec('consentScope')}
              hint={t('networksPages.keyFigures.consentScopeHint')}
              rows={3}
              value={consentScope}
              onValue={setConsentScope}
              error={errors.fields.consentScope}
            />
          </FieldSet>
          {!isNew && (
            <CheckboxField spec={spec('active')} checked={active} onChecked={setActive} error={errors.fields.active} />
          )}
        </FormShell>
      )}
      {!isNew && loaded && (
        <Section
          id="key-figure-erase"
          title={t('networksPages.keyFigures.deleteHeading')}
          intro={t('networksPages.keyFigures.deleteIntro')}
        >
          {confirmDelete ? (
            <ConfirmBox
              message={t('networksPages.keyFigures.deleteConfirm', { name: loaded.name })}
              confirmLabel={t('networksPages.keyFigures.deleteConfirmButton')}
              onConfirm={() => void remove()}
              onCancel={() => setConfirmDelete(false)}
              busy={busy}
            />
          ) : (
            <Button variant="secondary" onClick={() => setConfirmDelete(true)} disabled={busy}>
              {t('networksPages.keyFigures.delete')}
            </Button>
          )}
        </Section>
      )}
    </div>
  );
}
