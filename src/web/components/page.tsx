/** Building blocks shared by the pages: heading block, notices, tables and link-buttons. */

import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../lib/page.js';
import { Alert, Button, Heading, Paragraph } from './ams.js';
import { generalMessage } from './form.js';

export function PageHeader({ title, intro, actions }: { title: string; intro?: ReactNode; actions?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="schakel-page-header">
      <div className="schakel-page-header__text">
        <Heading level={1} tabIndex={-1}>
          {title}
        </Heading>
        {intro && <Paragraph className="schakel-page-header__intro">{intro}</Paragraph>}
      </div>
      {actions && <div className="schakel-page-header__actions">{actions}</div>}
    </div>
  );
}

/** A navigation link that looks like a button (it goes somewhere, so it is a link). */
export function LinkButton({
  to,
  children,
  variant = 'primary',
}: {
  to: string;
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'tertiary';
}) {
  return (
    <Link to={to} className={`ams-button ams-button--${variant} schakel-link-button`}>
      {children}
    </Link>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="schakel-back">
      <Link to={to} className="ams-link">
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </p>
  );
}

export interface FlashState {
  notice?: string;
}

/** A success message handed over by the previous page (after saving), shown once. */
export function Flash() {
  const location = useLocation();
  const navigate = useNavigate();
  const [notice] = useState(() => (location.state as FlashState | null)?.notice);
  // Forget it in the browser history, so that a reload or "back" does not announce it again.
  useEffect(() => {
    if ((location.state as FlashState | null)?.notice) {
      navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
    }
  }, [location, navigate]);
  if (!notice) return null;
  return (
    <div className="schakel-notice" role="status">
      <Alert severity="success" heading={notice} headingLevel={2} />
    </div>
  );
}

export function Notice({
  severity,
  heading,
  children,
  live = false,
}: {
  severity?: 'error' | 'success' | 'warning';
  heading: string;
  children?: ReactNode;
  live?: boolean;
}) {
  return (
    <div className="schakel-notice" role={live ? 'status' : undefined}>
      <Alert severity={severity} heading={heading} headingLevel={2}>
        {children}
      </Alert>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice severity="error" heading={t('errors.loadFailed')}>
      <Paragraph>{generalMessage(error, t)}</Paragraph>
      {onRetry && (
        <div>
          <Button variant="secondary" onClick={onRetry}>
            {t('common.reload')}
          </Button>
        </div>
      )}
    </Notice>
  );
}

/**
 * A table with a caption, in a scroll container that keyboard users can reach and that is named by
 * the caption (a region landmark, as WCAG technique for wide tables suggests).
 */
export function DataTable({
  caption,
  captionHidden = false,
  head,
  children,
}: {
  caption: string;
  captionHidden?: boolean;
  head: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (WCAG 2.1.1)
    <section className="ams-table schakel-table" aria-labelledby={id} tabIndex={0}>
      <table className="ams-table__table">
        <caption id={id} className={captionHidden ? 'schakel-visually-hidden' : 'ams-table__caption'}>
          {caption}
        </caption>
        <thead className="ams-table__header">
          <tr className="ams-table__row">{head}</tr>
        </thead>
        <tbody className="ams-table__body">{children}</tbody>
      </table>
    </section>
  );
}

export function Th({ children, align }: { children: ReactNode; align?: 'end' }) {
  return (
    <th scope="col" className={`ams-table__header-cell${align ? ` ams-table__header-cell--align-${align}` : ''}`}>
      {children}
    </th>
  );
}

export function Td({ children, align }: { children?: ReactNode; align?: 'end' }) {
  return <td className={`ams-table__cell${align ? ` ams-table__cell--align-${align}` : ''}`}>{children}</td>;
}

export function Tr({ children }: { children: ReactNode }) {
  return <tr className="ams-table__row">{children}</tr>;
}
