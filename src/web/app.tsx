import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import type { Permission } from './api/types.js';
import { Protected, Public, SignedInOnly } from './auth/guards.js';
import { SessionProvider } from './auth/session.js';
import { Shell } from './components/shell.js';
import { AccessLogPage } from './pages/access-log.js';
import { FailedJobsPage } from './pages/admin/failed-jobs.js';
import { MunicipalitiesPage, MunicipalityFormPage } from './pages/admin/municipalities.js';
import { OrganisationFormPage, OrganisationsPage } from './pages/admin/organisations.js';
import { RegionFormPage, RegionsPage } from './pages/admin/regions.js';
import { RoleGrantsPage } from './pages/admin/role-grants.js';
import { SignInAdminPage } from './pages/admin/sign-in-admin.js';
import { UserNewPage, UserPage, UsersPage } from './pages/admin/users.js';
import { ApiTokensPage } from './pages/api-tokens.js';
import { AssessmentNewPage, AssessmentPage, PersonAssessmentsPage } from './pages/assessments/pages.js';
import { CasePage } from './pages/cases/case-page.js';
import { CasesPage } from './pages/cases/list.js';
import { EnrolmentPage } from './pages/enrolment.js';
import { expertiseRoutes } from './pages/expertise/routes.js';
import { HomePage } from './pages/home.js';
import { AgendaItemPage } from './pages/meetings/agenda-item-page.js';
import { MeetingsPage } from './pages/meetings/list.js';
import { MeetingPage } from './pages/meetings/meeting-page.js';
import { NewMeetingPage } from './pages/meetings/new.js';
import { NotificationsPage } from './pages/monitoring/notifications.js';
import { PriorityListPage } from './pages/monitoring/priority-list.js';
import { networksRoutes } from './pages/networks/routes.js';
import { NotFoundPage } from './pages/not-found.js';
import { PasskeysPage } from './pages/passkeys.js';
import { PasswordPage } from './pages/password.js';
import { privacyRoutes } from './pages/privacy/routes.js';
import { programmeRoutes } from './pages/programme/routes.js';
import { reportsRoutes } from './pages/reports/routes.js';
import { SignInPage } from './pages/sign-in.js';
import { SignalPage } from './pages/signals/detail.js';
import { LinkRequestsPage } from './pages/signals/link-requests.js';
import { SignalsPage } from './pages/signals/list.js';
import { SignalNewPage } from './pages/signals/new.js';
import { TriageMeetingsPage } from './pages/triage/list.js';
import { TriageMeetingPage } from './pages/triage/meeting.js';
import { paths } from './paths.js';

function AdminRoutes(base: string, permission: Permission, list: ReactNode, form: ReactNode) {
  return (
    <>
      <Route path={base} element={<Protected permission={permission}>{list}</Protected>} />
      <Route path={`${base}/${paths.newItem}`} element={<Protected permission={permission}>{form}</Protected>} />
      <Route path={`${base}/:id`} element={<Protected permission={permission}>{form}</Protected>} />
    </>
  );
}

/** A page of the case approach: for roles that work on cases. */
function CaseWorkRoute(path: string, page: ReactNode) {
  return <Route key={path} path={path} element={<Protected permission="cases:work">{page}</Protected>} />;
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<Shell />}>
            <Route
              path={paths.signIn}
              element={
                <Public>
                  <SignInPage />
                </Public>
              }
            />
            <Route
              path={paths.enrolment}
              element={
                <SignedInOnly>
                  <EnrolmentPage />
                </SignedInOnly>
              }
            />
            <Route
              path={paths.password}
              element={
                <SignedInOnly>
                  <PasswordPage />
                </SignedInOnly>
              }
            />
            <Route
              path={paths.roleGrants}
              element={
                <Protected permission="users:read">
                  <RoleGrantsPage />
                </Protected>
              }
            />
            <Route
              index
              element={
                <Protected>
                  <HomePage />
                </Protected>
              }
            />
            {AdminRoutes(paths.regions, 'organisations:manage', <RegionsPage />, <RegionFormPage />)}
            <Route
              path={paths.organisations}
              element={
                <Protected permission="organisations:read">
                  <OrganisationsPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.organisations}/${paths.newItem}`}
              element={
                <Protected permission="organisations:manage">
                  <OrganisationFormPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.organisations}/:id`}
              element={
                <Protected permission="organisations:manage">
                  <OrganisationFormPage />
                </Protected>
              }
            />
            <Route
              path={paths.municipalities}
              element={
                <Protected permission="organisations:read">
                  <MunicipalitiesPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.municipalities}/${paths.newItem}`}
              element={
                <Protected permission="organisations:manage">
                  <MunicipalityFormPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.municipalities}/:id`}
              element={
                <Protected permission="organisations:manage">
                  <MunicipalityFormPage />
                </Protected>
              }
            />
            <Route
              path={paths.users}
              element={
                <Protected permission="users:read">
                  <UsersPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.users}/${paths.newItem}`}
              element={
                <Protected permission="users:manage">
                  <UserNewPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.users}/:id`}
              element={
                <Protected permission="users:read">
                  <UserPage />
                </Protected>
              }
            />
            <Route
              path={paths.passkeys}
              element={
                <Protected>
                  <PasskeysPage />
                </Protected>
              }
            />
            <Route
              path={paths.failedJobs}
              element={
                <Protected permission="organisations:manage">
                  <FailedJobsPage />
                </Protected>
              }
            />
            <Route
              path={paths.signInAdmin}
              element={
                <Protected permission="users:manage">
                  <SignInAdminPage />
                </Protected>
              }
            />
            <Route
              path={paths.apiTokens}
              element={
                <Protected permission="tokens:own">
                  <ApiTokensPage />
                </Protected>
              }
            />
            <Route
              path={paths.accessLog}
              element={
                <Protected permission="access-log:read">
                  <AccessLogPage />
                </Protected>
              }
            />
            {/* Intake and monitoring of the case approach (signals, triage, assessments, priority list). */}
            {CaseWorkRoute(paths.signals, <SignalsPage />)}
            {CaseWorkRoute(`${paths.signals}/new`, <SignalNewPage />)}
            {CaseWorkRoute(`${paths.signals}/:id`, <SignalPage />)}
            {CaseWorkRoute(paths.triage, <TriageMeetingsPage />)}
            {CaseWorkRoute(paths.linkRequests, <LinkRequestsPage />)}
            {CaseWorkRoute(`${paths.triage}/:id`, <TriageMeetingPage />)}
            {CaseWorkRoute(`${paths.assessments}/new`, <AssessmentNewPage />)}
            {CaseWorkRoute(`${paths.assessments}/:id`, <AssessmentPage />)}
            {CaseWorkRoute(`${paths.persons}/:id/assessments`, <PersonAssessmentsPage />)}
            {CaseWorkRoute(paths.monitoring, <PriorityListPage />)}
            <Route
              path={paths.notifications}
              element={
                <Protected>
                  <NotificationsPage />
                </Protected>
              }
            />
            {/* Cases and case conferences (issue 3: cases, case conferences, plans of approach). */}
            <Route
              path={paths.cases}
              element={
                <Protected permission="cases:work">
                  <CasesPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.cases}/:id`}
              element={
                <Protected permission="cases:work">
                  <CasePage />
                </Protected>
              }
            />
            <Route
              path={`${paths.cases}/:id/:section`}
              element={
                <Protected permission="cases:work">
                  <CasePage />
                </Protected>
              }
            />
            <Route
              path={paths.meetings}
              element={
                <Protected permission="cases:work">
                  <MeetingsPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.meetings}/new`}
              element={
                <Protected permission="cases:work">
                  <NewMeetingPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.meetings}/:id`}
              element={
                <Protected permission="cases:work">
                  <MeetingPage />
                </Protected>
              }
            />
            <Route
              path={`${paths.meetings}/:id/items/:itemId`}
              element={
                <Protected permission="cases:work">
                  <AgendaItemPage />
                </Protected>
              }
            />
            {/* Programme, networks, expertise, reports (issue 5) and the privacy officer's work (issue 4). */}
            {programmeRoutes()}
            {networksRoutes()}
            {expertiseRoutes()}
            {reportsRoutes()}
            {privacyRoutes()}
            <Route
              path="*"
              element={
                <Public>
                  <NotFoundPage />
                </Public>
              }
            />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
