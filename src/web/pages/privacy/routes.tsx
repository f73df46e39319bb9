/** The pages of the privacy officer's area (issue 4), with their guards. */
import type { ReactNode } from 'react';
import { guardedRoute } from '../../auth/guards.js';
import type { NavItem } from '../../components/nav-item.js';
import { newPath, paths } from '../../paths.js';
import { accessLogAnomaliesPath } from '../access-log.js';
import { AnomaliesPage } from './anomalies.js';
import { BreakGlassReviewPage } from './break-glass-review.js';
import { ConsentRequestsPage } from './consent-requests.js';
import { COVENANT_EDIT, CovenantFormPage, CovenantPage, CovenantsPage } from './covenants.js';
import { REQUEST_SEGMENT, RequestNewPage, RequestPage, RequestsPage } from './requests.js';
import { RetentionPage } from './retention.js';
import { RolesOnly } from './shared.js';
import { SubjectAccessListPage, SubjectAccessNewPage, SubjectAccessPage } from './subject-access.js';

/** Who reads the covenant register (the API's readers); only the administrator changes it. */
const COVENANT_READERS = ['admin', 'privacy_officer', 'process_director'] as const;
/** Retention, legal holds and erasure/rectification requests: the administrator and the privacy officer. */
const RETENTION_ROLES = ['admin', 'privacy_officer'] as const;

export function privacyRoutes(): ReactNode[] {
  return [
    guardedRoute(
      paths.covenants,
      <RolesOnly roles={COVENANT_READERS}>
        <CovenantsPage />
      </RolesOnly>,
      'organisations:read',
    ),
    guardedRoute(newPath(paths.covenants), <CovenantFormPage />, 'organisations:manage'),
    guardedRoute(`${paths.covenants}/:id/${COVENANT_EDIT}`, <CovenantFormPage />, 'organisations:manage'),
    guardedRoute(
      `${paths.covenants}/:id`,
      <RolesOnly roles={COVENANT_READERS}>
        <CovenantPage />
      </RolesOnly>,
      'organisations:read',
    ),
    guardedRoute(paths.subjectAccess, <SubjectAccessListPage />, 'access-log:read'),
    guardedRoute(newPath(paths.subjectAccess), <SubjectAccessNewPage />, 'access-log:read'),
    guardedRoute(`${paths.subjectAccess}/:id`, <SubjectAccessPage />, 'access-log:read'),
    guardedRoute(paths.breakGlassReview, <BreakGlassReviewPage />, 'access-log:read'),
    guardedRoute(paths.consentRequests, <ConsentRequestsPage />, 'consent:decide'),
    guardedRoute(accessLogAnomaliesPath, <AnomaliesPage />, 'access-log:read'),
    guardedRoute(
      paths.rectification,
      <RolesOnly roles={RETENTION_ROLES}>
        <RequestsPage />
      </RolesOnly>,
    ),
    guardedRoute(
      newPath(paths.rectification),
      <RolesOnly roles={RETENTION_ROLES}>
        <RequestNewPage />
      </RolesOnly>,
    ),
    guardedRoute(
      `${paths.rectification}/${REQUEST_SEGMENT.rectification}/:id`,
      <RolesOnly roles={RETENTION_ROLES}>
        <RequestPage kind="rectification" />
      </RolesOnly>,
    ),
    guardedRoute(
      `${paths.rectification}/${REQUEST_SEGMENT.erasure}/:id`,
      <RolesOnly roles={RETENTION_ROLES}>
        <RequestPage kind="erasure" />
      </RolesOnly>,
    ),
    guardedRoute(
      paths.retention,
      <RolesOnly roles={RETENTION_ROLES}>
        <RetentionPage />
      </RolesOnly>,
    ),
  ];
}

/** This area's entries in the main navigation (none for partners or other roles without a privacy task). */
export const privacyNav: NavItem[] = [
  { to: paths.consentRequests, label: 'privacyPages.nav.consentRequests', permission: 'consent:decide' },
  { to: paths.subjectAccess, label: 'privacyPages.nav.subjectAccess', permission: 'access-log:read' },
  { to: paths.breakGlassReview, label: 'privacyPages.nav.breakGlass', permission: 'access-log:read' },
  {
    to: paths.covenants,
    label: 'privacyPages.nav.covenants',
    permission: 'organisations:read',
    roles: COVENANT_READERS,
  },
  { to: paths.retention, label: 'privacyPages.nav.retention', roles: RETENTION_ROLES },
  { to: paths.rectification, label: 'privacyPages.nav.requests', roles: RETENTION_ROLES },
];
