import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Permission, Role } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { Heading, Paragraph } from '../components/ams.js';
import { navItemVisible } from '../components/nav-item.js';
import { Flash, PageHeader } from '../components/page.js';
import { paths } from '../paths.js';
import { expertiseNav } from './expertise/routes.js';
import { networksNav } from './networks/routes.js';
import { privacyNav } from './privacy/routes.js';
import { programmeNav } from './programme/routes.js';
import { reportsNav } from './reports/routes.js';

interface HomeLink {
  to: string;
  title: string;
  text: string;
  show: (can: (p: Permission) => boolean) => boolean;
}

/** Roles that register signals, and the one that decides on them in the triage meeting. */
const SIGNAL_ROLES: readonly Role[] = ['process_director', 'case_coordinator', 'partner'];

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.me;
  if (!me) return null;
  const role = me.user.role;

  const links: HomeLink[] = [
    // The case approach: intake, triage, cases, case conferences and monitoring.
    {
      to: paths.signals,
      title: t('intake.nav.signals'),
      text: role === 'partner' ? t('intake.home.signalsPartner') : t('intake.home.signals'),
      show: (can) => can('cases:work') && SIGNAL_ROLES.includes(role),
    },
    {
      to: paths.triage,
      title: t('intake.nav.triage'),
      text: t('intake.home.triage'),
      show: (can) => can('cases:work') && role === 'process_director',
    },
    {
      to: paths.linkRequests,
      title: t('intake.nav.linkRequests'),
      text: t('intake.home.linkRequests'),
      show: (can) => can('cases:work') && role === 'process_director',
    },
    {
      to: paths.cases,
      title: t('intake.home.casesTitle'),
      text: t('intake.home.cases'),
      show: (can) => can('cases:work'),
    },
    {
      to: paths.meetings,
      title: t('intake.home.meetingsTitle'),
      text: t('intake.home.meetings'),
      show: (can) => can('cases:work'),
    },
    {
      to: paths.monitoring,
      title: t('intake.nav.priorityList'),
      text: t('intake.home.priorityList'),
      show: (can) => can('cases:work'),
    },
    {
      to: paths.notifications,
      title: t('notifications.title'),
      text: t('intake.home.notifications'),
      show: (can) => can('cases:work'),
    },
    {
      to: paths.users,
      title: t('nav.users'),
      text: session.can('users:manage') ? t('home.links.usersManage') : t('home.links.users'),
      show: (can) => can('users:read'),
    },
    {
      to: paths.roleGrants,
      title: t('accounts.grants.title'),
      text: session.can('users:manage') ? t('accounts.grants.homeManage') : t('accounts.grants.homeRead'),
      show: (can) => can('users:read'),
    },
    {
      to: paths.failedJobs,
      title: t('failedJobs.title'),
      text: t('failedJobs.home'),
      show: (can) => can('organisations:manage'),
    },
    {
      to: paths.consentRequests,
      title: t('privacyPages.consent.title'),
      text: t('home.links.consentRequests'),
      show: (can) => can('consent:decide'),
    },
    {
      to: paths.accessLog,
      title: t('nav.accessLog'),
      text: t('home.links.accessLog'),
      show: (can) => can('access-log:read'),
    },
    {
      to: paths.organisations,
      title: t('nav.organisations'),
      text: session.can('organisations:manage') ? t('home.links.organisationsManage') : t('home.links.organisations'),
      show: (can) => can('organisations:read'),
    },
    {
      to: paths.municipalities,
      title: t('nav.municipalities'),
      text: session.can('organisations:manage') ? t('home.links.municipalitiesManage') : t('home.links.municipalities'),
      show: (can) => can('organisations:read'),
    },
    {
      to: paths.regions,
      title: t('nav.regions'),
      text: t('home.links.regions'),
      show: (can) => can('organisations:manage'),
    },
    {
      to: paths.apiTokens,
      title: t('nav.apiTokens'),
      text: t('home.links.apiTokens'),
      show: (can) => can('tokens:own'),
    },
  ];
  // The programme, network, expertise, report and privacy pages: one card per navigation entry.
  const areaLinks: HomeLink[] = [...programmeNav, ...networksNav, ...expertiseNav, ...reportsNav, ...privacyNav].map(
    (item) => ({
      to: item.to,
      title: t(item.label),
      text: t(`homeAreas.${item.label.split('.').pop()}`),
      show: (can) => navItemVisible(item, can, role),
    }),
  );
  const seen = new Set<string>();
  const available = [...links, ...areaLinks]
    .filter((l) => l.show(session.can))
    .filter((l) => {
      if (seen.has(l.to)) return false;
      seen.add(l.to);
      return true;
    });

  return (
    <div className="schakel-home" data-role={role}>
      <PageHeader
        title={t('home.title', { name: me.user.name })}
        intro={t('home.context', {
          role: t(`roles.${role}`),
          organisation: me.user.organisation.name,
          region: me.region.name,
        })}
      />
      <Flash />
      <section className="schakel-section" aria-labelledby="home-role">
        <Heading level={2} id="home-role">
          {t('home.whatYouDo')}
        </Heading>
        <Paragraph size="large">{t(`home.roles.${role}.does`)}</Paragraph>
      </section>
      <section className="schakel-section" aria-labelledby="home-now">
        <Heading level={2} id="home-now">
          {t('home.availableNow')}
        </Heading>
        {available.length === 0 ? (
          <Paragraph>{t('home.noLinks')}</Paragraph>
        ) : (
          <ul className="schakel-cards">
            {available.map((l) => (
              <li key={l.to} className="schakel-card">
                <Heading level={3} size="level-4" className="schakel-card__title">
                  <Link to={l.to} className="ams-link schakel-card__link">
                    {l.title}
                  </Link>
                </Heading>
                <Paragraph size="small">{l.text}</Paragraph>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
