/**
 * The case page: a header with the key facts and the sections of the case as tab-styled links
 * (/cases/:id/:section), so that each section has its own address, title and history entry.
 */
import { type AnchorHTMLAttributes, type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useParams } from 'react-router';
import { type CaseDetail, getCase } from '../../api/cases.js';
import { ApiError } from '../../api/client.js';
import { TabNavigation } from '../../components/ams.js';
import { BackLink, LinkButton, LoadError, PageHeader } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDateTime } from '../../lib/format.js';
import { usePageTitle } from '../../lib/page.js';
import { useLoad } from '../../lib/use-load.js';
import { NotFoundPage } from '../not-found.js';
import { ActionsSection } from '../plans/actions-section.js';
import { PlanSection } from '../plans/plan-section.js';
import { CaseNotFound } from './break-glass.js';
import { EvaluationSection } from './evaluation-section.js';
import { InformationSection } from './information-section.js';
import { LifecycleSection } from './lifecycle-section.js';
import { OverviewSection } from './overview-section.js';
import { ParticipantsSection } from './participants-section.js';
import { CASE_SECTIONS, type CaseSection, casePath, casesPath, newAssessmentPath } from './paths.js';
import { ReviewsSection } from './reviews-section.js';
import { SafeguardsSection } from './safeguards-section.js';
import { StatusMessage } from './shared.js';
import { TimelineSection } from './timeline-section.js';

/** What every section of the case page gets. */
export interface CaseSectionProps {
  detail: CaseDetail;
  /** Loads the case again (after a change), keeping the page in place. */
  reload: () => Promise<void>;
  /** Announces a success message above the section. */
  notify: (message: string) => void;
}

/** The tab links are router links: client-side navigation, aria-current="page" on the current one. */
function RouterTabLink({ href = '', ...rest }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return <NavLink to={href} end {...rest} />;
}

function isSection(value: string | undefined): value is CaseSection {
  return (CASE_SECTIONS as readonly string[]).includes(value ?? '');
}

function KeyFacts({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const concern = detail.concern.level
    ? t('cases.overview.concernText', {
        level: t(`caseLabels.concernLevels.${detail.concern.level}`),
        trend: t(`caseLabels.concernTrends.${detail.concern.trend ?? 'none'}`),
      })
    : t('cases.overview.concernNone');
  return (
    <dl className="cw-key-facts" aria-label={t('cases.summary.heading')}>
      <div>
        <dt>{t('cases.summary.phase')}</dt>
        <dd>{t(`caseLabels.phases.${detail.phase}`)}</dd>
      </div>
      <div>
        <dt>{t('cases.summary.escalation')}</dt>
        <dd>{t(`caseLabels.escalationLevels.${detail.escalationLevel}`)}</dd>
      </div>
      <div>
        <dt>{t('cases.summary.concern')}</dt>
        <dd>{concern}</dd>
      </div>
    </dl>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const { id = '', section } = useParams();
  const current: CaseSection | null = section === undefined ? 'overview' : isSection(section) ? section : null;
  const loaded = useLoad(() => getCase(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const detail = loaded.data;

  // A message belongs to the section where it happened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the section changes
  useEffect(() => setMessage(null), [current]);

  const reload = useCallback(async () => {
    await loaded.reload();
  }, [loaded.reload]);

  const sectionLabel = current ? t(`cases.sections.${current}`) : '';
  usePageTitle(
    detail
      ? t('cases.sectionTitle', { section: sectionLabel, reference: detail.reference })
      : t('cases.sections.overview'),
  );

  if (current === null) return <NotFoundPage />;
  if (loaded.error instanceof ApiError && loaded.error.status === 404) {
    return (
      <CaseNotFound
        caseId={id}
        onGranted={(grant) => {
          setMessage(t('privacyPages.caseBreakGlass.granted', { until: formatDateTime(grant.expiresAt) }));
          void loaded.reload();
        }}
      />
    );
  }

  let body: ReactNode = null;
  if (detail) {
    const props: CaseSectionProps = { detail, reload, notify: setMessage };
    switch (current) {
      case 'overview':
        body = <OverviewSection {...props} />;
        break;
      case 'participants':
        body = <ParticipantsSection {...props} />;
        break;
      case 'information':
        body = <InformationSection {...props} />;
        break;
      case 'timeline':
        body = <TimelineSection {...props} />;
        break;
      case 'plan':
        body = <PlanSection {...props} />;
        break;
      case 'actions':
        body = <ActionsSection {...props} />;
        break;
      case 'reviews':
        body = <ReviewsSection {...props} />;
        break;
      case 'safeguards':
        body = <SafeguardsSection {...props} />;
        break;
      case 'lifecycle':
        body = <LifecycleSection {...props} />;
        break;
      case 'evaluation':
        body = <EvaluationSection {...props} />;
        break;
    }
  }

  return (
    <div className="cw-case">
      <BackLink to={casesPath}>{t('cases.title')}</BackLink>
      {loaded.error !== null && <LoadError error={loaded.error} onRetry={() => void loaded.reload()} />}
      {!detail && loaded.loading && <Loading />}
      {detail && (
        <>
          <CaseHeader detail={detail} />
          <TabNavigation accessibleName={t('cases.sectionsNav')} className="cw-tabs">
            <TabNavigation.List>
              {CASE_SECTIONS.map((s) => (
                <TabNavigation.Link key={s} linkComponent={RouterTabLink} href={casePath(detail.id, s)}>
                  {t(`cases.sections.${s}`)}
                </TabNavigation.Link>
              ))}
            </TabNavigation.List>
          </TabNavigation>
          <StatusMessage message={message} />
          {body}
        </>
      )}
    </div>
  );
}

function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  // PageHeader sets the document title too; the case page sets its own (with the section) after it.
  return (
    <>
      <PageHeader
        title={t('cases.pageTitle', { reference: detail.reference })}
        intro={t('cases.pageIntro', {
          subject: detail.subject.name,
          municipality: detail.directingMunicipality.name,
        })}
        actions={
          <LinkButton to={newAssessmentPath(detail.subject.id, detail.id)} variant="secondary">
            {t('cases.newAssessment')}
          </LinkButton>
        }
      />
      <KeyFacts detail={detail} />
    </>
  );
}
