import { z } from 'zod';
import { calendarDate } from '../../core/input.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const InclusionCriterion = z
  .object({
    id: z.uuid(),
    code: z.string(),
    labelNl: z.string(),
    labelEn: z.string(),
    sort: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'InclusionCriterion' });
export const InclusionCriterionList = z
  .object({ items: z.array(InclusionCriterion) })
  .meta({ id: 'InclusionCriterionList' });
export const InclusionCriterionListQuery = z.strictObject({
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const InclusionCriterionCreate = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9_]{2,60}$/, 'Use 2–60 lower-case letters, digits or underscores.')
    .describe('Stable code, e.g. "threat_to_safety"'),
  labelNl: text(500),
  labelEn: text(500),
  sort: z.number().int().min(0).max(10000).optional(),
});
export const InclusionCriterionUpdate = z.strictObject({
  labelNl: text(500).optional(),
  labelEn: text(500).optional(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1).max(2147483647),
});

/** The weging that goes with a triage decision to open a case. */
export const InclusionInput = z.strictObject({
  decidedOn: calendarDate().optional().describe('The day of the weging; defaults to today'),
  criteria: z
    .array(
      z.strictObject({
        criterionId: z.uuid(),
        reasons: z.string().trim().max(4000).describe('Why this criterion applies to the person'),
      }),
    )
    .max(20),
  participantOrganisationIds: z
    .array(z.uuid())
    .max(20)
    .describe(
      'The organisations that took part in the weging: at least the municipality, the police and the public prosecutor',
    ),
});

const Ref = z.object({ id: z.uuid(), name: z.string() });
export const Inclusion = z
  .object({
    id: z.uuid(),
    decidedOn: calendarDate(),
    criteria: z.array(
      z.object({
        criterion: InclusionCriterion.pick({ id: true, code: true, labelNl: true, labelEn: true }),
        reasons: z.string(),
      }),
    ),
    participants: z.array(Ref.extend({ type: z.string() })),
    recordedBy: Ref,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'InclusionDecision' });
