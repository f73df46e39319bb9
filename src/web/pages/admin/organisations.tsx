import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { createOrganisation, listOrganisations, updateOrganisation } from '../../api/endpoints.js';
import { ORGANISATION_TYPES, type Organisation, type OrganisationType } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Button } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  problemToErrors,
  requireText,
  SelectField,
  TextField,
  useFormErrors,
} from '../../components/form.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { NotFoundPage } from '../not-found.js';
import { StaleNotice } from './stale.js';

export function OrganisationsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const organisations = useLoad(() => listOrganisations().then((r) => sortBy(r.items, (x) => x.name)), []);
  const canManage = session.can('organisations:manage');
  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        intro={canManage ? t('organisations.intro') : `${t('organisations.intro')} ${t('common.readOnly')}`}
        actions={canManage && <LinkButton to={newPath(paths.organisations)}>{t('organisations.new')}</LinkButton>}
      />
      <Flash />
      {organisations.error !== null && (
        <LoadError error={organisations.error} onRetry={() => void organisations.reload()} />
      )}
      {organisations.loading && !organisations.data && <Loading />}
      {organisations.data && (
        <DataTable
          caption={t('organisations.caption', { region: session.me?.region.name ?? '' })}
          head={
            <>
              <Th>{t('organisations.name')}</Th>
              <Th>{t('organisations.type')}</Th>
              {canManage && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {organisations.data.map((o) => (
            <Tr key={o.id}>
              <Td>{o.name}</Td>
              <Td>{t(`organisationTypes.${o.type}`)}</Td>
              {canManage && (
                <Td>
                  <Link className="ams-link" to={itemPath(paths.organisations, o.id)}>
                    {t('common.edit')}
                    <span className="schakel-visually-hidden"> {o.name}</span>
                  </Link>
                </Td>
              )}
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function OrganisationFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(
    async () => (isNew ? null : ((await listOrganisations()).items.find((o) => o.id === id) ?? null)),
    [id],
  );
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType | ''>('');
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('organisation', 'name'), label: t('organisations.name') },
    { name: 'type', id: fieldId('organisation', 'type'), label: t('organisations.type') },
  ];
  const [nameSpec, typeSpec] = fields as [FieldSpec, FieldSpec];

  const loaded: Organisation | null = existing.data ?? null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setType(loaded.type);
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded]);

  if (!isNew && !existing.loading && existing.error === null && !loaded) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, nameSpec, name, t);
    requireText(found, typeSpec, type, t, 'errors.requiredChoice');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const body = { name: name.trim(), type: type as OrganisationType };
      const saved = isNew
        ? await createOrganisation(body)
        : await updateOrganisation(id as string, { ...body, version });
      clear();
      navigate(paths.organisations, {
        state: { notice: isNew ? t('common.created', { name: saved.name }) : t('common.saved') },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  const title = isNew ? t('organisations.newTitle') : t('organisations.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.organisations}>{t('organisations.title')}</BackLink>
      <PageHeader title={title} />
      {existing.error !== null && <LoadError error={existing.error} onRetry={() => void existing.reload()} />}
      {!isNew && existing.loading && !loaded && <Loading />}
      {(isNew || loaded) && (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void existing.reload();
              }}
            />
          )}
          <TextField
            spec={nameSpec}
            required
            value={name}
            onValue={setName}
            error={errors.fields.name}
            autoComplete="organization"
          />
          <SelectField
            spec={typeSpec}
            required
            value={type}
            onValue={(v) => setType(v as OrganisationType | '')}
            placeholder={t('common.choose')}
            options={ORGANISATION_TYPES.map((value) => ({ value, label: t(`organisationTypes.${value}`) }))}
            error={errors.fields.type}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
            <LinkButton to={paths.organisations} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </div>
  );
}
