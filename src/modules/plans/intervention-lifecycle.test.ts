import { describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { hasEnded, type InterventionStatus, nextInterventionStatus } from './intervention-lifecycle.js';

const ALL: InterventionStatus[] = ['planned', 'active', 'completed', 'stopped'];
const ALLOWED: Record<InterventionStatus, InterventionStatus[]> = {
  planned: ['planned', 'active', 'completed', 'stopped'],
  active: ['active', 'completed', 'stopped'],
  completed: ['completed'],
  stopped: ['stopped'],
};

describe('intervention lifecycle', () => {
  for (const from of ALL) {
    for (const to of ALL) {
      const ok = ALLOWED[from].includes(to);
      it(`${from} → ${to} is ${ok ? 'allowed' : 'refused'}`, () => {
        if (ok) expect(nextInterventionStatus(from, to)).toBe(to);
        else {
          try {
            nextInterventionStatus(from, to);
            expect.unreachable();
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('ILLEGAL_TRANSITION');
          }
        }
      });
    }
  }
  it('knows which statuses have ended', () => {
    expect(ALL.filter(hasEnded)).toEqual(['completed', 'stopped']);
  });
});
