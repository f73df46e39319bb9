/**
 * The covenant register (issue 4 part 6): per region the covenant(s) under which organisations share
 * data, with the signing date, the legal basis and which categories each party may share and receive.
 * The administrator registers and changes them; the privacy officer and process directors read them.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { listOrganisations } from '../../api/endpoints.js';
import {
  COVENANT_STATUSES,
  type Covenant,
  type CovenantInput,
  type CovenantStatus,
  createCovenant,
  DATA_CATEGORIES,
  type DataCategory,
  getCovenant,
  listCovenants,
  updateCovenant,
} from '../../api/privacy.js';
import { useSession } from '../../auth/session.js';
import { Badge, Button, DescriptionList, FieldSet, Heading, Paragraph } from '../../components/ams.js';
import {
  type FieldErrors,
  type FieldSpec,
  fieldId,
  RadioGroupField,
  requireText,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/form.js';
import { FormShell, useSaveForm } from '../../components/form-shell.js';
import { BackLink, DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, sortBy } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newPath, paths } from '../../paths.js';
import { StaleNotice } from '../admin/stale.js';
import { NotFoundPage } from '../not-found.js';
import { CheckboxGroup, codeLabel, nestedProblemToErrors } from './shared.js';

export const COVENANT_EDIT = 'wijzigen';
export const covenantEditPath = (id: string) => `${itemPath(paths.covenants, id)}/${COVENANT_EDIT}`;

function StatusBadge({ status }: { status: CovenantStatus }) {
  const color = status === 'signed' ? 'lime' : status === 'draft' ? 'yellow' : 'purple';
  return <Badge color={color} label={codeLabel('covenants.statuses', status)} />;
}

/** The categories in the register's fixed order, whatever order they were ticked in. */
const categoryList = (codes: string[]) =>
  codes.length === 0
    ? '—'
    : [...codes]
        .sort((a, b) => DATA_CATEGORIES.indexOf(a as DataCategory) - DATA_CATEGORIES.indexOf(b as DataCategory))
        .map((c) => codeLabel('categories', c))
        .join(', ');

export function CovenantsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = session.can('organisations:manage');
  const covenants = useLoad(() => listCovenants().then((r) => r.items), []);
  return (
    <>
      <PageHeader
        title={t('privacyPages.covenants.title')}
        intro={
          canManage ? t('privacyPages.covenants.intro') : `${t('privacyPages.covenants.intro')} ${t('common.readOnly')}`
        }
        actions={canManage && <LinkButton to={newPath(paths.covenants)}>{t('privacyPages.covenants.new')}</LinkButton>}
      />
      <Flash />
      {covenants.error !== null && <LoadError error={covenants.error} onRetry={() => void covenants.reload()} />}
      {covenants.loading && !covenants.data && <Loading />}
      {covenants.data && covenants.data.length === 0 && <Paragraph>{t('privacyPages.covenants.empty')}</Paragraph>}
      {covenants.data && covenants.data.length > 0 && (
        <DataTable
          caption={t('privacyPages.covenants.caption', { region: session.me?.region.name ?? '' })}
          head={
            <>
              <Th>{t('privacyPages.covenants.covenantTitle')}</Th>
              <Th>{t('privacyPages.covenants.status')}</Th>
              <Th>{t('privacyPages.covenants.signedOn')}</Th>
              <Th align="end">{t('privacyPages.covenants.partyCount')}</Th>
            </>
          }
        >
          {covenants.data.map((c) => (
            <Tr key={c.id}>
              <Td>
                <Link className="ams-link" to={itemPath(paths.covenants, c.id)}>
                  {c.title}
                </Link>
              </Td>
              <Td>
                <StatusBadge status={c.status} />
              </Td>
              <Td>{c.signedOn ? formatDate(c.signedOn) : t('common.none')}</Td>
              <Td align="end">{c.parties.length}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

export function CovenantPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const canManage = session.can('organisations:manage');
  const covenant = useLoad(() => getCovenant(id), [id]);
  if (covenant.error instanceof ApiError && covenant.error.status === 404) return <NotFoundPage />;
  const c = covenant.data;
  return (
    <>
      <BackLink to={paths.covenants}>{t('privacyPages.covenants.title')}</BackLink>
      {covenant.error !== null && <LoadError error={covenant.error} onRetry={() => void covenant.reload()} />}
      {!c && covenant.loading && <Loading />}
      {c && (
        <>
          <PageHeader
            title={c.title}
            actions={
              canManage && (
                <LinkButton to={covenantEditPath(c.id)} variant="secondary">
                  {t('privacyPages.covenants.edit')}
                </LinkButton>
              )
            }
          />
          <Flash />
          <DescriptionList termsWidth="medium" className="pv-facts">
            <DescriptionList.Term>{t('privacyPages.covenants.status')}</DescriptionList.Term>
            <DescriptionList.Description>
              <StatusBadge status={c.status} />
            </DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.covenants.signedOn')}</DescriptionList.Term>
            <DescriptionList.Description>
              {c.signedOn ? formatDate(c.signedOn) : t('common.none')}
            </DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.covenants.legalBasis')}</DescriptionList.Term>
            <DescriptionList.Description className="pv-prewrap">{c.legalBasis}</DescriptionList.Description>
            <DescriptionList.Term>{t('privacyPages.covenants.documentReference')}</DescriptionList.Term>
            <DescriptionList.Description>{c.documentReference ?? t('common.none')}</DescriptionList.Description>
          </DescriptionList>
          <section className="schakel-section" aria-labelledby="covenant-parties">
            <Heading level={2} id="covenant-parties">
              {t('privacyPages.covenants.parties')}
            </Heading>
            {c.parties.length === 0 ? (
              <Paragraph>{t('privacyPages.covenants.noParties')}</Paragraph>
            ) : (
              <DataTable
                caption={t('privacyPages.covenants.partiesCaption', { title: c.title })}
                captionHidden
                head={
                  <>
                    <Th>{t('privacyPages.covenants.organisation')}</Th>
                    <Th>{t('privacyPages.covenants.partySignedOn')}</Th>
                    <Th>{t('privacyPages.covenants.mayShare')}</Th>
                    <Th>{t('privacyPages.covenants.mayReceive')}</Th>
                  </>
                }
              >
                {c.parties.map((p) => (
                  <Tr key={p.organisationId}>
                    <Td>{p.organisationName}</Td>
                    <Td>
                      {p.signedOn ? (
                        formatDate(p.signedOn)
                      ) : (
                        <Badge color="orange" label={t('privacyPages.covenants.notSigned')} />
                      )}
                    </Td>
                    <Td>{categoryList(p.mayShare)}</Td>
                    <Td>{categoryList(p.mayReceive)}</Td>
                  </Tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}
    </>
  );
}

interface PartyDraft {
  key: number;
  organisationId: string;
  signedOn: string;
  mayShare: string[];
  mayReceive: string[];
}

let nextKey = 1;
const newParty = (): PartyDraft => ({ key: nextKey++, organisationId: '', signedOn: '', mayShare: [], mayReceive: [] });

export function CovenantFormPage() {
  const { id } = useParams();
  const isNew = id === undefined;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const existing = useLoad(async () => (isNew ? null : getCovenant(id)), [id]);
  const organisations = useLoad(() => listOrganisations().then((r) => sortBy(r.items, (o) => o.name)), []);
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<CovenantStatus>('draft');
  const [signedOn, setSignedOn] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [documentReference, setDocumentReference] = useState('');
  const [parties, setParties] = useState<PartyDraft[]>([]);
  const [version, setVersion] = useState(0);
  const { errors, fail, clear, focusSignal, busy, stale, setStale, save } = useSaveForm();
  const [focusParty, setFocusParty] = useState<number | null>(null);

  // After "add a party", the new party's first field takes focus.
  useEffect(() => {
    if (focusParty === null) return;
    document.getElementById(fieldId('covenant', `parties.${focusParty}.organisationId`))?.focus();
    setFocusParty(null);
  }, [focusParty]);

  const loaded: Covenant | null = existing.data ?? null;
  useEffect(() => {
    if (!loaded) return;
    setTitle(loaded.title);
    setStatus(loaded.status);
    setSignedOn(loaded.signedOn ?? '');
    setLegalBasis(loaded.legalBasis);
    setDocumentReference(loaded.documentReference ?? '');
    setParties(
      loaded.parties.map((p) => ({
        key: nextKey++,
        organisationId: p.organisationId,
        signedOn: p.signedOn ?? '',
        mayShare: p.mayShare,
        mayReceive: p.mayReceive,
      })),
    );
    setVersion(loaded.version);
    setStale(false);
  }, [loaded, setStale]);

  if (existing.error instanceof ApiError && existing.error.status === 404) return <NotFoundPage />;

  const f = (name: string, label: string): FieldSpec => ({ name, id: fieldId('covenant', name), label });
  const titleSpec = f('title', t('privacyPages.covenants.covenantTitle'));
  const statusSpec = f('status', t('privacyPages.covenants.status'));
  const signedOnSpec = f('signedOn', t('privacyPages.covenants.signedOn'));
  const legalBasisSpec = f('legalBasis', t('privacyPages.covenants.legalBasis'));
  const referenceSpec = f('documentReference', t('privacyPages.covenants.documentReference'));
  const partySpecs = (index: number) => {
    const n = index + 1;
    return {
      organisationId: f(`parties.${index}.organisationId`, t('privacyPages.covenants.partyOrganisation', { n })),
      signedOn: f(`parties.${index}.signedOn`, t('privacyPages.covenants.partySignedOnN', { n })),
      mayShare: f(`parties.${index}.mayShare`, t('privacyPages.covenants.mayShareN', { n })),
      mayReceive: f(`parties.${index}.mayReceive`, t('privacyPages.covenants.mayReceiveN', { n })),
    };
  };
  const fields: FieldSpec[] = [
    titleSpec,
    statusSpec,
    signedOnSpec,
    legalBasisSpec,
    referenceSpec,
    ...parties.flatMap((_, i) => Object.values(partySpecs(i))),
  ];

  const categoryOptions = DATA_CATEGORIES.map((c) => ({ value: c, label: codeLabel('categories', c) }));
  const updateParty = (key: number, change: Partial<PartyDraft>) =>
    setParties((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    requireText(found, titleSpec, title, t);
    requireText(found, legalBasisSpec, legalBasis, t);
    if (status !== 'draft' && !signedOn) found.signedOn = t('privacyPages.covenants.signedOnRequired');
    parties.forEach((p, i) => {
      const s = partySpecs(i);
      requireText(found, s.organisationId, p.organisationId, t, 'errors.requiredChoice');
    });
    if (Object.keys(found).length) return fail({ fields: found, general: [] });
    const body: CovenantInput = {
      title: title.trim(),
      status,
      signedOn: signedOn || null,
      legalBasis: legalBasis.trim(),
      documentReference: documentReference.trim() || null,
      parties: parties.map((p) => ({
        organisationId: p.organisationId,
        signedOn: p.signedOn || null,
        mayShare: p.mayShare,
        mayReceive: p.mayReceive,
      })),
    };
    await save(
      async () => {
        const saved = isNew ? await createCovenant(body) : await updateCovenant(id as string, { ...body, version });
        clear();
        navigate(itemPath(paths.covenants, saved.id), {
          state: { notice: isNew ? t('common.created', { name: saved.title }) : t('common.saved') },
        });
      },
      (error) => nestedProblemToErrors(error, fields, t),
    );
  }

  const heading = isNew
    ? t('privacyPages.covenants.newTitle')
    : t('privacyPages.covenants.editTitle', { title: loaded?.title ?? '' });
  const back = isNew ? paths.covenants : itemPath(paths.covenants, id as string);
  return (
    <div className="schakel-narrow">
      <BackLink to={back}>{isNew ? t('privacyPages.covenants.title') : (loaded?.title ?? '')}</BackLink>
      <PageHeader title={heading} />
      {existing.error !== null && <LoadError error={existing.error} onRetry={() => void existing.reload()} />}
      {organisations.error !== null && (
        <LoadError error={organisations.error} onRetry={() => void organisations.reload()} />
      )}
      {((!isNew && !loaded) || !organisations.data) && (existing.loading || organisations.loading) && <Loading />}
      {(isNew || loaded) && organisations.data && (
        <FormShell
          onSubmit={submit}
          errors={errors}
          fields={fields}
          focusSignal={focusSignal}
          busy={busy}
          submitLabel={isNew ? t('privacyPages.covenants.register') : t('common.save')}
          cancelTo={back}
        >
          {stale && (
            <StaleNotice
              onReload={() => {
                clear();
                void existing.reload();
              }}
            />
          )}
          <TextField spec={titleSpec} required value={title} onValue={setTitle} error={errors.fields.title} />
          <RadioGroupField
            spec={statusSpec}
            value={status}
            onValue={(v) => setStatus(v as CovenantStatus)}
            options={COVENANT_STATUSES.map((s) => ({
              value: s,
              label: codeLabel('covenants.statuses', s),
              hint: t(`privacyPages.covenants.statusHints.${s}`),
            }))}
            error={errors.fields.status}
          />
          <TextField
            spec={signedOnSpec}
            type="date"
            optional={status === 'draft'}
            required={status !== 'draft'}
            value={signedOn}
            onValue={setSignedOn}
            error={errors.fields.signedOn}
          />
          <TextAreaField
            spec={legalBasisSpec}
            required
            hint={t('privacyPages.covenants.legalBasisHint')}
            value={legalBasis}
            onValue={setLegalBasis}
            maxLength={4000}
            error={errors.fields.legalBasis}
          />
          <TextField
            spec={referenceSpec}
            optional
            hint={t('privacyPages.covenants.documentReferenceHint')}
            value={documentReference}
            onValue={setDocumentReference}
            error={errors.fields.documentReference}
          />
          <FieldSet legend={t('privacyPages.covenants.parties')} aria-describedby="covenant-parties-hint">
            <Paragraph size="small" id="covenant-parties-hint" className="schakel-field-hint">
              {t('privacyPages.covenants.partiesHint')}
            </Paragraph>
            <div className="pv-parties">
              {parties.map((p, index) => {
                const s = partySpecs(index);
                const taken = new Set(parties.filter((o) => o.key !== p.key).map((o) => o.organisationId));
                const name = organisations.data?.find((o) => o.id === p.organisationId)?.name;
                return (
                  <section key={p.key} className="pv-party" aria-labelledby={`party-${p.key}`}>
                    <Heading level={3} size="level-4" id={`party-${p.key}`}>
                      {name ?? t('privacyPages.covenants.partyN', { n: index + 1 })}
                    </Heading>
                    <SelectField
                      spec={s.organisationId}
                      required
                      value={p.organisationId}
                      onValue={(organisationId) => updateParty(p.key, { organisationId })}
                      placeholder={t('common.choose')}
                      options={(organisations.data ?? [])
                        .filter((o) => !taken.has(o.id))
                        .map((o) => ({ value: o.id, label: o.name }))}
                      error={errors.fields[s.organisationId.name]}
                    />
                    <TextField
                      spec={s.signedOn}
                      type="date"
                      optional
                      hint={t('privacyPages.covenants.partySignedOnHint')}
                      value={p.signedOn}
                      onValue={(v) => updateParty(p.key, { signedOn: v })}
                      error={errors.fields[s.signedOn.name]}
                    />
                    <CheckboxGroup
                      spec={s.mayShare}
                      options={categoryOptions}
                      value={p.mayShare}
                      onValue={(mayShare) => updateParty(p.key, { mayShare })}
                      error={errors.fields[s.mayShare.name]}
                    />
                    <CheckboxGroup
                      spec={s.mayReceive}
                      options={categoryOptions}
                      value={p.mayReceive}
                      onValue={(mayReceive) => updateParty(p.key, { mayReceive })}
                      error={errors.fields[s.mayReceive.name]}
                    />
                    <div>
                      <Button variant="tertiary" onClick={() => setParties((ps) => ps.filter((o) => o.key !== p.key))}>
                        {t('privacyPages.covenants.removeParty', {
                          name: name ?? t('privacyPages.covenants.partyN', { n: index + 1 }),
                        })}
                      </Button>
                    </div>
                  </section>
                );
              })}
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setParties((ps) => [...ps, newParty()]);
                    setFocusParty(parties.length);
                  }}
                >
                  {t('privacyPages.covenants.addParty')}
                </Button>
              </div>
            </div>
          </FieldSet>
        </FormShell>
      )}
    </div>
  );
}
