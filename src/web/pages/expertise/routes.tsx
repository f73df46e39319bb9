/**
 * The expertise pages, with their guards, mirroring the API's permissions: trainings, sessions and
 * newsletter issues for the programme's staff (programme:work); participants, attention officers and
 * newsletter subscribers — people — for programme:contacts (the network director). The expertise pool
 * is for the programme's staff (schedule), the process directors (members and matching) and the
 * experts themselves (their meetings); partners get the forbidden page.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../api/types.js';
import { guardedRoute, Protected } from '../../auth/guards.js';
import { useSession } from '../../auth/session.js';
import type { NavItem } from '../../components/nav-item.js';
import { newPath, paths } from '../../paths.js';
import { ForbiddenPage } from '../not-found.js';
import { AttentionOfficerFormPage, AttentionOfficersPage } from './attention-officers.js';
import {
  IssueFormPage,
  IssuePage,
  issuesBase,
  NewsletterPage,
  SubscriberFormPage,
  subscribersBase,
} from './newsletter.js';
import { PoolPage } from './pool.js';
import { SessionPage, TrainingPage, TrainingsPage } from './trainings.js';

/** Roles that see the pool page without programme:work. */
const POOL_ROLES: readonly Role[] = ['process_director', 'expert'];

function PoolGuard({ children }: { children: ReactNode }) {
  const session = useSession();
  const role = session.me?.user.role;
  if (session.can('programme:work') || (role && POOL_ROLES.includes(role))) return <>{children}</>;
  return <ForbiddenPage />;
}

export function expertiseRoutes(): ReactNode[] {
  return [
    guardedRoute(paths.trainings, <TrainingsPage />, 'programme:work'),
    guardedRoute(`${paths.trainings}/sessions/:id`, <SessionPage />, 'programme:work'),
    guardedRoute(`${paths.trainings}/:id`, <TrainingPage />, 'programme:work'),
    guardedRoute(paths.attentionOfficers, <AttentionOfficersPage />, 'programme:contacts'),
    guardedRoute(newPath(paths.attentionOfficers), <AttentionOfficerFormPage />, 'programme:contacts'),
    guardedRoute(`${paths.attentionOfficers}/:id`, <AttentionOfficerFormPage />, 'programme:contacts'),
    <Route
      key={paths.expertisePool}
      path={paths.expertisePool}
      element={
        <Protected>
          <PoolGuard>
            <PoolPage />
          </PoolGuard>
        </Protected>
      }
    />,
    guardedRoute(paths.newsletter, <NewsletterPage />, 'programme:work'),
    guardedRoute(newPath(issuesBase), <IssueFormPage />, 'programme:work'),
    guardedRoute(`${issuesBase}/:id`, <IssuePage />, 'programme:work'),
    guardedRoute(`${issuesBase}/:id/edit`, <IssueFormPage />, 'programme:work'),
    guardedRoute(newPath(subscribersBase), <SubscriberFormPage />, 'programme:contacts'),
    guardedRoute(`${subscribersBase}/:id`, <SubscriberFormPage />, 'programme:contacts'),
  ];
}

/** This area's entries in the main navigation. */
export const expertiseNav: NavItem[] = [
  { to: paths.trainings, label: 'expertisePages.nav.trainings', permission: 'programme:work' },
  { to: paths.attentionOfficers, label: 'expertisePages.nav.attentionOfficers', permission: 'programme:contacts' },
  { to: paths.expertisePool, label: 'expertisePages.nav.pool', permission: 'programme:work' },
  // The same page for the process director (matching) and the expert (the meetings); never both at once.
  { to: paths.expertisePool, label: 'expertisePages.nav.pool', permission: 'cases:work', roles: POOL_ROLES },
  { to: paths.newsletter, label: 'expertisePages.nav.newsletter', permission: 'programme:work' },
];
