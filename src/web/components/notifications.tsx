/**
 * The notifications counter in the header: a link to the notifications page that says how many are
 * unread. It asks again on every change of page, every two minutes, and when a page marks one read.
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { listNotifications, type Notification } from '../api/monitoring.js';
import { formatDate } from '../lib/format.js';
import { paths } from '../paths.js';

const REFRESH_MS = 120_000;
const listeners = new Set<() => void>();

/** Tells the header counter that the number of unread notifications changed. */
export function notificationsChanged(): void {
  for (const listener of listeners) listener();
}

/** The text of a notification in the interface language (the API's own text is Dutch only). */
export function notificationText(n: Notification, t: TFunction): string {
  if (n.kind === 'consent_requested' && n.dueOn)
    return t('notifications.kind.consent_requested', { date: formatDate(n.dueOn) });
  if (!n.caseReference || !n.dueOn) return n.message;
  return t(`notifications.kind.${n.kind}`, { reference: n.caseReference, date: formatDate(n.dueOn) });
}

function Bell() {
  return (
    <svg className="schakel-bell" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4l2-2Z M10 20a2 2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function NotificationsBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const [unread, setUnread] = useState<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await listNotifications({ limit: 1, unreadOnly: true });
      setUnread(list.unreadCount);
    } catch {
      // The counter is a convenience: a failed refresh keeps the last number.
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again on every change of page
  useEffect(() => {
    void refresh();
  }, [refresh, location.pathname]);

  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), REFRESH_MS);
    const listener = () => void refresh();
    listeners.add(listener);
    return () => {
      window.clearInterval(timer);
      listeners.delete(listener);
    };
  }, [refresh]);

  const label = unread ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <Link to={paths.notifications} className="schakel-header__button schakel-header__notifications" aria-label={label}>
      <Bell />
      <span aria-hidden="true">{t('notifications.bell')}</span>
      {unread ? (
        <span className="schakel-header__count" aria-hidden="true">
          {unread}
        </span>
      ) : null}
    </Link>
  );
}
