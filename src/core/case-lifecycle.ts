/**
 * The lifecycle of a case (PRODUCT.md §2, step plan of seed 000 phase II) as a pure state machine.
 *
 *   preparation ─► analysis ─► execution ◄─► monitoring
 *        │             │           │             │
 *        └─────────────┴───────────┴──────┬──────┘
 *                                         ▼
 *                            closed_provisional ──► (reopen: execution | monitoring)
 *                                         │
 *                                         ▼
 *                                      closed (definitive, final)
 *
 * Escalation (local → regional → national) is a second dimension, changed one step at a time with
 * a reason. Nothing here computes anything about the person.
 */
import { DomainError } from './errors.js';

export const PHASES = ['preparation', 'analysis', 'execution', 'monitoring', 'closed_provisional', 'closed'] as const;
export type Phase = (typeof PHASES)[number];
export const OPEN_PHASES: readonly Phase[] = ['preparation', 'analysis', 'execution', 'monitoring'];

export const ESCALATION_LEVELS = ['local', 'regional', 'national'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export type CaseTransition =
  | { kind: 'discuss' } // put on a case conference: preparation → analysis
  | { kind: 'adopt_plan' } // analysis → execution
  | { kind: 'monitor' } // execution → monitoring
  | { kind: 'resume' } // monitoring → execution
  | { kind: 'close_provisionally'; reason: string; revisitOn: string | null; today: string }
  | { kind: 'close_definitively'; reason: string }
  | { kind: 'reopen'; reason: string; to: 'execution' | 'monitoring' | null };

export const TRANSITION_KINDS = [
  'discuss',
  'adopt_plan',
  'monitor',
  'resume',
  'close_provisionally',
  'close_definitively',
  'reopen',
] as const satisfies readonly CaseTransition['kind'][];
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

const NEXT: Record<
  Exclude<CaseTransition['kind'], 'close_provisionally' | 'close_definitively' | 'reopen'>,
  [Phase[], Phase]
> = {
  discuss: [['preparation'], 'analysis'],
  adopt_plan: [['analysis', 'preparation'], 'execution'],
  monitor: [['execution'], 'monitoring'],
  resume: [['monitoring'], 'execution'],
};

function illegal(from: Phase, kind: string): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', `A case in phase "${from}" cannot "${kind}".`);
}

type Issue = { in: 'body'; pointer: string; code: string; detail: string };

/** Throws one 422 naming every missing or invalid field at once. */
function refuseIfAny(issues: Issue[]): void {
  if (issues.length > 0) {
    throw new DomainError('BUSINESS_RULE', issues.map((i) => i.detail).join(' '), { fields: issues });
  }
}

function reasonIssue(reason: string, pointer = '/reason'): Issue[] {
  return reason.trim().length === 0 ? [{ in: 'body', pointer, code: 'required', detail: 'Give the reason.' }] : [];
}

function requireReason(reason: string, pointer = '/reason'): void {
  refuseIfAny(reasonIssue(reason, pointer));
}

export function isOpen(phase: Phase): boolean {
  return OPEN_PHASES.includes(phase);
}

/** The phase after `t`, or a domain error (409 illegal transition, 422 missing reason/date). */
export function nextPhase(from: Phase, t: CaseTransition): Phase {
  switch (t.kind) {
    case 'close_provisionally':
      if (!isOpen(from)) throw illegal(from, t.kind);
      refuseIfAny([
        ...reasonIssue(t.reason),
        ...(!t.revisitOn
          ? [{ in: 'body', pointer: '/revisitOn', code: 'required', detail: 'Give the revisit date.' } as const]
          : !(t.revisitOn > t.today)
            ? [
                {
                  in: 'body',
                  pointer: '/revisitOn',
                  code: 'not_in_future',
                  detail: 'The revisit date must lie in the future.',
                } as const,
              ]
            : []),
      ]);
      return 'closed_provisional';
    case 'close_definitively':
      if (from === 'closed') throw illegal(from, t.kind);
      requireReason(t.reason);
      return 'closed';
    case 'reopen':
      if (from !== 'closed_provisional') throw illegal(from, t.kind);
      refuseIfAny([
        ...reasonIssue(t.reason),
        ...(!t.to
          ? [{ in: 'body', pointer: '/to', code: 'required', detail: 'Choose execution or monitoring.' } as const]
          : []),
      ]);
      return t.to as 'execution' | 'monitoring';
    default: {
      const [allowed, to] = NEXT[t.kind];
      if (!allowed.includes(from)) throw illegal(from, t.kind);
      return to;
    }
  }
}

/**
 * One step up or down the escalation ladder, with a reason. With `phase`, a case that is closed
 * (provisionally or definitively) cannot be escalated or de-escalated.
 */
export function nextEscalation(
  from: EscalationLevel,
  direction: 'up' | 'down',
  reason: string,
  phase?: Phase,
): EscalationLevel {
  if (phase !== undefined && !isOpen(phase)) {
    throw new DomainError('ILLEGAL_TRANSITION', `A case in phase "${phase}" cannot be escalated or de-escalated.`);
  }
  requireReason(reason);
  const i = ESCALATION_LEVELS.indexOf(from);
  const j = direction === 'up' ? i + 1 : i - 1;
  const to = ESCALATION_LEVELS[j];
  if (!to) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      direction === 'up' ? 'The case is already at the national level.' : 'The case is already at the local level.',
    );
  }
  return to;
}

/** A provisionally closed case returns on the priority list from its revisit date on. */
export function isBackOnList(phase: Phase, revisitOn: string | null, today: string): boolean {
  return phase === 'closed_provisional' && revisitOn !== null && revisitOn <= today;
}

/** On the priority list: every open case, and a provisionally closed one from its revisit date on. */
export function isOnPriorityList(phase: Phase, revisitOn: string | null, today: string): boolean {
  return isOpen(phase) || isBackOnList(phase, revisitOn, today);
}

/** An open case's proportionality review is overdue when its date has passed. */
export function isReviewOverdue(phase: Phase, nextReviewOn: string | null, today: string): boolean {
  return isOpen(phase) && nextReviewOn !== null && nextReviewOn < today;
}

/** The default interval of the proportionality review: three months (PRODUCT.md §2.7). */
export const DEFAULT_PROPORTIONALITY_INTERVAL_DAYS = 91;

/**
 * Concern levels, chosen by a person in an assessment (never computed). Their order only serves to
 * say whether the latest chosen level is higher, lower or the same as the one chosen before.
 */
export const CONCERN_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export type ConcernLevel = (typeof CONCERN_LEVELS)[number];
export type ConcernTrend = 'up' | 'down' | 'same';

/** Compares the two latest human-chosen concern levels; null without a previous one. */
export function concernTrend(previous: string | null, latest: string | null): ConcernTrend | null {
  const p = CONCERN_LEVELS.indexOf(previous as ConcernLevel);
  const l = CONCERN_LEVELS.indexOf(latest as ConcernLevel);
  if (p < 0 || l < 0) return null;
  return l > p ? 'up' : l < p ? 'down' : 'same';
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` lies before `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date `days` after `isoDate` (YYYY-MM-DD), e.g. the next proportionality review. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
