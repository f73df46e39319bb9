import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the document title ("Page — Schakel") so that every page has its own title (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — ${t('app.titleSuffix')}`;
  }, [title, t]);
}
