/**
 * "Are you sure?" before an action that cannot be undone: the question (announced at once) with the
 * button that acts and a cancel button.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Paragraph } from './ams.js';
import { FormActions } from './form.js';

export function ConfirmBox({
  message,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
}: {
  message: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="schakel-confirm" role="alert">
      <Paragraph>{message}</Paragraph>
      <FormActions>
        <Button onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
        <Button variant="tertiary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </FormActions>
    </div>
  );
}
