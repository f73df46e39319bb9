import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { FRAMEWORK_DOMAINS } from './catalogue.js';

export const CONCERN_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export const RATINGS = ['not_observed', 'present', 'strongly_present', 'unknown'] as const;
export const ASSESSMENT_STATUSES = ['draft', 'final'] as const;

const isoDate = calendarDate();

// Frameworks -----------------------------------------------------------------------------------------

export const FrameworkFactor = z
  .object({
    id: z.uuid(),
    domain: z.enum(FRAMEWORK_DOMAINS),
    code: z.string(),
    labelNl: z.string(),
    labelEn: z.string(),
    guidance: z.string().nullable(),
  })
  .meta({ id: 'FrameworkFactor' });

export const AssessmentFramework = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    active: z.boolean(),
    /** Factors in the order of the framework (domain, then position); there is no weight. */
    factors: z.array(FrameworkFactor),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'AssessmentFramework' });

export const FrameworkListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const FactorInput = z.strictObject({
  domain: z.enum(FRAMEWORK_DOMAINS),
  code: z
    .string()
    .regex(/^[a-z0-9_]{2,60}$/, 'Lowercase letters, digits and underscores, 2 to 60')
    .optional(),
  labelNl: z.string().trim().min(1).max(300),
  labelEn: z.string().trim().min(1).max(300),
  guidance: z.string().trim().max(2000).nullable().optional(),
});

export const FrameworkCreate = z
  .strictObject({
    name: z.string().trim().min(1).max(300),
    description: z.string().trim().max(5000).nullable().optional(),
    factors: z.array(FactorInput).min(1).max(200),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.factors.forEach((f, i) => {
      if (!f.code) return;
      if (seen.has(f.code)) {
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'code'], message: 'Each factor needs its own code.' });
      }
      seen.add(f.code);
    });
  });

export const FrameworkUpdate = z.strictObject({
  name: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

// Assessments ----------------------------------------------------------------------------------------

export const AssessmentRating = z
  .object({
    factorId: z.uuid(),
    domain: z.enum(FRAMEWORK_DOMAINS),
    code: z.string(),
    labelNl: z.string(),
    labelEn: z.string(),
    rating: z.enum(RATINGS),
    evidence: z.string().nullable(),
    sourceOrganisationId: z.uuid().nullable(),
    sourceOrganisationName: z.string().nullable(),
    observedOn: isoDate.nullable(),
  })
  .meta({ id: 'AssessmentRating' });

const Assessor = z.object({
  userId: z.uuid(),
  name: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
});

/**
 * A structured professional judgement. It carries no score, total, weight, suggested level or
 * colour: the concern level is what the assessor chose (AI Act art. 5(1)(d), AVG art. 22).
 */
export const Assessment = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    caseId: z.uuid().nullable(),
    signalId: z.uuid().nullable(),
    frameworkId: z.uuid(),
    frameworkName: z.string(),
    sequence: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    concernLevel: z.enum(CONCERN_LEVELS).nullable(),
    rationale: z.string().nullable(),
    assessedOn: isoDate,
    assessor: Assessor,
    ratings: z.array(AssessmentRating),
    finalisedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Assessment' });

/** One version in a person's trend: the list over time is the trend (no line is computed). */
export const AssessmentSummary = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    caseId: z.uuid().nullable(),
    signalId: z.uuid().nullable(),
    frameworkName: z.string(),
    sequence: z.number().int(),
    status: z.enum(ASSESSMENT_STATUSES),
    concernLevel: z.enum(CONCERN_LEVELS).nullable(),
    assessedOn: isoDate,
    assessor: Assessor,
    finalisedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AssessmentSummary' });

export const AssessmentCreate = z.strictObject({
  personId: z.uuid(),
  caseId: z.uuid().optional(),
  signalId: z.uuid().optional(),
  frameworkId: z.uuid(),
  assessedOn: isoDate,
});

const RatingInput = z.strictObject({
  factorId: z.uuid(),
  rating: z.enum(RATINGS),
  evidence: z.string().trim().max(10000).nullable().optional(),
  sourceOrganisationId: z.uuid().nullable().optional(),
  observedOn: isoDate.nullable().optional(),
});

export const AssessmentUpdate = z
  .strictObject({
    ratings: z.array(RatingInput).max(500),
    concernLevel: z.enum(CONCERN_LEVELS).nullable().optional(),
    rationale: z.string().max(20000).nullable().optional(),
    assessedOn: isoDate.optional(),
    version: z.number().int().min(1).max(INT4_MAX),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.ratings.forEach((r, i) => {
      if (seen.has(r.factorId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratings', i, 'factorId'],
          message: 'Each factor is rated at most once.',
        });
      }
      seen.add(r.factorId);
    });
  });

export const VersionBody = z.strictObject({ version: z.number().int().min(1).max(INT4_MAX) });

export const PersonAssessmentsQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
