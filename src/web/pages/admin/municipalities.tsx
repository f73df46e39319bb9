import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import {
  createMunicipality,
  listMunicipalities,
  listOrganisations,
  type MunicipalityInput,
  updateMunicipality,
} from '../../api/endpoints.js';
import type { Municipality, Organisation } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button } from '../../components/ams.js';
import {
  CheckboxField,
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
import { compareText, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { NotFoundPage } from '../not-found.js';
import { StaleNotice } from './stale.js';

const CBS_CODE = /^GM\d{4}$/;

function byDistrictAndName(a: Municipality, b: Municipality): number {
  return compareText(a.district ?? '', b.district ?? '') || compareText(a.name, b.name);
}

export function MunicipalitiesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const data = useLoad(async () => {
    const [municipalities, organisations] = await Promise.all([listMunicipalities(), listOrganisations()]);
    return {
      municipalities: [...municipalities.items].sort(byDistrictAndName),
      organisations: new Map(organisations.items.map((o) => [o.id, o.name])),
    };
  }, []);
  const canManage = session.can('organisations:manage');
  return (
    <>
      <PageHeader
        title={t('municipalities.title')}
        intro={canManage ? t('municipalities.intro') : `${t('municipalities.intro')} ${t('common.readOnly')}`}
        actions={canManage && <LinkButton to={newPath(paths.municipalities)}>{t('municipalities.new')}</LinkButton>}
      />
      <Flash />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <DataTable
          caption={t('municipalities.caption', { region: session.me?.region.name ?? '' })}
          head={
            <>
              <Th>{t('municipalities.name')}</Th>
              <Th>{t('municipalities.cbsCode')}</Th>
              <Th>{t('municipalities.district')}</Th>
              <Th>{t('municipalities.coordinating')}</Th>
              <Th>{t('municipalities.organisation')}</Th>
              {canManage && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {data.data.municipalities.map((m) => (
            <Tr key={m.id}>
              <Td>{m.name}</Td>
              <Td>{m.cbsCode ?? t('common.none')}</Td>
              <Td>{m.district ?? t('common.none')}</Td>
              <Td>
                {m.isCoordinating ? <Badge label={t('municipalities.coordinating')} color="azure" /> : t('common.no')}
              </Td>
              <Td>{(m.organisationId && data.data?.organisations.get(m.organisationId)) || t('common.none')}</Td>
              {canManage && (
                <Td>
                  <Link className="ams-link" to={itemPath(paths.municipalities, m.id)}>
                    {t('common.edit')}
                    <span className="schakel-visually-hidden"> {m.name}</span>
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

export function MunicipalityFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useLoad(async () => {
    const [municipalities, organisations] = await Promise.all([
      isNew ? Promise.resolve(null) : listMunicipalities(),
      listOrganisations(),
    ]);
    return {
      municipality: municipalities?.items.find((m) => m.id === id) ?? null,
      organisations: sortBy(organisations.items, (o) => o.name) as Organisation[],
    };
  }, [id]);
  const [name, setName] = useState('');
  const [cbsCode, setCbsCode] = useState('');
  const [district, setDistrict] = useState('');
  const [isCoordinating, setIsCoordinating] = useState(false);
  const [organisationId, setOrganisationId] = useState('');
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('municipality', 'name'), label: t('municipalities.name') },
    { name: 'cbsCode', id: fieldId('municipality', 'cbsCode'), label: t('municipalities.cbsCode') },
    { name: 'district', id: fieldId('municipality', 'district'), label: t('municipalities.district') },
    {
      name: 'isCoordinating',
      id: fieldId('municipality', 'isCoordinating'),
      label: t('municipalities.isCoordinating'),
    },
    {
      name: 'organisationId',
      id: fieldId('municipality', 'organisationId'),
      label: t('municipalities.organisation'),
    },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  const loaded: Municipality | null = data.data?.municipality ?? null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setCbsCode(loaded.cbsCode ?? '');
      setDistrict(loaded.district ?? '');
      setIsCoordinating(loaded.isCoordinating);
      setOrganisationId(loaded.organisationId ?? '');
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded]);

  if (!isNew && data.data && !loaded) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, spec('name'), name, t);
    const code = cbsCode.trim().toUpperCase();
    if (code && !CBS_CODE.test(code)) found.cbsCode = t('municipalities.cbsCodeFormat');
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    const body: MunicipalityInput = {
      name: name.trim(),
      cbsCode: code || null,
      district: district.trim() || null,
      isCoordinating,
      organisationId: organisationId || null,
    };
    try {
      const saved = isNew
        ? await createMunicipality(body)
        : await updateMunicipality(id as string, { ...body, version });
      clear();
      navigate(paths.municipalities, {
        state: { notice: isNew ? t('common.created', { name: saved.name }) : t('common.saved') },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  const title = isNew ? t('municipalities.newTitle') : t('municipalities.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.municipalities}>{t('municipalities.title')}</BackLink>
      <PageHeader title={title} />
      {data.error !== null && <LoadError error={data.error} onRetry={() => void data.reload()} />}
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <form className="schakel-form" noValidate onSubmit={submit}>
          <ErrorSummary errors={errors} fields={fields} focusSignal={focusSignal} />
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void data.reload();
              }}
            />
          )}
          <TextField spec={spec('name')} required value={name} onValue={setName} error={errors.fields.name} />
          <TextField
            spec={spec('cbsCode')}
            optional
            hint={t('municipalities.cbsCodeHint')}
            value={cbsCode}
            onValue={setCbsCode}
            error={errors.fields.cbsCode}
            size={10}
            autoComplete="off"
            spellCheck={false}
          />
          <TextField
            spec={spec('district')}
            optional
            value={district}
            onValue={setDistrict}
            error={errors.fields.district}
          />
          <SelectField
            spec={spec('organisationId')}
            optional
            value={organisationId}
            onValue={setOrganisationId}
            placeholder={t('municipalities.noOrganisation')}
            options={data.data.organisations.map((o) => ({ value: o.id, label: o.name }))}
            error={errors.fields.organisationId}
          />
          <CheckboxField
            spec={spec('isCoordinating')}
            checked={isCoordinating}
            onChecked={setIsCoordinating}
            error={errors.fields.isCoordinating}
          />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
            <LinkButton to={paths.municipalities} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </div>
  );
}
