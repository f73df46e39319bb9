import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../api/cases.js';
import { en } from '../../i18n/en.js';
import { nl } from '../../i18n/nl.js';
import { timelineText } from './timeline-text.js';

const line = (kind: string, params: TimelineEvent['params'], summary = 'Samenvatting'): TimelineEvent => ({
  id: '1',
  occurredAt: '2026-03-01T10:00:00.000Z',
  actor: null,
  kind,
  summary,
  params,
  reason: null,
});

beforeAll(async () => {
  await i18next.init({
    resources: { nl: { translation: nl }, en: { translation: en } },
    lng: 'nl',
    fallbackLng: 'nl',
    interpolation: { escapeValue: false },
  });
});

describe('timeline lines in the interface language', () => {
  it('says a line in Dutch and in English from its kind and parameters', async () => {
    const moved = line('adopt_plan', { fromPhase: 'analysis', toPhase: 'execution' });
    const closed = line('close_provisionally', { revisitOn: '2026-06-30' });
    const added = line('organisation_added', { organisation: 'GGZ Delfland' });
    const changed = line('updated', { fields: 'targetGroup,priority' });
    const action = line('action_added', { organisation: 'Politie', dueOn: '2026-04-01', variant: 'meeting' });
    const intervention = line('intervention_added', {
      intervention: 'Meldplicht',
      interventionEn: 'Reporting duty',
      organisation: 'Gemeente Delft',
    });
    const linked = line('signal_assessments_linked', { count: 2, reference: 'S-2026-0001' });
    await i18next.changeLanguage('nl');
    const t = i18next.t.bind(i18next);
    expect(timelineText(moved, t)).toBe('Fase: analyse → uitvoering');
    expect(timelineText(closed, t)).toBe('Voorlopig afgesloten; terug op de lijst op 30-06-2026');
    expect(timelineText(added, t)).toBe('GGZ Delfland neemt deel aan de casus');
    expect(timelineText(changed, t)).toBe('Gewijzigd: doelgroep, prioriteit');
    expect(timelineText(action, t)).toBe('Actie toegevoegd voor Politie, uiterlijk 01-04-2026 (besluit casusoverleg)');
    expect(timelineText(intervention, t)).toBe('Interventie toegevoegd: Meldplicht (Gemeente Delft)');
    expect(timelineText(linked, t)).toBe(
      '2 duidingen en inschattingen van melding S-2026-0001 toegevoegd aan de casus',
    );

    await i18next.changeLanguage('en');
    expect(timelineText(moved, t)).toBe('Phase: analysis → execution');
    expect(timelineText(closed, t)).toBe('Closed provisionally; back on the list on 30-06-2026');
    expect(timelineText(added, t)).toBe('GGZ Delfland takes part in the case');
    expect(timelineText(changed, t)).toBe('Changed: target group, priority');
    expect(timelineText(action, t)).toBe('Action added for Politie, due 01-04-2026 (decision of the case conference)');
    expect(timelineText(intervention, t)).toBe('Intervention added: Reporting duty (Gemeente Delft)');
    expect(timelineText(line('signal_assessments_linked', { count: 1, reference: 'S-1' }), t)).toBe(
      'The assessment of signal S-1 added to the case',
    );
  });

  it('falls back on the Dutch text of record without parameters or for an unknown kind', async () => {
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(timelineText(line('opened', null, 'Casus C-2026-0001 geopend'), t)).toBe('Casus C-2026-0001 geopend');
    expect(timelineText(line('expert_matched', {}, 'Ed Expert gekoppeld'), t)).toBe('Ed Expert gekoppeld');
  });
});
