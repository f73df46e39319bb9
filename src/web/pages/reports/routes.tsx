/** The pages of this area, with their guards. */
import type { ReactNode } from 'react';
import { guardedRoute } from '../../auth/guards.js';
import type { NavItem } from '../../components/nav-item.js';
import { paths } from '../../paths.js';
import { DashboardPage } from './dashboard-page.js';
import { ReportsPage } from './reports-page.js';

export function reportsRoutes(): ReactNode[] {
  return [
    guardedRoute(paths.reports, <ReportsPage />, 'reports:read'),
    guardedRoute(paths.dashboard, <DashboardPage />, 'reports:read'),
  ];
}

/**
 * This area's entries in the main navigation: the dashboard first for the executive, whose work it is;
 * the reports for every role that may read them (the others reach the dashboard from the reports page).
 */
export const reportsNav: NavItem[] = [
  { to: paths.dashboard, label: 'reportsPages.nav.dashboard', permission: 'reports:read', roles: ['executive'] },
  { to: paths.reports, label: 'reportsPages.nav.reports', permission: 'reports:read' },
];
