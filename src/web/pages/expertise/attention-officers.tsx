/**
 * Attention officers (aandachtsfunctionarissen) per organisation: the operational network of 001, with
 * per organisation its officers and how many of its people attended a training. Officers are people:
 * every read and change is logged by the API (programme:contacts).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listOrganisations } from '../../api/endpoints.js';
import {
  type AttentionOfficer,
  createOfficer,
  deleteOfficer,
  getOfficer,
  operationalNetwork,
  updateOfficer,
} from '../../api/expertise.js';
import { Button, Heading, Paragraph } from '../../components/ams.js';
import { ConfirmBox } from '../../components/confirm.js';
import { Details } from '../../components/details.js';
import {
  type FieldErrors,
  type FieldSpec,
  fieldId,
  problemToErrors,
  requireText,
  SelectField,
  TextField,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatNumber, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { isIsoDate, todayIso } from './shared.js';

export function AttentionOfficersPage() {
  const { t } = useTranslation();
  const network = useLoad(() => operationalNetwork().then((r) => sortBy(r.items, (o) => o.organisationName)), []);
  return (
    <>
      <PageHeader
        title={t('expertisePages.officers.title')}
        intro={t('expertisePages.officers.intro')}
        actions={<LinkButton to={newPath(paths.attentionOfficers)}>{t('expertisePages.officers.add')}</LinkButton>}
      />
      <Flash />
      {network.error !== null && <LoadError error={network.error} onRetry={() => void network.reload()} />}
      {network.loading && !network.data && <Loading />}
      {network.data && (
        <DataTable
          caption={t('expertisePages.officers.caption')}
          head={
            <>
              <Th>{t('expertisePages.officers.organisation')}</Th>
              <Th>{t('expertisePages.officers.officers')}</Th>
              <Th align="end">{t('expertisePages.officers.trainedParticipants')}</Th>
              <Th>{t('common.actions')}</Th>
            </>
          }
        >
          {network.data.map((o) => (
            <Tr key={o.organisationId}>
              <Td>
                <strong>{o.organisationName}</strong>
                <span className="exp-cell-note">
                  {t(`organisationTypes.${o.organisationType}`, { defaultValue: o.organisationType })}
                </span>
              </Td>
              <Td>
                {o.attentionOfficers.length === 0 ? (
                  <span className="schakel-muted">{t('expertisePages.officers.none')}</span>
                ) : (
                  <ul className="exp-list">
                    {sortBy(o.attentionOfficers, (a) => a.name).map((a) => (
                      <li key={a.id}>
                        <Link className="ams-link" to={itemPath(paths.attentionOfficers, a.id)}>
                          {a.name}
                        </Link>
                        <span className="exp-cell-note">
                          {a.trainedOn
                            ? t('expertisePages.officers.trainedOn', { date: formatDate(a.trainedOn) })
                            : t('expertisePages.officers.notTrained')}
                          {a.userId ? ` · ${t('expertisePages.officers.hasAccount')}` : ''}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
              <Td align="end">{formatNumber(o.trainedParticipants)}</Td>
              <Td>
                <Link
                  className="ams-link"
                  to={`${newPath(paths.attentionOfficers)}?organisationId=${encodeURIComponent(o.organisationId)}`}
                >
                  {t('expertisePages.officers.addHere')}
                  <span className="schakel-visually-hidden">
                    {' '}
                    {t('expertisePages.officers.addHereName', { organisation: o.organisationName })}
                  </span>
                </Link>
              </Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function AttentionOfficerFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(async () => (isNew ? null : await getOfficer(id as string)), [id]);
  const organisations = useLoad(() => listOrganisations().then((r) => sortBy(r.items, (o) => o.name)), []);
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState(search.get('organisationId') ?? '');
  const [trainedOn, setTrainedOn] = useState('');
  const [version, setVersion] = useState(0);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { errors, fail, clear, focusSignal, busy, setBusy, stale, setStale, save } = useSaveForm();

  const fields: FieldSpec[] = [
    { name: 'name', id: fieldId('officer', 'name'), label: t('expertisePages.officers.name') },
    {
      name: 'organisationId',
      id: fieldId('officer', 'organisationId'),
      label: t('expertisePages.officers.organisation'),
    },
    { name: 'trainedOn', id: fieldId('officer', 'trainedOn'), label: t('expertisePages.officers.trainedOnLabel') },
  ];
  const [nameSpec, orgSpec, trainedSpec] = fields as [FieldSpec, FieldSpec, FieldSpec];

  const loaded: AttentionOfficer | null = existing.data ?? null;
  const withAccount = loaded?.userId != null;
  useEffect(() => {
    if (loaded) {
      setName(loaded.name);
      setOrganisationId(loaded.organisationId);
      setTrainedOn(loaded.trainedOn ?? '');
      setVersion(loaded.version);
      setStale(false);
    }
  }, [loaded, setStale]);

  if (!isNew && existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!withAccount) {
      requireText(found, nameSpec, name, t);
      requireText(found, orgSpec, organisationId, t, 'errors.requiredChoice');
    }
    if (trainedOn && !isIsoDate(trainedOn)) {
      found.trainedOn = t('expertisePages.errors.date', { label: trainedSpec.label.toLowerCase() });
    } else if (trainedOn > todayIso()) {
      found.trainedOn = t('expertisePages.errors.notInFuture', { label: trainedSpec.label });
    }
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    await save(
      async () => {
        const trained = trainedOn || null;
        const saved = isNew
          ? await createOfficer({ name: name.trim(), organisationId, trainedOn: trained })
          : await updateOfficer(id as string, {
              ...(withAccount ? {} : { name: name.trim(), organisationId }),
              trainedOn: trained,
              version,
            });
        clear();
        navigate(paths.attentionOfficers, {
          state: { notice: isNew ? t('common.created', { name: saved.name }) : t('common.saved') },
        });
      },
      (error) => problemToErrors(error, fields, t),
    );
  }

  async function remove() {
    setBusy(true);
    try {
      await deleteOfficer(id as string);
      navigate(paths.attentionOfficers, {
        state: { notice: t('expertisePages.officers.deleted', { name: loaded?.name ?? '' }) },
      });
    } catch (error) {
      fail(problemToErrors(error, fields, t));
      setBusy(false);
    }
  }

  const title = isNew
    ? t('expertisePages.officers.newTitle')
    : t('expertisePages.officers.editTitle', { name: loaded?.name ?? '' });
  return (
    <div className="schakel-narrow">
      <BackLink to={paths.attentionOfficers}>{t('expertisePages.officers.title')}</BackLink>
      <PageHeader title={title} intro={isNew ? t('expertisePages.officers.newIntro') : undefined} />
      {existing.error !== null && <LoadError error={existing.error} onRetry={() => void existing.reload()} />}
      {!isNew && existing.loading && !loaded && <Loading />}
      {(isNew || loaded) && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={isNew ? t('expertisePages.officers.addSubmit') : t('common.save')}
          cancelTo={paths.attentionOfficers}
        >
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void existing.reload();
              }}
            />
          )}
          {withAccount && loaded ? (
            <>
              <Details
                className="schakel-details"
                rows={[
                  { term: t('expertisePages.officers.name'), value: loaded.name },
                  { term: t('expertisePages.officers.email'), value: loaded.email ?? t('common.none') },
                  { term: t('expertisePages.officers.organisation'), value: loaded.organisationName },
                ]}
              />
              <Paragraph size="small" className="schakel-muted">
                {t('expertisePages.officers.accountNote')}
              </Paragraph>
            </>
          ) : (
            <>
              <TextField
                spec={nameSpec}
                required
                value={name}
                onValue={setName}
                error={errors.fields.name}
                autoComplete="off"
              />
              <SelectField
                spec={orgSpec}
                required
                value={organisationId}
                onValue={setOrganisationId}
                placeholder={t('common.choose')}
                options={(organisations.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                error={errors.fields.organisationId}
              />
            </>
          )}
          <TextField
            spec={trainedSpec}
            type="date"
            optional
            hint={t('expertisePages.officers.trainedOnHint')}
            value={trainedOn}
            onValue={setTrainedOn}
            error={errors.fields.trainedOn}
          />
        </FormShell>
      )}
      {!isNew && loaded && (
        <section className="schakel-section" aria-labelledby="officer-remove">
          <Heading level={2} id="officer-remove">
            {t('expertisePages.officers.removeHeading')}
          </Heading>
          {confirmDelete ? (
            <ConfirmBox
              message={t('expertisePages.officers.confirmRemove', { name: loaded.name })}
              confirmLabel={t('expertisePages.officers.confirmRemoveButton')}
              onConfirm={() => void remove()}
              onCancel={() => setConfirmDelete(false)}
              busy={busy}
            />
          ) : (
            <Button variant="secondary" onClick={() => setConfirmDelete(true)}>
              {t('expertisePages.officers.remove')}
            </Button>
          )}
        </section>
      )}
    </div>
  );
}
