/** Route guards: who may open a page. */
import type { ReactNode } from 'react';
import { Navigate, Route, useLocation } from 'react-router';
import type { Permission } from '../api/types.js';
import { Loading } from '../components/shell.js';
import { ForbiddenPage } from '../pages/not-found.js';
import { paths } from '../paths.js';
import { useSession } from './session.js';

/** Signed in, second factor in order, and (optionally) holding a permission. */
export function Protected({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signed-out') {
    // After an expired session, come back to this page; after signing out, start afresh.
    const from = session.notice === 'signed-out' ? undefined : location.pathname + location.search;
    return <Navigate to={paths.signIn} replace state={from ? { from } : null} />;
  }
  if (session.mustChangePassword) return <Navigate to={paths.password} replace />;
  if (session.mustEnrol) return <Navigate to={paths.enrolment} replace />;
  if (permission && !session.can(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}

export function SignedInOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status === 'signed-out') return <Navigate to={paths.signIn} replace />;
  return <>{children}</>;
}

export function Public({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  return <>{children}</>;
}

/** One guarded route: `<Route path element={<Protected permission>{page}</Protected>} />`. */
export function guardedRoute(path: string, page: ReactNode, permission?: Permission) {
  return (
    <Route key={path} path={path} element={<Protected {...(permission ? { permission } : {})}>{page}</Protected>} />
  );
}
