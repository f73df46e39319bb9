/**
 * Who is signed in, on which instance. Loads /instance and /me once, keeps the CSRF token for the API
 * client, and ends the session in the app whenever the API answers 401.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import {
  ApiError,
  onEnrolmentRequired,
  onPasswordChangeRequired,
  onUnauthenticated,
  setCsrfToken,
} from '../api/client.js';
import { getInstance, getMe, logout } from '../api/endpoints.js';
import type { Instance, Me, Permission } from '../api/types.js';
import { setLanguage, storedLanguage } from '../i18n/index.js';

export type SessionNotice = 'expired' | 'signed-out' | null;

export interface Session {
  status: 'loading' | 'signed-out' | 'signed-in';
  me: Me | null;
  instance: Instance | null;
  notice: SessionNotice;
  /** The signed-in session must enrol a second factor before it can do anything else. */
  mustEnrol: boolean;
  /** The password was set by an admin: it must be changed before anything else (even enrolment). */
  mustChangePassword: boolean;
  signedIn(me: Me): void;
  signOut(): Promise<void>;
  can(permission: Permission): boolean;
  clearNotice(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Session['status']>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [instance, setInstance] = useState<Instance | null>(null);
  const [notice, setNotice] = useState<SessionNotice>(null);
  const [enrolmentDemanded, setEnrolmentDemanded] = useState(false);
  const [passwordChangeDemanded, setPasswordChangeDemanded] = useState(false);

  const applyMe = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMe(next);
    setStatus(next ? 'signed-in' : 'signed-out');
    if (next) {
      setEnrolmentDemanded(false);
      setPasswordChangeDemanded(false);
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    getInstance()
      .then((i) => !cancelled && setInstance(i))
      .catch(() => !cancelled && setInstance({ demo: false, name: 'Schakel' }));
    getMe()
      .then((m) => {
        if (cancelled) return;
        applyMe(m);
        if (!storedLanguage() && m.user.locale === 'en') void setLanguage('en', false);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        applyMe(null);
        if (e instanceof ApiError && e.code === 'SESSION_EXPIRED') setNotice('expired');
      });
    return () => {
      cancelled = true;
    };
  }, [applyMe]);

  useEffect(() => {
    const offUnauthenticated = onUnauthenticated(() => {
      applyMe(null);
      setNotice('expired');
    });
    const offEnrolment = onEnrolmentRequired(() => setEnrolmentDemanded(true));
    const offPassword = onPasswordChangeRequired(() => setPasswordChangeDemanded(true));
    return () => {
      offUnauthenticated();
      offEnrolment();
      offPassword();
    };
  }, [applyMe]);

  const signedIn = useCallback(
    (next: Me) => {
      setNotice(null);
      applyMe(next);
      if (!storedLanguage()) void setLanguage(next.user.locale, false);
    },
    [applyMe],
  );

  const signOut = useCallback(async () => {
    let endSessionUrl: string | null = null;
    try {
      endSessionUrl = (await logout())?.endSessionUrl ?? null;
    } catch {
      // the session is gone either way
    }
    applyMe(null);
    setNotice('signed-out');
    // After single sign-on: end the session at the organisation's identity provider too.
    if (endSessionUrl) window.location.assign(endSessionUrl);
  }, [applyMe]);

  const value = useMemo<Session>(() => {
    // The server says whether this session still owes a second factor (or, by policy, a passkey).
    const mustEnrol = me !== null && (me.secondFactorPending || enrolmentDemanded);
    const mustChangePassword = me !== null && (me.mustChangePassword || passwordChangeDemanded);
    return {
      status,
      me,
      instance,
      notice,
      mustEnrol,
      mustChangePassword,
      signedIn,
      signOut,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      clearNotice: () => setNotice(null),
    };
  }, [status, me, instance, notice, enrolmentDemanded, passwordChangeDemanded, signedIn, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
