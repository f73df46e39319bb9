/**
 * The contact circle (contactcirkel, 001 action line 1) as a pure state machine. After an incident
 * the network director takes five steps in order, then writes a report and holds a process
 * evaluation, after which the circle is closed:
 *
 *   step 1 ─► step 2 ─► step 3 ─► step 4 ─► step 5 ─► report ─► evaluation ─► closed
 *
 *   1 align the approach with the mayor and draft the invitation
 *   2 choose which key figures of the standing list to invite
 *   3 arrange the meeting (facilities, time and place)
 *   4 collect, at the meeting, hard and soft signals and needs
 *   5 set out and carry out the actions that came out of it
 *
 * Completing a step out of order is an illegal transition (409); a step whose work is missing (no
 * invitee, no meeting, nothing collected) is refused by a business rule (422).
 */
import { DomainError, type FieldIssue } from './errors.js';

export const CONTACT_CIRCLE_STEPS = [
  {
    step: 1,
    key: 'align_and_invite',
    titleNl: 'Insteek afstemmen met de burgemeester en uitnodiging opstellen',
    titleEn: 'Align the approach with the mayor and draft the invitation',
  },
  {
    step: 2,
    key: 'choose_contacts',
    titleNl: 'Kiezen welke sleutelfiguren worden uitgenodigd',
    titleEn: 'Choose which key figures to invite',
  },
  {
    step: 3,
    key: 'arrange_meeting',
    titleNl: 'Facilitaire zaken van de bijeenkomst regelen',
    titleEn: 'Arrange the meeting',
  },
  {
    step: 4,
    key: 'collect_signals',
    titleNl: 'Harde en zachte signalen en behoeften ophalen',
    titleEn: 'Collect hard and soft signals and needs',
  },
  {
    step: 5,
    key: 'carry_out_actions',
    titleNl: 'Acties uitzetten en uitvoeren',
    titleEn: 'Set out and carry out the actions',
  },
] as const;
export const STEP_COUNT = CONTACT_CIRCLE_STEPS.length;
export type ContactCircleStep = 1 | 2 | 3 | 4 | 5;

export const CONTACT_CIRCLE_PHASES = [
  'step_1',
  'step_2',
  'step_3',
  'step_4',
  'step_5',
  'report',
  'evaluation',
  'closed',
] as const;
export type ContactCirclePhase = (typeof CONTACT_CIRCLE_PHASES)[number];

/** What the stored circle says about its progress. */
export interface ContactCircleState {
  /** How many steps are complete, 0–5 (they are completed in order). */
  completedSteps: number;
  reported: boolean;
  evaluated: boolean;
}

/** The work done in the circle so far, for the rules that a step needs its work done. */
export interface ContactCircleFacts {
  invitees: number;
  meetingArranged: boolean;
  observations: number;
}

export function phaseOf(s: ContactCircleState): ContactCirclePhase {
  if (s.evaluated) return 'closed';
  if (s.reported) return 'evaluation';
  if (s.completedSteps >= STEP_COUNT) return 'report';
  return `step_${s.completedSteps + 1}` as ContactCirclePhase;
}

/** The step to complete next, or null once all five are done. */
export function currentStep(s: ContactCircleState): ContactCircleStep | null {
  return s.completedSteps >= STEP_COUNT ? null : ((s.completedSteps + 1) as ContactCircleStep);
}

function requirementOf(step: ContactCircleStep, facts: ContactCircleFacts): FieldIssue | null {
  switch (step) {
    case 2:
      return facts.invitees > 0
        ? null
        : {
            in: 'body',
            pointer: '/invitees',
            code: 'no_invitees',
            detail: 'Invite at least one key figure from the standing list before completing step 2.',
          };
    case 3:
      return facts.meetingArranged
        ? null
        : {
            in: 'body',
            pointer: '/meeting',
            code: 'no_meeting',
            detail: 'Record when and where the meeting is held before completing step 3.',
          };
    case 4:
      return facts.observations > 0
        ? null
        : {
            in: 'body',
            pointer: '/signalsAndNeeds',
            code: 'nothing_collected',
            detail: 'Record at least one hard or soft signal or need before completing step 4.',
          };
    default:
      return null;
  }
}

/**
 * Completes `step`: the next state, or ILLEGAL_TRANSITION (409) when the step is not the next one (or
 * the circle is past its steps), or BUSINESS_RULE (422) when the step's work is missing.
 */
export function completeStep(s: ContactCircleState, step: number, facts: ContactCircleFacts): ContactCircleState {
  const next = currentStep(s);
  if (next === null) {
    throw new DomainError('ILLEGAL_TRANSITION', 'All five steps of this contact circle are complete.');
  }
  if (!Number.isInteger(step) || step < 1 || step > STEP_COUNT) {
    throw new DomainError('NOT_FOUND', `A contact circle has steps 1 to ${STEP_COUNT}.`);
  }
  if (step < next) {
    throw new DomainError('ILLEGAL_TRANSITION', `Step ${step} is already complete; the next step is ${next}.`);
  }
  if (step > next) {
    throw new DomainError('ILLEGAL_TRANSITION', `Complete step ${next} first: the steps are taken in order.`);
  }
  const issue = requirementOf(next, facts);
  if (issue) throw new DomainError('BUSINESS_RULE', issue.detail, { fields: [issue] });
  return { ...s, completedSteps: s.completedSteps + 1 };
}

/** The report may be written (and rewritten) after step 5 and before the evaluation. */
export function writeReport(s: ContactCircleState): ContactCircleState {
  const phase = phaseOf(s);
  if (phase === 'closed') {
    throw new DomainError('ILLEGAL_TRANSITION', 'The contact circle is evaluated and closed; the report is final.');
  }
  if (phase !== 'report' && phase !== 'evaluation') {
    throw new DomainError('ILLEGAL_TRANSITION', 'Write the report after all five steps are complete.');
  }
  return { ...s, reported: true };
}

/** The process evaluation follows the report and closes the circle. */
export function writeEvaluation(s: ContactCircleState): ContactCircleState {
  const phase = phaseOf(s);
  if (phase === 'closed') throw new DomainError('ILLEGAL_TRANSITION', 'The contact circle is already evaluated.');
  if (phase !== 'evaluation') {
    throw new DomainError('ILLEGAL_TRANSITION', 'Hold the process evaluation after the report is written.');
  }
  return { ...s, evaluated: true };
}

/** Work recorded along the way, each allowed in some phases only. */
export type ContactCircleActivity =
  | 'edit_details'
  | 'arrange_meeting'
  | 'invite'
  | 'record_observation'
  | 'add_action'
  | 'update_action';

const ALLOWED: Record<ContactCircleActivity, readonly ContactCirclePhase[]> = {
  edit_details: ['step_1', 'step_2', 'step_3', 'step_4', 'step_5', 'report', 'evaluation'],
  // Time and place may already go into the invitation drafted in step 1.
  arrange_meeting: ['step_1', 'step_2', 'step_3'],
  // Chosen in step 2; "depending on what is going on" the circle may be supplemented until the meeting.
  invite: ['step_2', 'step_3'],
  record_observation: ['step_4', 'step_5'],
  add_action: ['step_4', 'step_5'],
  // Actions are followed up until the circle is closed.
  update_action: ['step_4', 'step_5', 'report', 'evaluation'],
};

const DESCRIPTION: Record<ContactCircleActivity, string> = {
  edit_details: 'change the incident details',
  arrange_meeting: 'record the meeting',
  invite: 'change who is invited',
  record_observation: 'record a signal or need',
  add_action: 'add an action',
  update_action: 'change an action',
};

const PHASE_TEXT: Record<ContactCirclePhase, string> = {
  step_1: 'step 1',
  step_2: 'step 2',
  step_3: 'step 3',
  step_4: 'step 4',
  step_5: 'step 5',
  report: 'the report',
  evaluation: 'the evaluation',
  closed: 'closed',
};

export function contactCircleAllows(s: ContactCircleState, activity: ContactCircleActivity): boolean {
  return ALLOWED[activity].includes(phaseOf(s));
}

/** Refuses (409) an activity the circle's phase does not allow, naming when it is allowed. */
export function assertContactCircleAllows(s: ContactCircleState, activity: ContactCircleActivity): void {
  if (contactCircleAllows(s, activity)) return;
  const phase = phaseOf(s);
  const why =
    phase === 'closed'
      ? 'the contact circle is closed'
      : `the contact circle is at ${PHASE_TEXT[phase]} (allowed at: ${ALLOWED[activity].map((p) => PHASE_TEXT[p]).join(', ')})`;
  throw new DomainError('CONFLICT', `You cannot ${DESCRIPTION[activity]}: ${why}.`);
}
