/**
 * Duiding en inschatting: a new one (/assessments/new?personId=…&caseId=… or &signalId=…, ids only),
 * one assessment (the form while it is the assessor's draft, read-only otherwise) and the versions of
 * one person (/persons/:id/assessments), whose list of chosen levels over time is the trend.
 */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  type Assessment,
  type AssessmentSummary,
  CONCERN_LEVELS,
  type ConcernLevel,
  FRAMEWORK_DOMAINS,
  getAssessment,
  listFrameworks,
  listPersonAssessments,
} from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import { getPerson } from '../../api/signals.js';
import type { Organisation } from '../../api/types.js';
import { useSession } from '../../auth/session.js';
import { DescriptionList, Heading, Paragraph } from '../../components/ams.js';
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
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, newCasePath, paths } from '../../paths.js';
import { localLabel, personName, SourceOrganisation, useOrganisations } from '../signals/common.js';
import { AssessmentEditor, type EditorContext } from './editor.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const validId = (value: string | null) => (value && UUID.test(value) ? value : undefined);

export function newAssessmentPath(context: EditorContext): string {
  const q = new URLSearchParams({ personId: context.personId });
  if (context.caseId) q.set('caseId', context.caseId);
  else if (context.signalId) q.set('signalId', context.signalId);
  return `${newCasePath(paths.assessments)}?${q.toString()}`;
}

export const personAssessmentsPath = (personId: string, context: Omit<EditorContext, 'personId'> = {}) => {
  const q = new URLSearchParams();
  if (context.caseId) q.set('caseId', context.caseId);
  else if (context.signalId) q.set('signalId', context.signalId);
  const qs = q.toString();
  return `${paths.persons}/${encodeURIComponent(personId)}/assessments${qs ? `?${qs}` : ''}`;
};

function ContextBackLink({ caseId, signalId }: { caseId?: string | null; signalId?: string | null }) {
  const { t } = useTranslation();
  if (caseId) return <BackLink to={itemPath(paths.cases, caseId)}>{t('assessments.toCase')}</BackLink>;
  if (signalId) return <BackLink to={itemPath(paths.signals, signalId)}>{t('assessments.toSignal')}</BackLink>;
  return null;
}

export function AssessmentNewPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const personId = validId(search.get('personId'));
  const caseId = validId(search.get('caseId'));
  const signalId = caseId ? undefined : validId(search.get('signalId'));
  const person = useLoad(() => (personId ? getPerson(personId) : Promise.resolve(null)), [personId]);
  const frameworks = useLoad(() => listFrameworks().then((r) => r.items.filter((f) => f.active)), []);
  const organisations = useOrganisations();

  if (!personId || (!caseId && !signalId)) {
    return (
      <div className="schakel-narrow">
        <PageHeader title={t('assessments.newTitle')} />
        <Paragraph>{t('assessments.missingContext')}</Paragraph>
      </div>
    );
  }
  const loadError = person.error ?? frameworks.error ?? organisations.error;
  const name = person.data ? personName(person.data) : '';
  return (
    <>
      <ContextBackLink caseId={caseId ?? null} signalId={signalId ?? null} />
      <PageHeader
        title={name ? `${t('assessments.newTitle')} ${t('assessments.of', { name })}` : t('assessments.newTitle')}
        intro={t('assessments.intro')}
      />
      {loadError !== null && loadError !== undefined && <LoadError error={loadError} />}
      {(!person.data || !frameworks.data || !organisations.data) && !loadError && <Loading />}
      {person.data && frameworks.data && organisations.data && (
        <AssessmentEditor
          assessment={null}
          frameworks={frameworks.data}
          organisations={organisations.data}
          context={{ personId, ...(caseId ? { caseId } : {}), ...(signalId ? { signalId } : {}) }}
        />
      )}
    </>
  );
}

export function AssessmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const assessment = useLoad(() => getAssessment(id), [id]);
  const a = assessment.data;
  const person = useLoad(() => (a ? getPerson(a.personId) : Promise.resolve(null)), [a?.personId]);
  const frameworks = useLoad(() => listFrameworks().then((r) => r.items), []);
  const organisations = useOrganisations();
  const [notice, setNotice] = useState<string | null>(null);

  if (assessment.error instanceof ApiError && assessment.error.status === 404) {
    return (
      <div className="schakel-narrow">
        <PageHeader title={t('notFound.title')} />
        <Paragraph>{t('assessments.notFound')}</Paragraph>
      </div>
    );
  }
  const name = person.data ? personName(person.data) : '';
  const editable = a !== null && a.status === 'draft' && a.assessor.userId === session.me?.user.id;
  const title = a
    ? `${a.status === 'draft' ? t('assessments.editTitle') : t('assessments.title')}${name ? ` ${t('assessments.of', { name })}` : ''}`
    : t('assessments.title');
  const framework = frameworks.data?.find((f) => f.id === a?.frameworkId);
  return (
    <>
      {a && <ContextBackLink caseId={a.caseId} signalId={a.signalId} />}
      <PageHeader title={title} intro={editable ? t('assessments.intro') : undefined} />
      <Flash />
      {notice && <Notice severity="success" heading={notice} live />}
      {assessment.error !== null && <LoadError error={assessment.error} onRetry={() => void assessment.reload()} />}
      {!a && assessment.error === null && <Loading />}
      {a && (
        <>
          <AssessmentFacts assessment={a} />
          {editable && framework && organisations.data ? (
            <AssessmentEditor
              assessment={a}
              frameworks={[framework]}
              organisations={organisations.data}
              context={{
                personId: a.personId,
                ...(a.caseId ? { caseId: a.caseId } : {}),
                ...(a.signalId ? { signalId: a.signalId } : {}),
              }}
              onReload={() => void assessment.reload()}
              onFinalised={(final) => {
                assessment.setData(final);
                setNotice(t('assessments.finalised'));
                document.querySelector<HTMLElement>('#inhoud h1')?.focus();
              }}
            />
          ) : editable ? (
            <Loading />
          ) : (
            <AssessmentView assessment={a} organisations={organisations.data} />
          )}
          <Paragraph>
            <Link
              className="ams-link"
              to={personAssessmentsPath(a.personId, {
                caseId: a.caseId ?? undefined,
                signalId: a.signalId ?? undefined,
              })}
            >
              {t('assessments.allVersions')}
            </Link>
          </Paragraph>
        </>
      )}
    </>
  );
}

function AssessmentFacts({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  return (
    <DescriptionList className="schakel-details">
      <DescriptionList.Term>{t('assessments.status')}</DescriptionList.Term>
      <DescriptionList.Description>
        {t(`assessments.statusLabel.${a.status}`)}
        {a.status === 'final' && <span className="schakel-actor-role">{t('assessments.immutable')}</span>}
      </DescriptionList.Description>
      <DescriptionList.Term>{t('assessments.version')}</DescriptionList.Term>
      <DescriptionList.Description>{a.sequence}</DescriptionList.Description>
      <DescriptionList.Term>{t('assessments.assessedOn')}</DescriptionList.Term>
      <DescriptionList.Description>{formatDate(a.assessedOn)}</DescriptionList.Description>
      <DescriptionList.Term>{t('assessments.assessor')}</DescriptionList.Term>
      <DescriptionList.Description>
        {a.assessor.name}, {a.assessor.organisationName}
      </DescriptionList.Description>
      <DescriptionList.Term>{t('assessments.framework')}</DescriptionList.Term>
      <DescriptionList.Description>{a.frameworkName}</DescriptionList.Description>
      {a.finalisedAt && (
        <>
          <DescriptionList.Term>{t('assessments.finalisedAt')}</DescriptionList.Term>
          <DescriptionList.Description>{formatDateTime(a.finalisedAt)}</DescriptionList.Description>
        </>
      )}
    </DescriptionList>
  );
}

function AssessmentView({
  assessment: a,
  organisations,
}: {
  assessment: Assessment;
  organisations: Organisation[] | null;
}) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <>
      {a.status === 'draft' && a.assessor.userId !== session.me?.user.id && (
        <Paragraph>{t('assessments.readOnlyDraft', { name: a.assessor.name })}</Paragraph>
      )}
      {FRAMEWORK_DOMAINS.map((domain) => {
        const ratings = a.ratings.filter((r) => r.domain === domain);
        if (ratings.length === 0) return null;
        return (
          <section key={domain} className="schakel-section" aria-labelledby={`view-${domain}`}>
            <Heading level={2} id={`view-${domain}`}>
              {t(`intake.domain.${domain}`)}
            </Heading>
            <DataTable
              caption={t('assessments.factorsCaption', { domain: t(`intake.domain.${domain}`) })}
              captionHidden
              head={
                <>
                  <Th>{t('assessments.factor')}</Th>
                  <Th>{t('assessments.rating')}</Th>
                  <Th>{t('assessments.evidence')}</Th>
                  <Th>{t('assessments.source')}</Th>
                  <Th>{t('assessments.observedOn')}</Th>
                </>
              }
            >
              {ratings.map((r) => (
                <Tr key={r.factorId}>
                  <Td>{localLabel(r)}</Td>
                  <Td>{t(`intake.rating.${r.rating}`)}</Td>
                  <Td>
                    <span className="schakel-pre-line">{r.evidence ?? t('intake.common.none')}</span>
                  </Td>
                  <Td>
                    <SourceOrganisation
                      id={r.sourceOrganisationId}
                      name={r.sourceOrganisationName}
                      organisations={organisations}
                    />
                  </Td>
                  <Td>{r.observedOn ? formatDate(r.observedOn) : t('intake.common.none')}</Td>
                </Tr>
              ))}
            </DataTable>
          </section>
        );
      })}
      {a.ratings.length === 0 && <Paragraph>{t('assessments.notRated')}</Paragraph>}
      <section className="schakel-section" aria-labelledby="view-conclusion">
        <Heading level={2} id="view-conclusion">
          {t('assessments.conclusionHeading')}
        </Heading>
        <DescriptionList className="schakel-details">
          <DescriptionList.Term>{t('assessments.concernLevel')}</DescriptionList.Term>
          <DescriptionList.Description>
            {a.concernLevel ? t(`intake.concern.${a.concernLevel}`) : t('intake.common.none')}
          </DescriptionList.Description>
          <DescriptionList.Term>{t('assessments.rationale')}</DescriptionList.Term>
          <DescriptionList.Description className="schakel-pre-line">
            {a.rationale ?? t('intake.common.none')}
          </DescriptionList.Description>
        </DescriptionList>
      </section>
    </>
  );
}

/** The change of the chosen level against the previous final version, in words (no computation beyond that). */
function changeText(t: TFunction, current: ConcernLevel | null, previous: ConcernLevel | null): string {
  if (!current) return t('intake.common.none');
  if (!previous) return t('intake.trend.none');
  const d = CONCERN_LEVELS.indexOf(current) - CONCERN_LEVELS.indexOf(previous);
  if (d > 0) return `↑ ${t('intake.trend.up')}`;
  if (d < 0) return `↓ ${t('intake.trend.down')}`;
  return `→ ${t('intake.trend.same')}`;
}

export function PersonAssessmentsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const caseId = validId(search.get('caseId'));
  const signalId = caseId ? undefined : validId(search.get('signalId'));
  const person = useLoad(() => getPerson(id), [id]);
  const versions = useLoad(() => listPersonAssessments(id).then((r) => r.items), [id]);

  if (person.error instanceof ApiError && person.error.status === 404) {
    return (
      <div className="schakel-narrow">
        <PageHeader title={t('notFound.title')} />
        <Paragraph>{t('errors.notFound')}</Paragraph>
      </div>
    );
  }
  const name = person.data ? personName(person.data) : '';
  const items: AssessmentSummary[] = versions.data ?? [];
  const finals = items.filter((a) => a.status === 'final' && a.concernLevel);
  let previous: ConcernLevel | null = null;
  const changes = new Map<string, string>();
  for (const a of items) {
    if (a.status !== 'final') continue;
    changes.set(a.id, changeText(t, a.concernLevel, previous));
    previous = a.concernLevel;
  }
  return (
    <>
      <ContextBackLink caseId={caseId ?? null} signalId={signalId ?? null} />
      <PageHeader
        title={
          name ? `${t('assessments.versionsTitle')} ${t('assessments.of', { name })}` : t('assessments.versionsTitle')
        }
        intro={t('assessments.versionsIntro')}
        actions={
          (caseId || signalId) && (
            <LinkButton
              to={newAssessmentPath({ personId: id, ...(caseId ? { caseId } : {}), ...(signalId ? { signalId } : {}) })}
            >
              {t('assessments.newVersion')}
            </LinkButton>
          )
        }
      />
      {(person.error ?? versions.error) !== null && <LoadError error={person.error ?? versions.error} />}
      {versions.loading && !versions.data && <Loading />}
      {versions.data && items.length === 0 && <Paragraph>{t('assessments.noVersions')}</Paragraph>}
      {versions.data && items.length > 0 && (
        <>
          <section className="schakel-section" aria-labelledby="trend-heading">
            <Heading level={2} id="trend-heading">
              {t('assessments.trendHeading')}
            </Heading>
            {finals.length === 0 ? (
              <Paragraph>{t('assessments.noFinal')}</Paragraph>
            ) : (
              <ol className="schakel-trend-list">
                {finals.map((a) => (
                  <li key={a.id}>
                    {t('assessments.trendItem', {
                      date: formatDate(a.assessedOn),
                      level: t(`intake.concern.${a.concernLevel as ConcernLevel}`),
                    })}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <DataTable
            caption={t('assessments.versionsCaption')}
            head={
              <>
                <Th>{t('assessments.version')}</Th>
                <Th>{t('assessments.assessedOn')}</Th>
                <Th>{t('assessments.concernLevel')}</Th>
                <Th>{t('assessments.change')}</Th>
                <Th>{t('assessments.status')}</Th>
                <Th>{t('assessments.assessor')}</Th>
                <Th>{t('assessments.context')}</Th>
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
                <Td>{changes.get(a.id) ?? t('intake.common.none')}</Td>
                <Td>{t(`assessments.statusLabel.${a.status}`)}</Td>
                <Td>
                  {a.assessor.name}
                  <span className="schakel-actor-role">{a.assessor.organisationName}</span>
                </Td>
                <Td>
                  {a.caseId ? (
                    <Link className="ams-link" to={itemPath(paths.cases, a.caseId)}>
                      {t('assessments.case')}
                    </Link>
                  ) : a.signalId ? (
                    <Link className="ams-link" to={itemPath(paths.signals, a.signalId)}>
                      {t('assessments.signal')}
                    </Link>
                  ) : (
                    t('intake.common.none')
                  )}
                </Td>
              </Tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}
