import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { ASPECTS, EVALUATION_KINDS } from './catalogue-data.js';

export const PLAN_STATUSES = ['draft', 'adopted', 'reported'] as const;
export const LINE_STATUSES = ['planned', 'running', 'done', 'cancelled'] as const;

const isoDate = calendarDate();
const listControls = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
const text = (max: number) => z.string().trim().min(1).max(max);
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, 'List each value once.');
/** Euro cents, up to a billion euros. */
const cents = z.number().int().min(0).max(100_000_000_000);
const count = z.number().int().min(0).max(1_000_000);
const year = z.coerce.number().int().min(2000).max(2100);

// Action lines and the intervention catalogue ---------------------------------------------------------

export const ProtectiveFactor = z
  .object({ code: z.number().int().min(1).max(10), label: z.string() })
  .meta({ id: 'ProtectiveFactor', description: 'One of the NJI top ten protective factors.' });

export const ActionLine = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    aspects: z.array(z.enum(ASPECTS)),
    interventionCount: z.number().int(),
  })
  .meta({ id: 'ActionLine' });

const ActionLineRef = z.object({ id: z.uuid(), number: z.number().int(), title: z.string() });

export const Intervention = z
  .object({
    id: z.uuid(),
    code: z.string().nullable(),
    actionLine: ActionLineRef,
    theme: z.string().nullable(),
    name: z.string(),
    goal: z.string(),
    targetGroupDirect: z.string(),
    targetGroupIndirect: z.string().nullable(),
    execution: z.string(),
    provider: z.string(),
    protectiveFactors: z.array(ProtectiveFactor),
    aspects: z.array(z.enum(ASPECTS)),
    evaluationTypes: z.array(z.enum(EVALUATION_KINDS)),
    evaluationNote: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ProgrammeIntervention' });

export const InterventionQuery = z.strictObject({
  ...listControls,
  actionLine: z.coerce.number().int().min(1).max(99).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** Only interventions with this aspect (signalling, preventing, intervening). */
  aspect: z.enum(ASPECTS).optional(),
  /** Searches the direct and indirect target group only. */
  targetGroup: z.string().trim().min(1).max(200).optional(),
  /** Only interventions that address this NJI protective factor (1–10). */
  protectiveFactor: z.coerce.number().int().min(1).max(10).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const interventionFields = {
  actionLine: z.number().int().min(1).max(99),
  code: z
    .string()
    .regex(/^[a-z0-9-]{2,60}$/, 'Lowercase letters, digits and hyphens, 2 to 60')
    .nullable()
    .optional(),
  theme: text(200).nullable().optional(),
  name: text(200),
  goal: text(10_000),
  targetGroupDirect: text(5000),
  targetGroupIndirect: text(5000).nullable().optional(),
  execution: text(10_000),
  provider: text(500),
  protectiveFactors: uniqueList(z.number().int().min(1).max(10), 10).default([]),
  aspects: uniqueList(z.enum(ASPECTS), 3).default([]),
  evaluationTypes: uniqueList(z.enum(EVALUATION_KINDS), 3).default([]),
  evaluationNote: text(2000).nullable().optional(),
};

export const InterventionCreate = z.strictObject(interventionFields);

export const InterventionUpdate = z.strictObject({
  actionLine: interventionFields.actionLine.optional(),
  theme: interventionFields.theme,
  name: interventionFields.name.optional(),
  goal: interventionFields.goal.optional(),
  targetGroupDirect: interventionFields.targetGroupDirect.optional(),
  targetGroupIndirect: interventionFields.targetGroupIndirect,
  execution: interventionFields.execution.optional(),
  provider: interventionFields.provider.optional(),
  protectiveFactors: uniqueList(z.number().int().min(1).max(10), 10).optional(),
  aspects: uniqueList(z.enum(ASPECTS), 3).optional(),
  evaluationTypes: uniqueList(z.enum(EVALUATION_KINDS), 3).optional(),
  evaluationNote: interventionFields.evaluationNote,
  active: z.boolean().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

// Implementation plans -------------------------------------------------------------------------------

const MunicipalityRef = z.object({ id: z.uuid(), name: z.string() });
const InterventionRef = z.object({ id: z.uuid(), name: z.string(), actionLine: z.number().int() });

export const ImplementationPlanLine = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    intervention: InterventionRef,
    plannedCount: z.number().int(),
    actualCount: z.number().int().nullable(),
    budgetCents: z.number().int(),
    status: z.enum(LINE_STATUSES),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ImplementationPlanLine', description: 'An intervention in a plan; amounts in euro cents.' });

const planSummaryFields = {
  id: z.uuid(),
  municipality: MunicipalityRef,
  year: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  budgetTotalCents: z.number().int().nullable(),
  /** The sum of the budgets of the lines that are not cancelled. */
  linesBudgetCents: z.number().int(),
  lineCount: z.number().int(),
  /** Whether the signed-in user may change the plan (own municipality and programme:work). */
  canEdit: z.boolean(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
};

export const ImplementationPlanSummary = z.object(planSummaryFields).meta({ id: 'ImplementationPlanSummary' });

export const ImplementationPlan = z
  .object({
    ...planSummaryFields,
    note: z.string().nullable(),
    lines: z.array(ImplementationPlanLine),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ImplementationPlan' });

export const PlanQuery = z.strictObject({
  ...listControls,
  year: year.optional(),
  municipalityId: z.uuid().optional(),
});

export const PlanCreate = z.strictObject({
  municipalityId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  budgetTotalCents: cents.nullable().optional(),
  note: text(10_000).nullable().optional(),
});

export const PlanUpdate = z.strictObject({
  status: z.enum(PLAN_STATUSES).optional(),
  budgetTotalCents: cents.nullable().optional(),
  note: text(10_000).nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const PlanLineCreate = z.strictObject({
  interventionId: z.uuid(),
  plannedCount: count,
  actualCount: count.nullable().optional(),
  budgetCents: cents,
  status: z.enum(LINE_STATUSES).default('planned'),
  note: text(5000).nullable().optional(),
});

export const PlanLineUpdate = z.strictObject({
  plannedCount: count.optional(),
  actualCount: count.nullable().optional(),
  budgetCents: cents.optional(),
  status: z.enum(LINE_STATUSES).optional(),
  note: text(5000).nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

const Figures = z.object({
  plannedCount: z.number().int(),
  actualCount: z.number().int(),
  budgetCents: z.number().int(),
});

export const DistrictComparison = z
  .object({
    year: z.number().int(),
    district: z.string(),
    municipalities: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        isCoordinating: z.boolean(),
        plan: z
          .object({
            id: z.uuid(),
            status: z.enum(PLAN_STATUSES),
            budgetTotalCents: z.number().int().nullable(),
          })
          .nullable(),
        totals: Figures,
      }),
    ),
    interventions: z.array(
      z.object({
        intervention: InterventionRef,
        cells: z.array(
          z.object({
            municipalityId: z.uuid(),
            plannedCount: z.number().int(),
            actualCount: z.number().int().nullable(),
            budgetCents: z.number().int(),
            status: z.enum(LINE_STATUSES),
          }),
        ),
        totals: Figures,
      }),
    ),
    actionLines: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        cells: z.array(Figures.extend({ municipalityId: z.uuid() })),
        totals: Figures,
      }),
    ),
    totals: Figures,
  })
  .meta({
    id: 'DistrictComparison',
    description:
      'Per municipality of the district and per intervention: planned and actual numbers of activities and ' +
      'budgets (euro cents). Totals leave out cancelled lines; a missing actual count counts as 0.',
  });

export const ComparisonQuery = z.strictObject({ year });

// Evaluations ----------------------------------------------------------------------------------------

export const FollowUpAction = z
  .object({
    text: text(2000),
    owner: text(200).nullable().optional(),
    dueOn: isoDate.nullable().optional(),
    done: z.boolean(),
  })
  .strict();

const FollowUpActionOut = z.object({
  text: z.string(),
  owner: z.string().nullable(),
  dueOn: isoDate.nullable(),
  done: z.boolean(),
});

export const Evaluation = z
  .object({
    id: z.uuid(),
    intervention: InterventionRef,
    kind: z.enum(EVALUATION_KINDS),
    title: z.string(),
    conductedOn: isoDate,
    findings: z.string(),
    followUpActions: z.array(FollowUpActionOut),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ProgrammeEvaluation' });

export const EvaluationQuery = z.strictObject({
  ...listControls,
  interventionId: z.uuid().optional(),
  kind: z.enum(EVALUATION_KINDS).optional(),
});

export const EvaluationCreate = z.strictObject({
  interventionId: z.uuid(),
  kind: z.enum(EVALUATION_KINDS),
  title: text(300),
  conductedOn: isoDate,
  findings: text(50_000),
  followUpActions: z.array(FollowUpAction).max(100).default([]),
});

export const EvaluationUpdate = z.strictObject({
  kind: z.enum(EVALUATION_KINDS).optional(),
  title: text(300).optional(),
  conductedOn: isoDate.optional(),
  findings: text(50_000).optional(),
  followUpActions: z.array(FollowUpAction).max(100).optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});
