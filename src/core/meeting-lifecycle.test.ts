import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  allowedMeetingTransitions,
  assertMeetingAllows,
  MEETING_STATUSES,
  type MeetingStatus,
  meetingAllows,
  nextMeetingStatus,
} from './meeting-lifecycle.js';

const LEGAL: Array<[MeetingStatus, MeetingStatus]> = [
  ['scheduled', 'in_progress'],
  ['scheduled', 'cancelled'],
  ['in_progress', 'held'],
  ['held', 'minutes_approved'],
];

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'other';
  }
}

describe('meeting lifecycle', () => {
  it('allows exactly the legal transitions', () => {
    for (const from of MEETING_STATUSES) {
      for (const to of MEETING_STATUSES) {
        const legal = LEGAL.some(([f, t]) => f === from && t === to);
        if (legal) expect(nextMeetingStatus(from, to)).toBe(to);
        else
          expect(
            codeOf(() => nextMeetingStatus(from, to)),
            `${from} → ${to}`,
          ).toBe('ILLEGAL_TRANSITION');
      }
    }
  });

  it('has final statuses', () => {
    expect(allowedMeetingTransitions('minutes_approved')).toEqual([]);
    expect(allowedMeetingTransitions('cancelled')).toEqual([]);
    expect(() => nextMeetingStatus('minutes_approved', 'held')).toThrow(/cannot change status any more/);
  });

  it('names the possible next statuses in the message', () => {
    expect(() => nextMeetingStatus('scheduled', 'held')).toThrow(/in_progress, cancelled/);
  });

  it('freezes everything once the minutes are approved or the meeting is cancelled', () => {
    for (const activity of [
      'edit_details',
      'add_agenda_item',
      'change_agenda_item',
      'remove_agenda_item',
      'record_attendance',
      'contribute',
      'judge',
      'decide',
      'draft_minutes',
    ] as const) {
      expect(meetingAllows('minutes_approved', activity)).toBe(false);
      expect(meetingAllows('cancelled', activity)).toBe(false);
      expect(codeOf(() => assertMeetingAllows('minutes_approved', activity))).toBe('CONFLICT');
    }
    expect(() => assertMeetingAllows('minutes_approved', 'draft_minutes')).toThrow(/approved/);
  });

  it('removes agenda items only before the meeting starts; decides only in or after it', () => {
    expect(meetingAllows('scheduled', 'remove_agenda_item')).toBe(true);
    expect(meetingAllows('in_progress', 'remove_agenda_item')).toBe(false);
    expect(meetingAllows('scheduled', 'decide')).toBe(false);
    expect(meetingAllows('in_progress', 'decide')).toBe(true);
    expect(meetingAllows('held', 'decide')).toBe(true);
    expect(meetingAllows('scheduled', 'contribute')).toBe(true);
    expect(meetingAllows('held', 'contribute')).toBe(false);
    expect(meetingAllows('scheduled', 'draft_minutes')).toBe(false);
    expect(meetingAllows('held', 'draft_minutes')).toBe(true);
  });
});
