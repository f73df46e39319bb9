import { useTranslation } from 'react-i18next';
import { Button } from '../../components/ams.js';

/** Shown after 409 STALE_VERSION (the error summary says what happened): fetch the current record. */
export function StaleNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <p className="schakel-stale">
      <Button variant="secondary" onClick={onReload}>
        {t('errors.staleReload')}
      </Button>
    </p>
  );
}
