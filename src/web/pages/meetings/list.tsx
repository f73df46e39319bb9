import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listMeetings, type Meeting } from '../../api/meetings.js';
import { useSession } from '../../auth/session.js';
import { Button, Paragraph } from '../../components/ams.js';
import { DataTable, Flash, LinkButton, LoadError, PageHeader, Td, Th, Tr } from '../../components/page.js';
import { Loading } from '../../components/shell.js';
import { meetingPath, newMeetingPath } from '../cases/paths.js';
import { Section } from '../cases/shared.js';
import { meetingWhen } from './format.js';

const PAGE_SIZE = 25;

export function MeetingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canSchedule = session.me?.user.role === 'process_director';
  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        intro={t('meetings.intro')}
        actions={canSchedule && <LinkButton to={newMeetingPath}>{t('meetings.schedule')}</LinkButton>}
      />
      <Flash />
      <MeetingTable when="upcoming" />
      <MeetingTable when="past" />
    </>
  );
}

function MeetingTable({ when }: { when: 'upcoming' | 'past' }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Meeting[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    listMeetings({ when, limit: PAGE_SIZE })
      .then((page) => {
        if (cancelled) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => !cancelled && setError(e))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [when]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await listMeetings({ when, limit: PAGE_SIZE, cursor });
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  const title = when === 'upcoming' ? t('meetings.upcoming') : t('meetings.past');
  return (
    <Section id={`meetings-${when}`} title={title}>
      {error !== null && <LoadError error={error} />}
      {loading && <Loading />}
      {!loading && error === null && items.length === 0 && (
        <Paragraph>{when === 'upcoming' ? t('meetings.emptyUpcoming') : t('meetings.emptyPast')}</Paragraph>
      )}
      {items.length > 0 && (
        <DataTable
          caption={title}
          captionHidden
          head={
            <>
              <Th>{t('meetings.meeting')}</Th>
              <Th>{t('meetings.when')}</Th>
              <Th>{t('meetings.location')}</Th>
              <Th>{t('meetings.chair')}</Th>
              <Th>{t('meetings.status')}</Th>
            </>
          }
        >
          {items.map((m) => (
            <Tr key={m.id}>
              <Td>
                <Link className="ams-link" to={meetingPath(m.id)}>
                  {m.title}
                </Link>
              </Td>
              <Td>{meetingWhen(m, t)}</Td>
              <Td>{m.location ?? t('common.none')}</Td>
              <Td>{m.chair.name}</Td>
              <Td>{t(`meetings.statuses.${m.status}`)}</Td>
            </Tr>
          ))}
        </DataTable>
      )}
      {cursor && (
        <p className="schakel-more">
          <Button variant="secondary" onClick={() => void more()} disabled={loadingMore}>
            {loadingMore ? t('common.loadingMore') : t('common.loadMore')}
          </Button>
        </p>
      )}
    </Section>
  );
}
