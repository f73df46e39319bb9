import { describe, expect, it } from 'vitest';
import {
  addDays,
  type CaseTransition,
  concernTrend,
  daysBetween,
  ESCALATION_LEVELS,
  isBackOnList,
  isOnPriorityList,
  isOpen,
  isReviewOverdue,
  nextEscalation,
  nextPhase,
  PHASES,
  type Phase,
  TRANSITION_KINDS,
  type TransitionKind,
} from './case-lifecycle.js';
import { DomainError } from './errors.js';

const TODAY = '2026-05-01';

/** Each transition with valid arguments. */
function transition(kind: TransitionKind): CaseTransition {
  switch (kind) {
    case 'close_provisionally':
      return { kind, reason: 'Stabiel', revisitOn: '2026-11-01', today: TODAY };
    case 'close_definitively':
      return { kind, reason: 'Geen zorgen meer' };
    case 'reopen':
      return { kind, reason: 'Nieuw signaal', to: 'monitoring' };
    default:
      return { kind };
  }
}

/** The legal transitions of PRODUCT.md §2 and the step plan, written out independently of the code. */
const LEGAL: Record<Phase, Partial<Record<TransitionKind, Phase>>> = {
  preparation: {
    discuss: 'analysis',
    adopt_plan: 'execution',
    close_provisionally: 'closed_provisional',
    close_definitively: 'closed',
  },
  analysis: { adopt_plan: 'execution', close_provisionally: 'closed_provisional', close_definitively: 'closed' },
  execution: { monitor: 'monitoring', close_provisionally: 'closed_provisional', close_definitively: 'closed' },
  monitoring: { resume: 'execution', close_provisionally: 'closed_provisional', close_definitively: 'closed' },
  closed_provisional: { close_definitively: 'closed', reopen: 'monitoring' },
  closed: {},
};

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return (e.extra.fields ?? []).map((f) => f.pointer);
    throw e;
  }
  return [];
}

describe('nextPhase', () => {
  for (const from of PHASES) {
    for (const kind of TRANSITION_KINDS) {
      const to = LEGAL[from][kind];
      if (to) {
        it(`${from} --${kind}--> ${to}`, () => {
          expect(nextPhase(from, transition(kind))).toBe(to);
        });
      } else {
        it(`${from} --${kind}--> refused as illegal (409)`, () => {
          expect(codeOf(() => nextPhase(from, transition(kind)))).toBe('ILLEGAL_TRANSITION');
        });
      }
    }
  }

  it('reopens in the phase asked for', () => {
    expect(nextPhase('closed_provisional', { kind: 'reopen', reason: 'x', to: 'execution' })).toBe('execution');
  });

  it('requires a reason for closing and reopening (422 naming /reason)', () => {
    for (const t of [
      { kind: 'close_provisionally', reason: ' ', revisitOn: '2026-12-01', today: TODAY },
      { kind: 'close_definitively', reason: '' },
    ] as CaseTransition[]) {
      expect(codeOf(() => nextPhase('execution', t))).toBe('BUSINESS_RULE');
      expect(fieldsOf(() => nextPhase('execution', t))).toEqual(['/reason']);
    }
    expect(fieldsOf(() => nextPhase('closed_provisional', { kind: 'reopen', reason: '', to: 'execution' }))).toEqual([
      '/reason',
    ]);
  });

  it('names every missing field at once', () => {
    expect(
      fieldsOf(() =>
        nextPhase('monitoring', { kind: 'close_provisionally', reason: '', revisitOn: null, today: TODAY }),
      ),
    ).toEqual(['/reason', '/revisitOn']);
    expect(fieldsOf(() => nextPhase('closed_provisional', { kind: 'reopen', reason: '', to: null }))).toEqual([
      '/reason',
      '/to',
    ]);
  });

  it('wants a revisit date after today', () => {
    for (const revisitOn of [TODAY, '2026-04-30']) {
      const t: CaseTransition = { kind: 'close_provisionally', reason: 'x', revisitOn, today: TODAY };
      expect(codeOf(() => nextPhase('execution', t))).toBe('BUSINESS_RULE');
      expect(fieldsOf(() => nextPhase('execution', t))).toEqual(['/revisitOn']);
    }
  });

  it('checks legality before the reason: an illegal transition is 409 even without a reason', () => {
    expect(codeOf(() => nextPhase('closed', { kind: 'close_definitively', reason: '' }))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => nextPhase('execution', { kind: 'reopen', reason: '', to: null }))).toBe('ILLEGAL_TRANSITION');
  });
});

describe('nextEscalation', () => {
  it('climbs local → regional → national and back down, one step at a time', () => {
    expect(nextEscalation('local', 'up', 'r')).toBe('regional');
    expect(nextEscalation('regional', 'up', 'r')).toBe('national');
    expect(nextEscalation('national', 'down', 'r')).toBe('regional');
    expect(nextEscalation('regional', 'down', 'r')).toBe('local');
  });

  it('stops at both ends of the ladder (409)', () => {
    expect(codeOf(() => nextEscalation('national', 'up', 'r'))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => nextEscalation('local', 'down', 'r'))).toBe('ILLEGAL_TRANSITION');
  });

  it('requires a reason (422 naming /reason)', () => {
    expect(codeOf(() => nextEscalation('local', 'up', '  '))).toBe('BUSINESS_RULE');
    expect(fieldsOf(() => nextEscalation('local', 'up', ''))).toEqual(['/reason']);
  });

  it('refuses a closed case, and allows every open phase', () => {
    for (const phase of PHASES) {
      const code = codeOf(() => nextEscalation('regional', 'up', 'r', phase));
      expect(code).toBe(isOpen(phase) ? null : 'ILLEGAL_TRANSITION');
    }
  });

  it('knows exactly three levels', () => {
    expect(ESCALATION_LEVELS).toEqual(['local', 'regional', 'national']);
  });
});

describe('priority list rules', () => {
  it('puts open cases on the list and a provisionally closed one from its revisit date on', () => {
    expect(isOnPriorityList('preparation', null, TODAY)).toBe(true);
    expect(isOnPriorityList('monitoring', null, TODAY)).toBe(true);
    expect(isOnPriorityList('closed', null, TODAY)).toBe(false);
    expect(isOnPriorityList('closed_provisional', '2026-05-02', TODAY)).toBe(false);
    expect(isOnPriorityList('closed_provisional', TODAY, TODAY)).toBe(true);
    expect(isBackOnList('closed_provisional', '2026-04-01', TODAY)).toBe(true);
    expect(isBackOnList('execution', '2026-04-01', TODAY)).toBe(false);
  });

  it('calls a review overdue only for an open case whose review date has passed', () => {
    expect(isReviewOverdue('execution', '2026-04-30', TODAY)).toBe(true);
    expect(isReviewOverdue('execution', TODAY, TODAY)).toBe(false);
    expect(isReviewOverdue('execution', null, TODAY)).toBe(false);
    expect(isReviewOverdue('closed_provisional', '2026-01-01', TODAY)).toBe(false);
  });

  it('compares two chosen concern levels, nothing more', () => {
    expect(concernTrend(null, 'high')).toBeNull();
    expect(concernTrend('low', 'high')).toBe('up');
    expect(concernTrend('acute', 'medium')).toBe('down');
    expect(concernTrend('medium', 'medium')).toBe('same');
    expect(concernTrend('bogus', 'medium')).toBeNull();
  });

  it('counts calendar days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-01-01', 91)).toBe('2026-04-02');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
    expect(daysBetween('2026-05-01', '2026-04-30')).toBe(-1);
  });
});
