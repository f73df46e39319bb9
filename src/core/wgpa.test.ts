import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkInclusion,
  checkInclusionReview,
  checkInforming,
  checkRetentionDecision,
  nextInclusionReviewOn,
} from './wgpa.js';

const codes = (issues: Array<{ pointer: string; code: string }>) => issues.map((i) => `${i.pointer}:${i.code}`);

describe('Wgpa safeguards', () => {
  it('an inclusion needs criteria with reasons and gemeente, politie and OM', () => {
    const ok = checkInclusion({
      criteria: [{ criterionId: 'a', reasons: 'Uitingen op sociale media' }],
      participantTypes: ['municipality', 'police', 'public_prosecutor', 'mental_health'],
    });
    expect(ok).toEqual([]);
    expect(
      codes(
        checkInclusion(
          {
            criteria: [
              { criterionId: 'a', reasons: ' ' },
              { criterionId: 'a', reasons: 'x' },
            ],
            participantTypes: ['municipality', null],
          },
          '/inclusion',
        ),
      ),
    ).toEqual([
      '/inclusion/criteria/0/reasons:required',
      '/inclusion/criteria/1/criterionId:duplicate',
      '/inclusion/participantOrganisationIds/1:invalid_reference',
      '/inclusion/participantOrganisationIds:parties_missing',
    ]);
    expect(
      codes(checkInclusion({ criteria: [], participantTypes: ['municipality', 'police', 'public_prosecutor'] })),
    ).toEqual(['/criteria:required']);
  });

  it('informing: informed needs date, how and who; deferred needs a ground, reasons and a future date within a year', () => {
    const today = '2026-12-07';
    expect(
      checkInforming(
        { outcome: 'informed', informedOn: '2026-12-01', method: 'letter', informedBy: 'C. Coördinator' },
        today,
      ),
    ).toEqual([]);
    expect(codes(checkInforming({ outcome: 'informed', informedOn: '2027-01-01' }, today))).toEqual([
      '/method:required',
      '/informedBy:required',
      '/informedOn:in_future',
    ]);
    expect(codes(checkInforming({ outcome: 'deferred', reasons: 'Lopend onderzoek' }, today))).toEqual([
      '/legalGround:required',
      '/reconsiderOn:required',
    ]);
    expect(
      codes(
        checkInforming(
          { outcome: 'deferred', legalGround: 'safety_of_others', reasons: 'x', reconsiderOn: '2026-12-07' },
          today,
        ),
      ),
    ).toEqual(['/reconsiderOn:not_in_future']);
    expect(
      codes(
        checkInforming(
          { outcome: 'deferred', legalGround: 'safety_of_others', reasons: 'x', reconsiderOn: '2028-01-01' },
          today,
        ),
      ),
    ).toEqual(['/reconsiderOn:too_far']);
  });

  it('a review needs reasons and a date that has come; the next one follows the interval unless the case closes', () => {
    expect(codes(checkInclusionReview({ reviewedOn: '2026-12-08', reasons: '' }, '2026-12-07'))).toEqual([
      '/reasons:required',
      '/reviewedOn:in_future',
    ]);
    expect(nextInclusionReviewOn('stays', '2026-01-31', 1)).toBe('2026-02-28');
    expect(nextInclusionReviewOn('de_escalate', '2026-12-07', 12)).toBe('2027-12-07');
    expect(nextInclusionReviewOn('close', '2026-12-07', 12)).toBeNull();
  });

  it('the retention decision at closing has reasons, and a shortened term is shorter than five years', () => {
    expect(checkRetentionDecision({ retentionDecision: 'keep', retentionReasons: 'Recidiverisico blijft' })).toEqual(
      [],
    );
    expect(codes(checkRetentionDecision({}))).toEqual(['/retentionDecision:required', '/retentionReasons:required']);
    expect(
      codes(checkRetentionDecision({ retentionDecision: 'shorten', retentionReasons: 'x', retentionMonths: 60 })),
    ).toEqual(['/retentionMonths:not_shorter']);
    expect(
      codes(checkRetentionDecision({ retentionDecision: 'keep', retentionReasons: 'x', retentionMonths: 12 })),
    ).toEqual(['/retentionMonths:only_when_shortened']);
  });

  it('adds months on the calendar', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
