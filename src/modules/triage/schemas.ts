import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { IDEOLOGIES, SignalSummary } from '../signals/schemas.js';
import { InclusionInput } from './inclusion-schemas.js';

export const DECISIONS = ['open_case', 'handle_locally', 'refer', 'no_action'] as const;
export const REFERRALS = ['care', 'top_x', 'youth', 'other'] as const;
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

const Ref = z.object({ id: z.uuid(), name: z.string() });

// --- Triage meetings (afstemmingsoverleg) ------------------------------------------------------

export const TriageMeetingCreate = z.strictObject({
  municipalityId: z.uuid(),
  heldOn: calendarDate(),
});

export const TriageMeetingUpdate = z.strictObject({
  heldOn: calendarDate().optional(),
  status: z.enum(['planned', 'held']).optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const TriageMeetingListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  municipalityId: z.uuid().optional(),
});

export const AgendaItemCreate = z.strictObject({ signalId: z.uuid() });

export const TriageMeetingSummary = z
  .object({
    id: z.uuid(),
    municipality: Ref,
    heldOn: calendarDate(),
    status: z.enum(['planned', 'held']),
    chair: Ref,
    agendaSize: z.number().int(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'TriageMeetingSummary' });

export const TriageDecisionSummary = z
  .object({
    id: z.uuid(),
    decision: z.enum(DECISIONS),
    referredTo: z.enum(REFERRALS).nullable(),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable().describe('The opened case’s reference, only when you can see the case'),
    decidedAt: z.iso.datetime(),
  })
  .meta({ id: 'TriageDecisionSummary' });

export const TriageAgendaItem = z
  .object({
    position: z.number().int(),
    signal: SignalSummary,
    decision: TriageDecisionSummary.nullable(),
  })
  .meta({ id: 'TriageAgendaItem' });

export const TriageMeeting = TriageMeetingSummary.extend({
  agenda: z.array(TriageAgendaItem),
}).meta({ id: 'TriageMeeting' });

// --- Triage decisions --------------------------------------------------------------------------

export const CaseToOpen = z.strictObject({
  subjectPersonId: z.uuid().describe('Must be an (active) subject of the signal'),
  targetGroup: z.enum(TARGET_GROUPS),
  riskGroup: z.number().int().min(1).max(5).nullable().optional(),
  ideology: z.enum(IDEOLOGIES).optional().describe('Defaults to the signal’s ideology'),
  directingMunicipalityId: z.uuid().optional().describe('Defaults to the signal’s municipality'),
  caseCoordinatorId: z.uuid().nullable().optional(),
  priority: z.enum(['normal', 'high']).default('normal'),
});

export const TriageDecisionCreate = z
  .strictObject({
    signalId: z.uuid(),
    triageMeetingId: z.uuid().nullable().optional(),
    decision: z.enum(DECISIONS),
    referredTo: z.enum(REFERRALS).nullable().optional().describe('Required when decision is "refer", else absent'),
    rationale: z.string().trim().min(1).max(20000),
    case: CaseToOpen.optional().describe('Required when decision is "open_case", else absent'),
    inclusion: InclusionInput.optional().describe(
      'The weging (Wgpa): required when decision is "open_case", else absent',
    ),
  })
  .superRefine(
    (v, ctx) => {
      if (!v || typeof v !== 'object') return;
      const refer = v.decision === 'refer';
      const hasReferral = v.referredTo !== undefined && v.referredTo !== null;
      if (refer && !hasReferral) {
        ctx.addIssue({
          code: 'custom',
          path: ['referredTo'],
          message: 'Say to which approach the signal is referred.',
        });
      }
      if (!refer && hasReferral && typeof v.decision === 'string') {
        ctx.addIssue({ code: 'custom', path: ['referredTo'], message: 'Only a referral has referredTo.' });
      }
      const open = v.decision === 'open_case';
      if (open && v.case === undefined) {
        ctx.addIssue({ code: 'custom', path: ['case'], message: 'Describe the case to open.' });
      }
      if (!open && v.case !== undefined && typeof v.decision === 'string') {
        ctx.addIssue({ code: 'custom', path: ['case'], message: 'Only an "open_case" decision opens a case.' });
      }
      if (open && v.inclusion === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['inclusion'],
          message: 'Record the weging: the criteria that apply, with reasons, and who took part.',
        });
      }
      if (!open && v.inclusion !== undefined && typeof v.decision === 'string') {
        ctx.addIssue({ code: 'custom', path: ['inclusion'], message: 'Only an "open_case" decision has a weging.' });
      }
    },
    { when: () => true },
  );

export const TriageDecision = z
  .object({
    id: z.uuid(),
    signalId: z.uuid(),
    signalReference: z.string(),
    triageMeetingId: z.uuid().nullable(),
    decision: z.enum(DECISIONS),
    referredTo: z.enum(REFERRALS).nullable(),
    rationale: z.string(),
    caseId: z.uuid().nullable(),
    caseReference: z.string().nullable().describe('Only when you can see the case'),
    decidedBy: Ref,
    decidedAt: z.iso.datetime(),
  })
  .meta({ id: 'TriageDecision' });

export const TriageDecisionListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  signalId: z.uuid().optional(),
});
