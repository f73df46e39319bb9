import { z } from 'zod';
import { calendarDate } from '../../core/input.js';
import {
  INCLUSION_REVIEW_OUTCOMES,
  INFORMING_GROUNDS,
  INFORMING_METHODS,
  RETENTION_DECISIONS,
} from '../../core/wgpa.js';
import { Inclusion } from '../triage/inclusion-schemas.js';

const Ref = z.object({ id: z.uuid(), name: z.string() });
const text = (max: number) => z.string().trim().max(max);

export const InformingRecordCreate = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('informed'),
    informedOn: calendarDate().describe('When the person was informed'),
    method: z.enum(INFORMING_METHODS),
    informedBy: text(200).describe('Who informed the person (name and organisation)'),
  }),
  z.strictObject({
    outcome: z.literal('deferred'),
    legalGround: z.enum(INFORMING_GROUNDS),
    reasons: text(4000),
    reconsiderOn: calendarDate().describe('When informing is reconsidered; comes back on the priority list'),
  }),
]);

export const InformingRecord = z
  .object({
    id: z.uuid(),
    outcome: z.enum(['informed', 'deferred']),
    informedOn: calendarDate().nullable(),
    method: z.enum(INFORMING_METHODS).nullable(),
    informedBy: z.string().nullable(),
    legalGround: z.enum(INFORMING_GROUNDS).nullable(),
    reasons: z.string().nullable(),
    reconsiderOn: calendarDate().nullable(),
    recordedBy: Ref,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'InformingRecord' });

export const InclusionReviewCreate = z.strictObject({
  reviewedOn: calendarDate(),
  outcome: z.enum(INCLUSION_REVIEW_OUTCOMES),
  reasons: text(4000),
});

export const InclusionReview = z
  .object({
    id: z.uuid(),
    reviewedOn: calendarDate(),
    outcome: z.enum(INCLUSION_REVIEW_OUTCOMES),
    reasons: z.string(),
    reviewedBy: Ref,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'InclusionReview' });

export const CaseSafeguards = z
  .object({
    caseId: z.uuid(),
    inclusion: Inclusion.nullable().describe('null for a case opened before the weging was recorded in Schakel'),
    informing: InformingRecord.nullable().describe('The newest informing record; null when none is recorded yet'),
    informingHistory: z.array(InformingRecord),
    informingDue: z.boolean().describe('A deferral whose date to reconsider has come'),
    inclusionReviews: z.array(InclusionReview),
    nextInclusionReviewOn: calendarDate().nullable(),
    inclusionReviewDue: z.boolean(),
    retention: z
      .object({
        decision: z.enum(RETENTION_DECISIONS),
        reasons: z.string(),
        months: z.number().int().nullable(),
      })
      .nullable()
      .describe('Recorded at definitive closing'),
    canRecord: z.boolean().describe('Whether you may record informing and reviews for this case'),
  })
  .meta({ id: 'CaseSafeguards' });
