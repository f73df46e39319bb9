import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listNotifications, markNotificationRead, type Notification } from '../../api/monitoring.js';
import { Button, Paragraph } from '../../components/ams.js';
import { CheckboxField, generalMessage } from '../../components/form.js';
import { notificationsChanged } from '../../components/notifications.js';
import { DataTable, LoadError, Notice, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/use-load.js';
import { itemPath, paths } from '../../paths.js';

const PAGE_SIZE = 50;

/**
 * The text of a notification in the interface language, from its code, case reference and date (the
 * API's `message` is the Dutch text of record, shown only when those are missing).
 */
export function messageOf(n: Notification, t: TFunction): string {
  if (n.code === 'consent_requested' && n.dueOn)
    return t('notifications.code.consent_requested', { date: formatDate(n.dueOn) });
  if (!n.caseReference || !n.dueOn) return n.message;
  return t(`notifications.code.${n.code}`, { reference: n.caseReference, date: formatDate(n.dueOn) });
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const unreadOnly = search.get('ongelezen') === '1';
  const [items, setItems] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const first = useLoad(() => listNotifications({ limit: PAGE_SIZE, unreadOnly }), [unreadOnly]);
  useEffect(() => {
    if (first.data) {
      setItems(first.data.items);
      setCursor(first.data.nextCursor);
      setUnread(first.data.unreadCount);
    }
  }, [first.data]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listNotifications({ limit: PAGE_SIZE, unreadOnly, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
      setUnread(page.unreadCount);
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  async function markRead(n: Notification) {
    setNotice(null);
    setActionError(null);
    try {
      const updated = await markNotificationRead(n.id);
      setItems((list) => list.map((x) => (x.id === n.id ? updated : x)));
      setUnread((u) => Math.max(0, u - 1));
      setNotice(t('notifications.markedRead'));
      notificationsChanged();
    } catch (error) {
      setActionError(generalMessage(error, t));
    }
  }

  return (
    <>
      <PageHeader title={t('notifications.title')} intro={t('notifications.intro')} />
      {notice && <Notice severity="success" heading={notice} live />}
      {actionError && <Notice severity="error" heading={actionError} live />}
      <div className="schakel-filters">
        <CheckboxField
          spec={{ name: 'unreadOnly', id: 'notifications-unread', label: t('notifications.unreadOnly') }}
          checked={unreadOnly}
          onChecked={(checked) => setSearch(checked ? new URLSearchParams({ ongelezen: '1' }) : new URLSearchParams())}
        />
      </div>
      {first.error !== null && <LoadError error={first.error} onRetry={() => void first.reload()} />}
      {first.loading && <Loading />}
      {!first.loading && first.data && (
        <>
          <Paragraph>{t('notifications.unreadCount', { count: unread })}</Paragraph>
          {items.length === 0 ? (
            <Paragraph>{t('notifications.empty')}</Paragraph>
          ) : (
            <DataTable
              caption={`${t('notifications.caption')} (${t('common.countShown', { count: items.length })})`}
              head={
                <>
                  <Th>{t('notifications.message')}</Th>
                  <Th>{t('notifications.case')}</Th>
                  <Th>{t('notifications.dueOn')}</Th>
                  <Th>{t('notifications.received')}</Th>
                  <Th>{t('notifications.status')}</Th>
                  <Th>{t('common.actions')}</Th>
                </>
              }
            >
              {items.map((n) => (
                <Tr key={n.id}>
                  <Td>
                    <span className={n.readAt ? undefined : 'schakel-unread'}>{messageOf(n, t)}</span>
                  </Td>
                  <Td>
                    {n.caseId ? (
                      <Link className="ams-link schakel-nowrap" to={itemPath(paths.cases, n.caseId)}>
                        {n.caseReference ?? t('signals.toCaseNoRef')}
                      </Link>
                    ) : n.code === 'consent_requested' ? (
                      <Link className="ams-link schakel-nowrap" to={paths.consentRequests}>
                        {t('privacyPages.consent.title')}
                      </Link>
                    ) : (
                      t('intake.common.none')
                    )}
                  </Td>
                  <Td>
                    <span className="schakel-nowrap">{n.dueOn ? formatDate(n.dueOn) : t('intake.common.none')}</span>
                  </Td>
                  <Td>{formatDateTime(n.createdAt)}</Td>
                  <Td>{n.readAt ? t('notifications.read') : t('notifications.unread')}</Td>
                  <Td>
                    {!n.readAt && (
                      <button
                        type="button"
                        className="schakel-inline-button"
                        aria-label={t('notifications.markReadLabel', {
                          reference: n.caseReference ?? '',
                          date: formatDate(n.dueOn ?? n.createdAt),
                        })}
                        onClick={() => void markRead(n)}
                      >
                        {t('notifications.markRead')}
                      </button>
                    )}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )}
          {moreError !== null && <LoadError error={moreError} />}
          {cursor && (
            <p className="schakel-more">
              <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
                {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}
