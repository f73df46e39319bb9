import { describe, expect, it } from 'vitest';
import {
  assertContactCircleAllows,
  CONTACT_CIRCLE_STEPS,
  type ContactCircleActivity,
  type ContactCircleFacts,
  type ContactCircleState,
  completeStep,
  contactCircleAllows,
  currentStep,
  phaseOf,
  writeEvaluation,
  writeReport,
} from './contact-circle.js';
import { DomainError } from './errors.js';

const START: ContactCircleState = { completedSteps: 0, reported: false, evaluated: false };
const DONE_WORK: ContactCircleFacts = { invitees: 3, meetingArranged: true, observations: 2 };

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
}

function stepsDone(steps: number, extra: Partial<ContactCircleState> = {}): ContactCircleState {
  return { ...START, completedSteps: steps, ...extra };
}

describe('contact circle steps', () => {
  it('has the five steps of 001 in order', () => {
    expect(CONTACT_CIRCLE_STEPS.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    expect(CONTACT_CIRCLE_STEPS.map((s) => s.key)).toEqual([
      'align_and_invite',
      'choose_contacts',
      'arrange_meeting',
      'collect_signals',
      'carry_out_actions',
    ]);
  });

  it('walks from step 1 through the report and the evaluation to closed', () => {
    let s = START;
    const phases = [phaseOf(s)];
    for (let step = 1; step <= 5; step++) {
      expect(currentStep(s)).toBe(step);
      s = completeStep(s, step, DONE_WORK);
      phases.push(phaseOf(s));
    }
    expect(currentStep(s)).toBeNull();
    s = writeReport(s);
    phases.push(phaseOf(s));
    s = writeEvaluation(s);
    phases.push(phaseOf(s));
    expect(phases).toEqual(['step_1', 'step_2', 'step_3', 'step_4', 'step_5', 'report', 'evaluation', 'closed']);
  });

  it('allows only the next step: any other is an illegal transition (409)', () => {
    for (let done = 0; done <= 5; done++) {
      for (let step = 1; step <= 5; step++) {
        const code = codeOf(() => completeStep(stepsDone(done), step, DONE_WORK));
        expect(code, `${done} done, complete ${step}`).toBe(step === done + 1 ? null : 'ILLEGAL_TRANSITION');
      }
    }
  });

  it('does not change the state it is given', () => {
    const s = stepsDone(1);
    completeStep(s, 2, DONE_WORK);
    expect(s.completedSteps).toBe(1);
  });

  it('refuses a step whose work is missing (422), naming what is missing', () => {
    const none: ContactCircleFacts = { invitees: 0, meetingArranged: false, observations: 0 };
    expect(completeStep(START, 1, none).completedSteps).toBe(1);
    const cases: Array<[number, string]> = [
      [2, '/invitees'],
      [3, '/meeting'],
      [4, '/signalsAndNeeds'],
    ];
    for (const [step, pointer] of cases) {
      try {
        completeStep(stepsDone(step - 1), step, none);
        expect.unreachable();
      } catch (e) {
        expect((e as DomainError).code).toBe('BUSINESS_RULE');
        expect((e as DomainError).extra.fields?.[0]?.pointer).toBe(pointer);
      }
    }
    // Step 5 records what was set out; actions may also have been carried out without a record.
    expect(completeStep(stepsDone(4), 5, none).completedSteps).toBe(5);
  });

  it('checks the order before the work: an early step is 409 even when its work is missing', () => {
    expect(codeOf(() => completeStep(START, 3, { invitees: 0, meetingArranged: false, observations: 0 }))).toBe(
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('report and evaluation', () => {
  it('allows the report only after step 5, and again until the evaluation', () => {
    for (let done = 0; done < 5; done++) expect(codeOf(() => writeReport(stepsDone(done)))).toBe('ILLEGAL_TRANSITION');
    expect(writeReport(stepsDone(5)).reported).toBe(true);
    expect(writeReport(stepsDone(5, { reported: true })).reported).toBe(true);
    expect(codeOf(() => writeReport(stepsDone(5, { reported: true, evaluated: true })))).toBe('ILLEGAL_TRANSITION');
  });

  it('allows the evaluation only after the report, once', () => {
    for (let done = 0; done <= 5; done++)
      expect(codeOf(() => writeEvaluation(stepsDone(done)))).toBe('ILLEGAL_TRANSITION');
    expect(phaseOf(writeEvaluation(stepsDone(5, { reported: true })))).toBe('closed');
    expect(codeOf(() => writeEvaluation(stepsDone(5, { reported: true, evaluated: true })))).toBe('ILLEGAL_TRANSITION');
  });

  it('completes no step once the circle is past its steps or closed', () => {
    expect(codeOf(() => completeStep(stepsDone(5, { reported: true }), 5, DONE_WORK))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(() => completeStep(stepsDone(5, { reported: true, evaluated: true }), 1, DONE_WORK))).toBe(
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('what may be recorded when', () => {
  const states: Record<string, ContactCircleState> = {
    step_1: stepsDone(0),
    step_2: stepsDone(1),
    step_3: stepsDone(2),
    step_4: stepsDone(3),
    step_5: stepsDone(4),
    report: stepsDone(5),
    evaluation: stepsDone(5, { reported: true }),
    closed: stepsDone(5, { reported: true, evaluated: true }),
  };
  const expected: Record<ContactCircleActivity, string[]> = {
    edit_details: ['step_1', 'step_2', 'step_3', 'step_4', 'step_5', 'report', 'evaluation'],
    arrange_meeting: ['step_1', 'step_2', 'step_3'],
    invite: ['step_2', 'step_3'],
    record_observation: ['step_4', 'step_5'],
    add_action: ['step_4', 'step_5'],
    update_action: ['step_4', 'step_5', 'report', 'evaluation'],
  };

  for (const [activity, phases] of Object.entries(expected) as Array<[ContactCircleActivity, string[]]>) {
    it(`allows ${activity} in ${phases.join(', ')} only`, () => {
      for (const [phase, s] of Object.entries(states)) {
        expect(phaseOf(s)).toBe(phase);
        expect(contactCircleAllows(s, activity), `${activity} at ${phase}`).toBe(phases.includes(phase));
        expect(codeOf(() => assertContactCircleAllows(s, activity))).toBe(phases.includes(phase) ? null : 'CONFLICT');
      }
    });
  }

  it('changes nothing once closed', () => {
    const closed = states.closed as ContactCircleState;
    for (const activity of Object.keys(expected) as ContactCircleActivity[]) {
      expect(contactCircleAllows(closed, activity)).toBe(false);
    }
  });
});
