import { DomainError } from '../../core/errors.js';
import type { INTERVENTION_STATUSES } from './schemas.js';

export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];

/**
 * An intervention is planned, runs, and ends — completed or stopped. An ended intervention stays as
 * it ended (evaluate it, or plan a new one); nothing goes back to "planned".
 */
const NEXT: Record<InterventionStatus, readonly InterventionStatus[]> = {
  planned: ['active', 'completed', 'stopped'],
  active: ['completed', 'stopped'],
  completed: [],
  stopped: [],
};

/** The status after a requested change, or ILLEGAL_TRANSITION (409). Same status: no change. */
export function nextInterventionStatus(from: InterventionStatus, to: InterventionStatus): InterventionStatus {
  if (from === to) return to;
  if (!NEXT[from].includes(to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `An intervention that is "${from}" cannot become "${to}".`);
  }
  return to;
}

export function hasEnded(status: InterventionStatus): boolean {
  return status === 'completed' || status === 'stopped';
}
