import { useTranslation } from 'react-i18next';
import { Paragraph } from '../../components/ams.js';
import { formatDateTime } from '../../lib/format.js';
import type { CaseSectionProps } from './case-page.js';
import { Section } from './shared.js';
import { timelineText } from './timeline-text.js';

export function TimelineSection({ detail }: CaseSectionProps) {
  const { t } = useTranslation();
  return (
    <Section id="case-timeline" title={t('cases.timeline.heading')} intro={t('cases.timeline.intro')}>
      {detail.timeline.length === 0 ? (
        <Paragraph>{t('cases.timeline.empty')}</Paragraph>
      ) : (
        <ol className="cw-timeline">
          {detail.timeline.map((e) => (
            <li key={e.id} className="cw-timeline__item">
              <p className="cw-timeline__when">
                <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                {' — '}
                {e.actor?.name ?? t('cases.timeline.system')}
              </p>
              <p className="cw-timeline__what">{timelineText(e, t)}</p>
              {e.reason && <p className="cw-timeline__reason">{t('cases.timeline.reason', { reason: e.reason })}</p>}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
