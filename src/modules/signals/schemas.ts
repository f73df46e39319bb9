import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { LEGAL_REGIMES, REPORTER_KINDS } from '../../core/source-attribution.js';
import { NewPerson, PersonName } from '../persons/schemas.js';

export const IDEOLOGIES = ['jihadist', 'right_wing', 'left_wing', 'anti_government', 'other_unclear'] as const;
export const URGENCIES = ['normal', 'high', 'acute'] as const;
export const SIGNAL_STATUSES = ['received', 'triage', 'decided', 'closed'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

const Ref = z.object({ id: z.uuid(), name: z.string() });
const text = (max: number) => z.string().trim().min(1).max(max);

// --- Indicators ----------------------------------------------------------------------------------

export const Indicator = z
  .object({
    id: z.uuid(),
    code: z.string(),
    labelNl: z.string(),
    labelEn: z.string(),
    sort: z.number().int(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Indicator' });

export const IndicatorListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const IndicatorCreate = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9_]{2,60}$/, 'Use 2–60 lower-case letters, digits or underscores.')
    .describe('Stable code, e.g. "travel_intentions"'),
  labelNl: text(200),
  labelEn: text(200),
  sort: z.number().int().min(0).max(10000).optional(),
});

export const IndicatorUpdate = z.strictObject({
  labelNl: text(200).optional(),
  labelEn: text(200).optional(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

// --- Signals -------------------------------------------------------------------------------------

/** Who a new signal is about: an existing person (chosen after matching) or a new one. */
export const SubjectInput = z
  .strictObject({
    personId: z.uuid().optional().describe('An existing person, chosen by a person after matching'),
    newPerson: NewPerson.optional(),
    matchReason: text(500).optional().describe('Why the existing person was chosen (with personId)'),
  })
  .superRefine(
    (v, ctx) => {
      if (!v || typeof v !== 'object') return;
      const hasId = v.personId !== undefined;
      const hasNew = v.newPerson !== undefined;
      if (hasId === hasNew) {
        ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Give either personId or newPerson.' });
      }
      if (hasNew && v.matchReason !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['matchReason'], message: 'A match reason goes with personId only.' });
      }
    },
    { when: () => true },
  );

const signalFields = {
  municipalityId: z.uuid(),
  sourceOrganisationId: z
    .uuid()
    .nullable()
    .describe(
      'The organisation of the region the signal comes from; null for an outside reporter without one (then ' +
        'reporterKind). Partners and experts: their own organisation only (422). Default: your own organisation.',
    ),
  reporterKind: z
    .enum(REPORTER_KINDS)
    .nullable()
    .describe('Who reported: a professional of the source organisation, or an outside reporter (school, neighbour …)'),
  reporterName: text(200).nullable().optional(),
  reporterContact: text(200).nullable().optional(),
  receivedOn: calendarDate(),
  subjectUnknown: z.boolean(),
  indicators: z.array(z.string().min(1).max(60)).max(50),
  ideology: z.enum(IDEOLOGIES),
  urgency: z.enum(URGENCIES),
  description: text(20000),
  legalRegime: z
    .enum(LEGAL_REGIMES)
    .describe(
      'The legal regime of the information: AVG, police data (Wpg), judicial data (Wjsg), professional secrecy. ' +
        'Default: the source organisation’s default (police Wpg, public prosecutor and probation Wjsg, mental ' +
        'health and youth protection professional secrecy, others AVG).',
    ),
  legalRegimeReason: text(2000)
    .nullable()
    .describe('Required (422) when legalRegime is weaker than the source organisation’s default: why'),
};

export const SignalCreate = z
  .strictObject({
    ...signalFields,
    sourceOrganisationId: signalFields.sourceOrganisationId.optional(),
    reporterKind: signalFields.reporterKind.optional(),
    subjectUnknown: signalFields.subjectUnknown.default(false),
    indicators: signalFields.indicators.default([]),
    legalRegime: signalFields.legalRegime.optional(),
    legalRegimeReason: signalFields.legalRegimeReason.optional(),
    subjects: z.array(SubjectInput).max(10).default([]),
  })
  .superRefine(
    (v, ctx) => {
      if (!v || typeof v !== 'object') return;
      const count = Array.isArray(v.subjects) ? v.subjects.length : 0;
      if (v.subjectUnknown === true && count > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['subjects'],
          message: 'Leave subjects empty when the subject is unknown.',
        });
      }
      if (v.subjectUnknown !== true && count === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['subjects'],
          message: 'Name at least one subject, or mark the subject as unknown.',
        });
      }
      if (Array.isArray(v.indicators) && new Set(v.indicators).size !== v.indicators.length) {
        ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'An indicator is listed twice.' });
      }
    },
    { when: () => true },
  );

export const SignalUpdate = z
  .strictObject({
    municipalityId: signalFields.municipalityId.optional(),
    sourceOrganisationId: signalFields.sourceOrganisationId.optional(),
    reporterKind: signalFields.reporterKind.optional(),
    reporterName: signalFields.reporterName,
    reporterContact: signalFields.reporterContact,
    receivedOn: signalFields.receivedOn.optional(),
    subjectUnknown: signalFields.subjectUnknown.optional(),
    indicators: signalFields.indicators.optional(),
    ideology: signalFields.ideology.optional(),
    urgency: signalFields.urgency.optional(),
    description: signalFields.description.optional(),
    legalRegime: signalFields.legalRegime.optional(),
    legalRegimeReason: signalFields.legalRegimeReason.optional(),
    version: z.number().int().min(1).max(INT4_MAX),
  })
  .superRefine(
    (v, ctx) => {
      if (v && Array.isArray(v.indicators) && new Set(v.indicators).size !== v.indicators.length) {
        ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'An indicator is listed twice.' });
      }
    },
    { when: () => true },
  );

export const SignalListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(SIGNAL_STATUSES).optional(),
  municipalityId: z.uuid().optional(),
});

/** Who to link to an open signal: an existing person (after matching) or a new one, as at intake. */
export const SubjectLinkCreate = z
  .strictObject({
    personId: z.uuid().optional().describe('An existing person, chosen by a person after matching'),
    newPerson: NewPerson.optional().describe('A person new to Schakel, created and linked in one step'),
    reason: text(500).optional().describe('Why this person was chosen, e.g. "same name and date of birth"'),
  })
  .superRefine(
    (v, ctx) => {
      if (!v || typeof v !== 'object') return;
      const hasId = v.personId !== undefined;
      const hasNew = v.newPerson !== undefined;
      if (hasId === hasNew) {
        ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Give either personId or newPerson.' });
      }
      if (hasNew && v.reason !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A match reason goes with personId only.' });
      }
    },
    { when: () => true },
  );

export const SubjectUnlink = z.strictObject({
  reason: text(500).describe('Why the link is undone, e.g. "a different person with the same name"'),
});

export const SubjectParams = z.strictObject({ id: z.uuid(), subjectId: z.uuid() });
export const AttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

/** An active subject of a signal, with the person's name (shown because the actor sees the signal). */
export const SignalSubject = z
  .object({
    subjectId: z.uuid(),
    personId: z.uuid(),
    ...PersonName.shape,
    dateOfBirth: calendarDate().nullable(),
    linkKind: z.enum(['new_person', 'matched_existing']),
    matchReason: z.string().nullable(),
    linkedAt: z.iso.datetime(),
    linkedBy: Ref,
  })
  .meta({ id: 'SignalSubject' });

/**
 * Every link ever made, including undone ones. Undone links carry no name: once a person has been
 * unlinked (often because it was the wrong person), this signal no longer shows their data.
 */
export const SubjectHistoryEntry = z
  .object({
    subjectId: z.uuid(),
    personId: z.uuid(),
    linkKind: z.enum(['new_person', 'matched_existing']),
    matchReason: z.string().nullable(),
    linkedAt: z.iso.datetime(),
    linkedBy: Ref,
    unlinkedAt: z.iso.datetime().nullable(),
    unlinkedBy: Ref.nullable(),
    unlinkReason: z.string().nullable(),
  })
  .meta({ id: 'SignalSubjectHistoryEntry' });

export const SignalDecisionSummary = z
  .object({
    id: z.uuid(),
    decision: z.enum(['open_case', 'handle_locally', 'refer', 'no_action']),
    referredTo: z.enum(['care', 'top_x', 'youth', 'other']).nullable(),
    caseId: z.uuid().nullable(),
    decidedAt: z.iso.datetime(),
  })
  .meta({ id: 'SignalDecisionSummary' });

export const SignalSummary = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(SIGNAL_STATUSES),
    municipality: Ref,
    receivedOn: calendarDate(),
    ideology: z.enum(IDEOLOGIES),
    urgency: z.enum(URGENCIES),
    subjectUnknown: z.boolean(),
    subjects: z.array(z.object({ personId: z.uuid(), ...PersonName.shape })),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'SignalSummary' });

export const Signal = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    status: z.enum(SIGNAL_STATUSES),
    municipality: Ref,
    sourceOrganisation: Ref.extend({ type: z.string() })
      .nullable()
      .describe('The reporting organisation; null for an outside reporter without one'),
    reporterKind: z.enum(REPORTER_KINDS).nullable(),
    reporterName: z.string().nullable(),
    reporterContact: z.string().nullable(),
    receivedOn: calendarDate(),
    subjectUnknown: z.boolean(),
    subjects: z.array(SignalSubject),
    subjectHistory: z.array(SubjectHistoryEntry),
    indicators: z.array(z.object({ code: z.string(), labelNl: z.string(), labelEn: z.string() })),
    ideology: z.enum(IDEOLOGIES),
    urgency: z.enum(URGENCIES),
    description: z.string(),
    legalRegime: z.enum(LEGAL_REGIMES),
    legalRegimeReason: z.string().nullable().describe('Why a weaker regime than the source’s default'),
    decision: SignalDecisionSummary.nullable(),
    createdBy: Ref.describe('The registrant: who recorded the signal'),
    registrantOrganisation: Ref.describe('The organisation of the registrant when recording it'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    canEdit: z.boolean().describe('The actor may change intake data, subjects and attachments'),
    canDecide: z.boolean().describe('The actor is a process director of the signal’s municipality'),
    version: z.number().int(),
  })
  .meta({ id: 'Signal' });

// --- Attachments ---------------------------------------------------------------------------------

export const Attachment = z
  .object({
    id: z.uuid(),
    signalId: z.uuid(),
    filename: z.string(),
    mediaType: z.string(),
    sizeBytes: z.number().int(),
    uploadedAt: z.iso.datetime(),
    uploadedBy: Ref,
  })
  .meta({ id: 'Attachment' });

/** Documents the multipart body; parsing happens in the route (never buffered to disk unencrypted). */
export const AttachmentUpload = z.object({
  file: z.string().meta({ format: 'binary', description: 'pdf, png, jpeg, docx, txt or eml; at most 10 MiB' }),
});
