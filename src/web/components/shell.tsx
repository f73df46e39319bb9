/**
 * The frame of every page: skip link, demo banner, header (Schakel, region, user, language, sign-out),
 * the role's navigation, the main landmark and the footer.
 */

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { switchRegion } from '../api/endpoints.js';
import type { Me } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { currentLanguage, setLanguage } from '../i18n/index.js';
import { expertiseNav } from '../pages/expertise/routes.js';
import { networksNav } from '../pages/networks/routes.js';
import { privacyNav } from '../pages/privacy/routes.js';
import { programmeNav } from '../pages/programme/routes.js';
import { reportsNav } from '../pages/reports/routes.js';
import { paths } from '../paths.js';
import { Paragraph, SkipLink } from './ams.js';
import { type NavItem, navItemVisible } from './nav-item.js';
import { NotificationsBell } from './notifications.js';

export function navItems(): NavItem[] {
  return [
    { to: paths.home, label: 'nav.home', end: true },
    {
      to: paths.signals,
      label: 'intake.nav.signals',
      permission: 'cases:work',
      roles: ['process_director', 'case_coordinator', 'partner'],
    },
    { to: paths.triage, label: 'intake.nav.triage', permission: 'cases:work', roles: ['process_director'] },
    {
      to: paths.linkRequests,
      label: 'intake.nav.linkRequests',
      permission: 'cases:work',
      roles: ['process_director'],
    },
    { to: paths.cases, label: 'nav.cases', permission: 'cases:work' },
    { to: paths.meetings, label: 'nav.meetings', permission: 'cases:work' },
    { to: paths.monitoring, label: 'intake.nav.priorityList', permission: 'cases:work' },
    { to: paths.regions, label: 'nav.regions', permission: 'organisations:manage' },
    { to: paths.organisations, label: 'nav.organisations', permission: 'organisations:read' },
    { to: paths.municipalities, label: 'nav.municipalities', permission: 'organisations:read' },
    { to: paths.users, label: 'nav.users', permission: 'users:read' },
    { to: paths.roleGrants, label: 'accounts.grants.nav', permission: 'users:read' },
    { to: paths.failedJobs, label: 'failedJobs.nav', permission: 'organisations:manage' },
    ...programmeNav,
    ...networksNav,
    ...expertiseNav,
    ...reportsNav,
    { to: paths.accessLog, label: 'nav.accessLog', permission: 'access-log:read' },
    ...privacyNav,
    { to: paths.apiTokens, label: 'nav.apiTokens', permission: 'tokens:own' },
  ];
}

function SchakelMark() {
  // Two interlocking links: a "schakel" is a link of a chain.
  return (
    <svg className="schakel-brand__mark" viewBox="0 0 40 24" aria-hidden="true" focusable="false">
      <rect x="2" y="5" width="22" height="14" rx="7" fill="none" stroke="currentColor" strokeWidth="3.5" />
      <rect x="16" y="5" width="22" height="14" rx="7" fill="none" stroke="currentColor" strokeWidth="3.5" />
    </svg>
  );
}

function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="schakel-demo-banner">
      <p className="schakel-demo-banner__text">
        <strong>{t('app.demoBanner')}</strong>
        <span className="schakel-demo-banner__detail"> {t('app.demoBannerDetail')}</span>
      </p>
    </div>
  );
}

/**
 * The region the session acts in, and — for someone with a role in more than one region — the
 * explicit switch to another (with the role held there).
 */
function RegionSwitch({ me }: { me: Me }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [regionId, setRegionId] = useState(me.region.id);
  const [busy, setBusy] = useState(false);
  const [switched, setSwitched] = useState('');
  useEffect(() => setRegionId(me.region.id), [me.region.id]);
  if (me.regions.length < 2) {
    return (
      <p className="schakel-header__region">
        <span className="schakel-visually-hidden">{t('app.region')}: </span>
        {me.region.name}
      </p>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (regionId === me.region.id) return;
    setBusy(true);
    try {
      const next = await switchRegion(regionId);
      session.signedIn(next);
      setSwitched(t('accounts.region.switched', { region: next.region.name, role: t(`roles.${next.user.role}`) }));
      navigate(paths.home, { replace: true });
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="schakel-header__region schakel-region-switch" onSubmit={submit}>
      <label htmlFor="region-switch" className="schakel-visually-hidden">
        {t('accounts.region.label')}
      </label>
      <select
        id="region-switch"
        className="schakel-region-switch__select"
        value={regionId}
        onChange={(e) => setRegionId(e.target.value)}
      >
        {me.regions.map((r) => (
          <option key={r.id} value={r.id}>
            {t('accounts.region.option', { region: r.name, role: t(`roles.${r.role}`) })}
          </option>
        ))}
      </select>
      <button type="submit" className="schakel-header__button" disabled={busy || regionId === me.region.id}>
        {t('accounts.region.switch')}
      </button>
      <span role="status" className="schakel-visually-hidden">
        {switched}
      </span>
    </form>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'nl' ? 'en' : 'nl';
  return (
    <button
      type="button"
      className="schakel-header__button"
      lang={other}
      aria-label={t('app.switchLanguageLabel')}
      onClick={() => void setLanguage(other)}
    >
      {t('app.switchLanguage')}
    </button>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const firstRender = useRef(true);
  const me = session.status === 'signed-in' ? session.me : null;
  const showNav = me !== null && !session.mustEnrol && !session.mustChangePassword;

  // After client-side navigation, move focus to the new page's heading, as a full page load would
  // bring a screen reader to the top of the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#inhoud h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [location.pathname]);

  return (
    <div className="schakel-app">
      <SkipLink href="#inhoud">{t('app.skipLink')}</SkipLink>
      {session.instance?.demo && <DemoBanner />}
      <header className="schakel-header">
        <div className="schakel-header__inner schakel-container">
          <Link to={paths.home} className="schakel-brand">
            <SchakelMark />
            <span className="schakel-brand__name">{t('app.name')}</span>
          </Link>
          {me && (showNav ? <RegionSwitch me={me} /> : <p className="schakel-header__region">{me.region.name}</p>)}
          <div className="schakel-header__tools">
            {me && (
              <p className="schakel-header__user">
                <span className="schakel-header__user-name">{me.user.name}</span>
                <span className="schakel-header__user-role">{t(`roles.${me.user.role}`)}</span>
                {showNav && (
                  <>
                    <Link to={paths.password} className="schakel-header__link">
                      {t('accounts.password.menu')}
                    </Link>
                    <Link to={paths.passkeys} className="schakel-header__link">
                      {t('passkeys.menu')}
                    </Link>
                  </>
                )}
              </p>
            )}
            {showNav && <NotificationsBell />}
            <LanguageSwitch />
            {me && (
              <button
                type="button"
                className="schakel-header__button"
                onClick={async () => {
                  await session.signOut();
                  navigate(paths.signIn, { replace: true });
                }}
              >
                {t('app.signOut')}
              </button>
            )}
          </div>
        </div>
      </header>
      {showNav && (
        <nav className="schakel-nav" aria-label={t('app.mainNav')}>
          <ul className="schakel-nav__list schakel-container">
            {navItems()
              .filter((item) => navItemVisible(item, session.can, me.user.role))
              .map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false} className="schakel-nav__link">
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
      )}
      <main id="inhoud" className="schakel-main schakel-container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="schakel-footer">
        <div className="schakel-container schakel-footer__inner">
          <h2 className="schakel-visually-hidden">{t('app.footerHeading')}</h2>
          <Paragraph className="schakel-footer__text">
            <strong>{t('app.name')}</strong> — {t('app.tagline')}
          </Paragraph>
          <Paragraph size="small" className="schakel-footer__text">
            {t('app.footerAbout')}{' '}
            <a className="schakel-footer__link" href="/api/v1/openapi.json">
              {t('app.footerApi')}
            </a>
          </Paragraph>
        </div>
      </footer>
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="schakel-loading" role="status">
      {t('app.loading')}
    </p>
  );
}
