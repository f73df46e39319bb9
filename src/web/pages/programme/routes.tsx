/**
 * The pages of the programme (issue 5), with their guards. Reading needs reports:read, as the API's
 * reads do (every role with programme:work has it too); adding and changing needs programme:work.
 */
import type { ReactNode } from 'react';
import { Navigate, Route } from 'react-router';
import { guardedRoute, Protected } from '../../auth/guards.js';
import type { NavItem } from '../../components/nav-item.js';
import { newPath, paths } from '../../paths.js';
import { DistrictComparisonPage } from './district.js';
import { EvaluationFormPage, EvaluationPage, EvaluationsPage } from './evaluations.js';
import { InterventionFormPage, InterventionPage, InterventionsPage } from './interventions.js';
import { NewPlanPage, PlanEditPage, PlanLinePage, PlanPage, PlansPage } from './plans.js';
import { QuickScanFormPage, QuickScanPage, QuickScansPage } from './quick-scans.js';
import { programmeRoot } from './shared.js';

const read = 'reports:read' as const;
const write = 'programme:work' as const;

export function programmeRoutes(): ReactNode[] {
  return [
    <Route
      key={programmeRoot}
      path={programmeRoot}
      element={
        <Protected permission={read}>
          <Navigate to={paths.interventions} replace />
        </Protected>
      }
    />,
    guardedRoute(paths.interventions, <InterventionsPage />, read),
    guardedRoute(newPath(paths.interventions), <InterventionFormPage />, write),
    guardedRoute(`${paths.interventions}/:id`, <InterventionPage />, read),
    guardedRoute(`${paths.interventions}/:id/wijzigen`, <InterventionFormPage />, write),

    guardedRoute(paths.implementationPlans, <PlansPage />, read),
    guardedRoute(newPath(paths.implementationPlans), <NewPlanPage />, write),
    guardedRoute(`${paths.implementationPlans}/:id`, <PlanPage />, read),
    guardedRoute(`${paths.implementationPlans}/:id/wijzigen`, <PlanEditPage />, write),
    guardedRoute(`${paths.implementationPlans}/:id/lines/:lineId`, <PlanLinePage />, write),
    guardedRoute(paths.districtComparison, <DistrictComparisonPage />, read),

    guardedRoute(paths.evaluations, <EvaluationsPage />, read),
    guardedRoute(newPath(paths.evaluations), <EvaluationFormPage />, write),
    guardedRoute(`${paths.evaluations}/:id`, <EvaluationPage />, read),
    guardedRoute(`${paths.evaluations}/:id/wijzigen`, <EvaluationFormPage />, write),

    guardedRoute(paths.quickScans, <QuickScansPage />, read),
    guardedRoute(newPath(paths.quickScans), <QuickScanFormPage />, write),
    guardedRoute(`${paths.quickScans}/:id`, <QuickScanPage />, read),
    guardedRoute(`${paths.quickScans}/:id/wijzigen`, <QuickScanFormPage />, write),
  ];
}

/**
 * This area's entry in the main navigation: one "Programma" that is current on every programme page;
 * the pages of the programme have their own navigation under it.
 */
export const programmeNav: NavItem[] = [{ to: programmeRoot, label: 'programmePages.nav.programme', permission: read }];
