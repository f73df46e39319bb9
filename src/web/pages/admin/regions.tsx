import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { createRegion, listRegions, updateRegion } from '../../api/endpoints.js';
import type { Region } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, Paragraph } from '../../components/ams.js';
import {
  ErrorSummary,
  type FieldErrors,
  type FieldSpec,
  FormActions,
  fieldId,
  problemToErrors,
  requireText,
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

const CODE = /^[a-z0-9-]{2,40}$/;

export function RegionsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const regions = useLoad(() => listRegions().then((r) => sortBy(r.items, (x) => x.name)), []);
  const canManage = session.can('organisations:manage');
  return (
    <>
      <PageHeader
        title={t('regions.title')}
        intro={t('regions.intro')}
        actions={canManage && <LinkButton to={newPath(paths.regions)}>{t('regions.new')}</LinkButton>}
      />
      <Flash />
      {regions.error !== null && <LoadError error={regions.error} onRetry={() => void regions.reload()} />}
      {regions.loading && !regions.data && <Loading />}
      {regions.data && (
        <DataTable
          caption={t('regions.caption')}
          head={
            <>
              <Th>{t('regions.name')}</Th>
              <Th>{t('regions.code')}</Th>
              <Th>{t('regions.demo')}</Th>
              {canManage && <Th>{t('common.actions')}</Th>}
            </>
          }
        >
          {regions.data.map((r) => (
            <Tr key={r.id}>
              <Td>{r.name}</Td>
              <Td>
                <code>{r.code}</code>
              </Td>
              <Td>{r.isDemo ? <Badge label={t('regions.demo')} color="yellow" /> : t('common.no')}</Td>
              {canManage && (
                <Td>
                  <Link className="ams-link" to={itemPath(paths.regions, r.id)}>
                    {t('common.edit')}
                    <span className="schakel-visually-hidden"> {r.name}</span>
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

export function RegionFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(
    async () => (isNew ? null : ((await listRegions()).items.find((r) => r.id === id) ?? null)),
    [id],
  );
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [version, setVersion] = useState(0);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fail, clear, focusSignal } = useFormErrors();

  const fields: FieldSpec[] = [
    ...(isNew ? [{ name: 'code', id: fieldId('region', 'code'), label: t('regions.code') }] : []),
    { name: 'name', id: fieldId('region', 'name'), label: t('regions.name') },
  ];
  const spec = (name: string) => fields.find((f) => f.name === name) as FieldSpec;

  const loaded: Region | null = existing.data ?? null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded]);

  if (!isNew && !existing.loading && existing.error === null && !loaded) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (isNew) {
      requireText(found, spec('code'), code, t);
      if (!found.code && !CODE.test(code.trim())) found.code = t('regions.codeFormat');
    }
    requireText(found, spec('name'), name, t);
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    setBusy(true);
    try {
      const saved = isNew
        ? await createRegion({ code: code.trim(), name: name.trim() })
        : await updateRegion(id as string, { name: name.trim(), version });
      clear();
      navigate(paths.regions, {
        state: { notice: isNew ? t('common.created', { name: saved.name }) : t('common.saved') },
      });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') setStale(true);
      fail(problemToErrors(error, fields, t));
    } finally {
      setBusy(false);
    }
  }

  const title = isNew ? t('regions.newTitle') : t('regions.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.regions}>{t('regions.title')}</BackLink>
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
          {isNew ? (
            <TextField
              spec={spec('code')}
              required
              hint={t('regions.codeHint')}
              value={code}
              onValue={setCode}
              error={errors.fields.code}
              autoComplete="off"
              spellCheck={false}
            />
          ) : (
            <Paragraph>
              {t('regions.code')}: <code>{loaded?.code}</code>
            </Paragraph>
          )}
          <TextField spec={spec('name')} required value={name} onValue={setName} error={errors.fields.name} />
          <FormActions>
            <Button type="submit" disabled={busy}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
            <LinkButton to={paths.regions} variant="tertiary">
              {t('common.cancel')}
            </LinkButton>
          </FormActions>
        </form>
      )}
    </div>
  );
}
