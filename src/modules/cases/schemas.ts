import { z } from 'zod';
import { CONCERN_LEVELS, ESCALATION_LEVELS, PHASES, TRANSITION_KINDS } from '../../core/case-lifecycle.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { LEGAL_REGIMES } from '../../core/source-attribution.js';
import { RETENTION_DECISIONS } from '../../core/wgpa.js';

export const TARGET_GROUPS = [
  'radicalised',
  'recruiter',
  'intending_traveller',
  'stay_at_home',
  'departed',
  'returnee',
  'detainee',
  'family_member',
] as const;
export const IDEOLOGIES = ['jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear'] as const;
export const PRIORITIES = ['normal', 'high'] as const;
export const RELATIONS = ['parent', 'sibling', 'partner', 'child', 'network', 'other'] as const;
export const SCOPES = ['conference', 'process_director'] as const;
export const EVALUATION_KINDS = ['process', 'cooperation'] as const;
export const MEMBER_PURPOSES = ['partner', 'expert'] as const;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1).max(INT4_MAX);

// --- Shared parts ----------------------------------------------------------------------------------

export const NamedRef = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'CaseNamedRef' });

export const PersonSummary = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    namePrefix: z.string().nullable(),
    lastName: z.string(),
    /** "first prefix last", for display. */
    name: z.string(),
    dateOfBirth: calendarDate().nullable(),
  })
  .meta({ id: 'CasePersonSummary' });

export const RelatedPerson = z
  .object({
    person: PersonSummary,
    relation: z.enum(RELATIONS),
    note: z.string().nullable(),
    addedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseRelatedPerson' });

export const CaseMember = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    role: z.string(),
    organisationId: z.uuid(),
    purpose: z.enum(MEMBER_PURPOSES),
    addedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseMember' });

export const CaseOrganisation = z
  .object({
    organisationId: z.uuid(),
    name: z.string(),
    type: z.string(),
    /** Police (politie) or public prosecution (OM): their information is marked as such. */
    isPoliceOrProsecution: z.boolean(),
    /** The directing municipality's organisation always takes part. */
    isDirecting: z.boolean(),
    addedAt: z.iso.datetime(),
    members: z.array(CaseMember),
  })
  .meta({ id: 'CaseOrganisation' });

export const Contribution = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    meetingId: z.uuid().nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
    isPoliceOrProsecution: z.boolean(),
    author: NamedRef,
    body: z.string(),
    legalRegime: z.enum(LEGAL_REGIMES),
    legalRegimeReason: z.string().nullable().describe('Why a weaker regime than the organisation’s default'),
    scope: z.enum(SCOPES),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseContribution' });

export const TimelineEvent = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actor: NamedRef.nullable(),
    /** What happened, as a stable code (e.g. "organisation_added", "close_provisionally"). */
    kind: z.string(),
    /** The Dutch text of record. */
    summary: z.string(),
    /**
     * The parameters of `kind` (codes, names of organisations and staff, dates, counts), to show the
     * line in the interface language; null for lines written before they were recorded.
     */
    params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'CaseTimelineEvent' });

export const ConcernPoint = z
  .object({ assessedOn: calendarDate(), concernLevel: z.enum(CONCERN_LEVELS) })
  .meta({ id: 'CaseConcernPoint' });

export const Concern = z
  .object({
    /** The latest final assessment's level, chosen by the assessor; null when none is final yet. */
    level: z.enum(CONCERN_LEVELS).nullable(),
    /** Latest compared with the previous chosen level; null with fewer than two. */
    trend: z.enum(['up', 'down', 'same']).nullable(),
    /** Final assessments of the subject, oldest first. */
    history: z.array(ConcernPoint),
  })
  .meta({ id: 'CaseConcern' });

// --- Case -------------------------------------------------------------------------------------------

/** The case record itself, as returned by changes (PATCH, transitions, escalations). */
export const CaseRecord = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    subjectPersonId: z.uuid(),
    targetGroup: z.enum(TARGET_GROUPS),
    riskGroup: z.number().int().min(1).max(5).nullable(),
    ideology: z.enum(IDEOLOGIES),
    directingMunicipalityId: z.uuid(),
    processDirectorId: z.uuid(),
    caseCoordinatorId: z.uuid().nullable(),
    priority: z.enum(PRIORITIES),
    phase: z.enum(PHASES),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    openedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    closingKind: z.enum(['provisional', 'definitive']).nullable(),
    closingReason: z.string().nullable(),
    revisitOn: calendarDate().nullable(),
    nextReviewOn: calendarDate().nullable(),
    lastConferenceOn: calendarDate().nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseRecord' });

export const CaseListItem = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    subject: z.object({ id: z.uuid(), name: z.string() }),
    targetGroup: z.enum(TARGET_GROUPS),
    ideology: z.enum(IDEOLOGIES),
    priority: z.enum(PRIORITIES),
    phase: z.enum(PHASES),
    escalationLevel: z.enum(ESCALATION_LEVELS),
    directingMunicipality: NamedRef,
    nextReviewOn: calendarDate().nullable(),
    revisitOn: calendarDate().nullable(),
    openedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'CaseListItem' });

export const CaseDetail = CaseRecord.omit({
  subjectPersonId: true,
  directingMunicipalityId: true,
  processDirectorId: true,
  caseCoordinatorId: true,
})
  .extend({
    subject: PersonSummary,
    relatedPersons: z.array(RelatedPerson),
    directingMunicipality: NamedRef,
    processDirector: NamedRef,
    caseCoordinator: NamedRef.nullable(),
    organisations: z.array(CaseOrganisation),
    concern: Concern,
    contributions: z.array(Contribution),
    timeline: z.array(TimelineEvent),
    /**
     * The lifecycle steps the signed-in user can take now (the state machine of the domain core from
     * the current phase; empty for who does not manage the case).
     */
    allowedTransitions: z.array(z.enum(TRANSITION_KINDS)),
    /** Escalation steps possible now: up and/or down one level; empty when closed or not managing. */
    allowedEscalations: z.array(z.enum(['up', 'down'])),
    /** What the signed-in user may do here (the server checks again on every change). */
    permissions: z.object({
      /** Process director of the directing municipality or case coordinator: edit, membership, lifecycle. */
      manage: z.boolean(),
      /** Sees "process director only" contributions of every organisation. */
      isDirector: z.boolean(),
    }),
  })
  .meta({ id: 'CaseDetail' });

export const CaseListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  phase: z.enum(PHASES).optional(),
  municipalityId: z.uuid().optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
});

export const CaseUpdate = z.strictObject({
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  riskGroup: z.number().int().min(1).max(5).nullable().optional(),
  ideology: z.enum(IDEOLOGIES).optional(),
  priority: z.enum(PRIORITIES).optional(),
  caseCoordinatorId: z.uuid().nullable().optional(),
  version: Version,
});

// --- Membership ------------------------------------------------------------------------------------

export const OrganisationAdd = z.strictObject({ organisationId: z.uuid() });
export const MemberAdd = z.strictObject({ userId: z.uuid() });
export const Removal = z.strictObject({ reason: z.string().trim().max(2000).optional() }).optional();

export const NewPerson = z.strictObject({
  firstName: Text(100),
  namePrefix: z.string().trim().max(20).optional(),
  lastName: Text(100),
  dateOfBirth: calendarDate().optional(),
});

export const RelatedPersonAdd = z
  .strictObject({
    personId: z.uuid().optional(),
    newPerson: NewPerson.optional(),
    relation: z.enum(RELATIONS),
    note: z.string().trim().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.personId === undefined) === (v.newPerson === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Give either personId or newPerson.' });
    }
  });

export const MEMBER_CANDIDACIES = ['member', 'coordinator'] as const;

export const MemberCandidateQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
  eligibleAs: z.enum(MEMBER_CANDIDACIES).optional().describe('Only candidates for this purpose'),
});

export const MemberCandidate = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    role: z.string(),
    organisation: NamedRef,
    /**
     * member: an active user of an organisation that takes part (under a signed covenant) and is not a
     * member yet. coordinator: may be chosen as the case coordinator (offered to process directors).
     */
    eligibleAs: z.array(z.enum(MEMBER_CANDIDACIES)),
  })
  .meta({ id: 'CaseMemberCandidate' });

export const OrganisationParams = z.strictObject({ id: z.uuid(), organisationId: z.uuid() });
export const MemberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });
export const PersonParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

// --- Contributions ---------------------------------------------------------------------------------

/** The regime of a contribution, as a case contribution and one in a case conference take it. */
export const ContributionRegimeInput = {
  legalRegime: z
    .enum(LEGAL_REGIMES)
    .optional()
    .describe('Default: your organisation’s default regime (police Wpg, public prosecutor and probation Wjsg, …)'),
  legalRegimeReason: Text(2000)
    .optional()
    .describe('Required (422) when legalRegime is weaker than your organisation’s default: why'),
};

export const ContributionCreate = z.strictObject({
  body: Text(20000),
  ...ContributionRegimeInput,
  scope: z.enum(SCOPES),
  meetingId: z.uuid().optional(),
});

export const ContributionListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  meetingId: z.uuid().optional(),
});

// --- Lifecycle -------------------------------------------------------------------------------------

export const TransitionRequest = z.strictObject({
  kind: z.enum(TRANSITION_KINDS),
  reason: z.string().trim().max(2000).optional(),
  revisitOn: calendarDate().optional(),
  to: z.enum(['execution', 'monitoring']).optional(),
  retentionDecision: z
    .enum(RETENTION_DECISIONS)
    .optional()
    .describe('Required when closing definitively: keep the standard retention term or shorten it'),
  retentionReasons: z.string().trim().max(4000).optional().describe('Required when closing definitively'),
  retentionMonths: z.number().int().min(1).max(59).optional().describe('The shortened term, only with "shorten"'),
  version: Version,
});

export const EscalationRequest = z.strictObject({
  direction: z.enum(['up', 'down']),
  reason: z.string().trim().max(2000).optional(),
  version: Version,
});

// --- Proportionality reviews -----------------------------------------------------------------------

export const MeasureReview = z.strictObject({
  planInterventionId: z.uuid(),
  necessary: z.boolean(),
  proportionate: z.boolean(),
  leastIntrusive: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

export const ProportionalityReviewCreate = z.strictObject({
  reviewedOn: calendarDate(),
  reasoning: Text(20000),
  measures: z.array(MeasureReview).max(100).default([]),
  nextReviewOn: calendarDate().optional(),
});

export const ProportionalityReview = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    reviewedOn: calendarDate(),
    reviewer: NamedRef,
    reasoning: z.string(),
    measures: z.array(
      z.object({
        planInterventionId: z.uuid(),
        necessary: z.boolean(),
        proportionate: z.boolean(),
        leastIntrusive: z.boolean(),
        note: z.string().nullable(),
      }),
    ),
    nextReviewOn: calendarDate(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseProportionalityReview' });

// --- Evaluations -----------------------------------------------------------------------------------

export const CaseEvaluationCreate = z.strictObject({
  kind: z.enum(EVALUATION_KINDS),
  findings: Text(20000),
  followUp: z.string().trim().max(20000).optional(),
});

export const CaseEvaluation = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    kind: z.enum(EVALUATION_KINDS),
    findings: z.string(),
    followUp: z.string().nullable(),
    author: NamedRef,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseEvaluation' });

export const PageQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
