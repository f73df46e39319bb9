/** How a contact circle's status, progress and steps read in the interface. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ContactCircleStatus, ContactCircleStep, ContactCircleSummary } from '../../api/networks.js';
import { Badge } from '../../components/ams.js';
import { currentLanguage } from '../../i18n/index.js';

const STATUS_COLOR: Record<ContactCircleStatus, 'azure' | 'yellow' | 'orange' | 'lime'> = {
  in_progress: 'azure',
  report_due: 'yellow',
  evaluation_due: 'orange',
  closed: 'lime',
};

export function CircleStatusBadge({ status }: { status: ContactCircleStatus }) {
  const { t } = useTranslation();
  return <Badge label={t(`networksPages.circles.statuses.${status}`)} color={STATUS_COLOR[status]} />;
}

/** "Stap 3 van 5" while the steps run, then what follows them. */
export function progressText(c: Pick<ContactCircleSummary, 'currentStep' | 'completedSteps' | 'status'>, t: TFunction) {
  if (c.currentStep !== null) return t('networksPages.circles.atStep', { step: c.currentStep, total: 5 });
  return t(`networksPages.circles.after.${c.status}`);
}

/** The step's title in the interface language (the API gives both). */
export function stepTitle(step: Pick<ContactCircleStep, 'titleNl' | 'titleEn'>): string {
  return currentLanguage() === 'en' ? step.titleEn : step.titleNl;
}
