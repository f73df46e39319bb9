import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { ORGANISATION_TYPES } from '../organisations/schemas.js';
import { TARGET_GROUPS, TOOLBOX_CATEGORIES } from './catalogue.js';

export const PLAN_STATUSES = ['draft', 'adopted'] as const;
export const INTERVENTION_STATUSES = ['planned', 'active', 'completed', 'stopped'] as const;
export const EVALUATION_KINDS = ['plan', 'process', 'effect'] as const;
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

const isoDate = calendarDate();
const listControls = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

// Toolbox (instrumentenkoffer) ----------------------------------------------------------------------

export const ToolboxItem = z
  .object({
    id: z.uuid(),
    code: z.string(),
    nameNl: z.string(),
    nameEn: z.string(),
    description: z.string().nullable(),
    category: z.enum(TOOLBOX_CATEGORIES),
    targetGroups: z.array(z.enum(TARGET_GROUPS)),
    organisationTypes: z.array(z.enum(ORGANISATION_TYPES)),
    legalBasis: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'ToolboxItem' });

export const ToolboxQuery = z.strictObject({
  ...listControls,
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  organisationType: z.enum(ORGANISATION_TYPES).optional(),
  category: z.enum(TOOLBOX_CATEGORIES).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

const unique = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1)
    .max(20)
    .refine((a) => new Set(a).size === a.length, 'List each value once.');

export const ToolboxCreate = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{2,60}$/, 'Lowercase letters, digits and underscores, 2 to 60'),
  nameNl: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).nullable().optional(),
  category: z.enum(TOOLBOX_CATEGORIES),
  targetGroups: unique(z.enum(TARGET_GROUPS)),
  organisationTypes: unique(z.enum(ORGANISATION_TYPES)),
  legalBasis: z.string().trim().max(1000).nullable().optional(),
});

export const ToolboxUpdate = z.strictObject({
  nameNl: z.string().trim().min(1).max(300).optional(),
  nameEn: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(5000).nullable().optional(),
  category: z.enum(TOOLBOX_CATEGORIES).optional(),
  targetGroups: unique(z.enum(TARGET_GROUPS)).optional(),
  organisationTypes: unique(z.enum(ORGANISATION_TYPES)).optional(),
  legalBasis: z.string().trim().max(1000).nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

// Plans, interventions, evaluations ----------------------------------------------------------------

export const PlanGoal = z.object({ id: z.uuid(), text: z.string() }).meta({ id: 'PlanGoal' });

export const PlanIntervention = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    caseId: z.uuid(),
    toolboxItem: z.object({
      id: z.uuid(),
      code: z.string(),
      nameNl: z.string(),
      nameEn: z.string(),
      category: z.enum(TOOLBOX_CATEGORIES),
    }),
    goal: z.string().nullable(),
    responsibleOrganisationId: z.uuid(),
    responsibleOrganisationName: z.string(),
    responsibleUserId: z.uuid().nullable(),
    responsibleUserName: z.string().nullable(),
    status: z.enum(INTERVENTION_STATUSES),
    startsOn: isoDate.nullable(),
    endsOn: isoDate.nullable(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PlanIntervention' });

export const Plan = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    targetGroup: z.enum(TARGET_GROUPS),
    status: z.enum(PLAN_STATUSES),
    problemAnalysis: z.string().nullable(),
    goals: z.array(PlanGoal),
    nextReviewOn: isoDate.nullable(),
    adoptedAt: z.iso.datetime().nullable(),
    interventions: z.array(PlanIntervention),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Plan' });

const GoalInput = z.strictObject({
  id: z.uuid().optional(),
  text: z.string().trim().min(1).max(2000),
});
const goalsInput = z
  .array(GoalInput)
  .max(50)
  .superRefine((goals, ctx) => {
    const seen = new Set<string>();
    goals.forEach((g, i) => {
      if (!g.id) return;
      if (seen.has(g.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'Each goal appears once.' });
      seen.add(g.id);
    });
  });

export const PlanCreate = z.strictObject({
  problemAnalysis: z.string().trim().max(50000).nullable().optional(),
  goals: goalsInput.optional(),
  nextReviewOn: isoDate.nullable().optional(),
});

export const PlanUpdate = z.strictObject({
  problemAnalysis: z.string().trim().max(50000).nullable(),
  goals: goalsInput,
  nextReviewOn: isoDate.nullable(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const VersionBody = z.strictObject({ version: z.number().int().min(1).max(INT4_MAX) });

export const InterventionCreate = z.strictObject({
  toolboxItemId: z.uuid(),
  goal: z.string().trim().max(2000).nullable().optional(),
  responsibleOrganisationId: z.uuid(),
  responsibleUserId: z.uuid().nullable().optional(),
  startsOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
});

export const InterventionUpdate = z.strictObject({
  status: z.enum(INTERVENTION_STATUSES).optional(),
  goal: z.string().trim().max(2000).nullable().optional(),
  responsibleOrganisationId: z.uuid().optional(),
  responsibleUserId: z.uuid().nullable().optional(),
  startsOn: isoDate.nullable().optional(),
  endsOn: isoDate.nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const InterventionEvaluation = z
  .object({
    id: z.uuid(),
    planInterventionId: z.uuid(),
    kind: z.enum(EVALUATION_KINDS),
    findings: z.string(),
    authorId: z.uuid(),
    authorName: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'InterventionEvaluation' });

export const EvaluationCreate = z.strictObject({
  kind: z.enum(EVALUATION_KINDS),
  findings: z.string().trim().min(1).max(20000),
});

export const PageQuery = z.strictObject(listControls);

// Actions and progress notes ---------------------------------------------------------------------------

export const Action = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    planInterventionId: z.uuid().nullable(),
    agendaItemId: z.uuid().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    ownerOrganisationId: z.uuid(),
    ownerOrganisationName: z.string(),
    ownerUserId: z.uuid().nullable(),
    ownerUserName: z.string().nullable(),
    dueOn: isoDate,
    status: z.enum(ACTION_STATUSES),
    /** Open or in progress and past its due date (Europe/Amsterdam). */
    overdue: z.boolean(),
    completedAt: z.iso.datetime().nullable(),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Action' });

export const ActionCreate = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(10000).nullable().optional(),
  ownerOrganisationId: z.uuid(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: isoDate,
  planInterventionId: z.uuid().nullable().optional(),
});

export const ActionUpdate = z.strictObject({
  status: z.enum(ACTION_STATUSES).optional(),
  dueOn: isoDate.optional(),
  ownerUserId: z.uuid().nullable().optional(),
  title: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(10000).nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const ActionListQuery = z.strictObject({
  ...listControls,
  status: z.enum(ACTION_STATUSES).optional(),
});

export const ActionNote = z
  .object({
    id: z.uuid(),
    actionId: z.uuid(),
    authorId: z.uuid(),
    authorName: z.string(),
    authorOrganisationName: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ActionNote' });

export const NoteCreate = z.strictObject({ body: z.string().trim().min(1).max(10000) });
