/**
 * Lists that the API gives in pages (`{ items, nextCursor }`): the first page is loaded with useLoad,
 * "Meer laden" appends the next ones. Used by the list pages and by the lists inside detail pages.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../lib/use-load.js';
import { Button, Paragraph } from './ams.js';
import { LoadError } from './page.js';
import { Loading } from './shell.js';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Loads the first page (again whenever one of `deps` changes) and, on `loadMore`, the page after the
 * last one loaded. `items` is every item loaded so far, in order.
 */
export function usePagedList<T>(load: (cursor: string | null) => Promise<CursorPage<T>>, deps: readonly unknown[]) {
  const [more, setMore] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useLoad(async () => {
    const page = await load(null);
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  }, deps);
  async function loadMore() {
    if (!cursor) return;
    const page = await load(cursor);
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }
  return { first, items: [...(first.data ?? []), ...more], hasMore: cursor !== null, loadMore };
}

export type PagedList<T> = ReturnType<typeof usePagedList<T>>;

/** The "Meer laden" button under a paged list; shown only while there is a next page. */
export function LoadMoreButton({ hasMore, loadMore }: { hasMore: boolean; loadMore: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (!hasMore) return null;
  return (
    <p className="schakel-more">
      <Button
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await loadMore();
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? t('common.loadingMore') : t('common.loadMore')}
      </Button>
    </p>
  );
}

/**
 * A paged list in its states: the load error (with retry), "loading" while the first page comes
 * (unless `showLoading` is false), the `empty` sentence when there are no items, the items as
 * `children` renders them, and the "load more" button.
 */
export function PagedListView<T>({
  list,
  empty,
  showLoading = true,
  children,
}: {
  list: PagedList<T>;
  empty: ReactNode;
  showLoading?: boolean;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {list.first.error !== null && <LoadError error={list.first.error} onRetry={() => void list.first.reload()} />}
      {showLoading && list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Paragraph>{empty}</Paragraph>}
      {list.items.length > 0 && children(list.items)}
      <LoadMoreButton hasMore={list.hasMore} loadMore={list.loadMore} />
    </>
  );
}
