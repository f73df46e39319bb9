import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { MAX_SCHEDULE_COUNT } from '../../core/pool-schedule.js';
import { listControls, optionalText, requiredText } from '../networks/common.js';
import { TRAINING_KINDS } from './catalogue.js';

const isoDate = calendarDate();
const version = z.number().int().min(1).max(INT4_MAX);

// Trainings -------------------------------------------------------------------------------------------

export const Training = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(TRAINING_KINDS),
    provider: z.string(),
    goal: z.string().nullable(),
    targetAudience: z.string().nullable(),
    durationDays: z.number().int().nullable(),
    evaluation: z.string().nullable(),
    active: z.boolean(),
    sessionCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Training' });

export const TrainingListQuery = z.strictObject({
  ...listControls,
  kind: z.enum(TRAINING_KINDS).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const TrainingCreate = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{2,60}$/, 'Lowercase letters, digits and hyphens, 2 to 60'),
  name: requiredText(200),
  kind: z.enum(TRAINING_KINDS),
  provider: requiredText(200),
  goal: optionalText(10000),
  targetAudience: optionalText(10000),
  durationDays: z.number().int().min(1).max(30).nullable().optional(),
  evaluation: optionalText(2000),
  active: z.boolean().default(true),
});

export const TrainingUpdate = z.strictObject({
  name: requiredText(200).optional(),
  kind: z.enum(TRAINING_KINDS).optional(),
  provider: requiredText(200).optional(),
  goal: optionalText(10000),
  targetAudience: optionalText(10000),
  durationDays: z.number().int().min(1).max(30).nullable().optional(),
  evaluation: optionalText(2000),
  active: z.boolean().optional(),
  version,
});

export const TrainingSession = z
  .object({
    id: z.uuid(),
    trainingId: z.uuid(),
    trainingName: z.string(),
    heldOn: isoDate,
    location: z.string().nullable(),
    trainer: z.string().nullable(),
    participantCount: z.number().int(),
    attendedCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingSession' });

export const TrainingSessionListQuery = z.strictObject({ ...listControls, trainingId: z.uuid().optional() });

export const TrainingSessionCreate = z.strictObject({
  trainingId: z.uuid(),
  heldOn: isoDate,
  location: optionalText(300),
  trainer: optionalText(200),
});

export const TrainingSessionUpdate = z.strictObject({
  heldOn: isoDate.optional(),
  location: optionalText(300),
  trainer: optionalText(200),
  version,
});

export const Participant = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    name: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    email: z.string().nullable(),
    attended: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'TrainingParticipant' });

export const ParticipantCreate = z.strictObject({
  name: requiredText(200),
  organisationId: z.uuid(),
  email: z.email().max(254).nullable().optional(),
  attended: z.boolean().default(false),
});

export const ParticipantUpdate = z.strictObject({
  name: requiredText(200).optional(),
  organisationId: z.uuid().optional(),
  email: z.email().max(254).nullable().optional(),
  attended: z.boolean().optional(),
  version,
});

export const ParticipantParams = z.strictObject({ id: z.uuid(), participantId: z.uuid() });

// Attention officers and the operational network --------------------------------------------------------

export const AttentionOfficer = z
  .object({
    id: z.uuid(),
    userId: z.uuid().nullable(),
    name: z.string(),
    email: z.string().nullable().meta({ description: 'The e-mail address of the user account, if any.' }),
    organisationId: z.uuid(),
    organisationName: z.string(),
    trainedOn: isoDate.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'AttentionOfficer' });

export const AttentionOfficerListQuery = z.strictObject({ ...listControls, organisationId: z.uuid().optional() });

export const AttentionOfficerCreate = z
  .strictObject({
    userId: z.uuid().optional(),
    name: requiredText(200).optional(),
    organisationId: z.uuid().optional(),
    trainedOn: isoDate.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.userId === undefined) === (v.name === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Give either userId (an account) or name.' });
    }
    if (v.name !== undefined && v.organisationId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Give the organisation of the officer.' });
    }
  });

export const AttentionOfficerUpdate = z.strictObject({
  name: requiredText(200).optional(),
  organisationId: z.uuid().optional(),
  trainedOn: isoDate.nullable().optional(),
  version,
});

export const OperationalNetworkOrganisation = z
  .object({
    organisationId: z.uuid(),
    organisationName: z.string(),
    organisationType: z.string(),
    attentionOfficers: z.array(AttentionOfficer),
    trainedParticipants: z
      .number()
      .int()
      .meta({ description: 'Participants of this organisation who attended a training session.' }),
  })
  .meta({ id: 'OperationalNetworkOrganisation' });

// Expertise pool -------------------------------------------------------------------------------------

export const PoolMeeting = z
  .object({
    id: z.uuid(),
    sequence: z.number().int(),
    heldOn: isoDate,
    thematic: z.boolean(),
    theme: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'PoolMeeting' });

export const PoolScheduleRequest = z.strictObject({
  firstOn: isoDate,
  count: z.number().int().min(1).max(MAX_SCHEDULE_COUNT),
});

export const PoolMeetingListQuery = z.strictObject({
  ...listControls,
  upcoming: z.enum(['true', 'false']).optional(),
});

export const PoolMeetingUpdate = z.strictObject({
  theme: optionalText(200),
  notes: optionalText(20000),
  version,
});

export const PoolMember = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
  })
  .meta({ id: 'PoolMember' });

export const PoolMatch = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    caseReference: z.string(),
    expertUserId: z.uuid(),
    expertName: z.string(),
    organisationId: z.uuid(),
    purpose: z.string(),
    matchedAt: z.iso.datetime(),
    matchedByName: z.string(),
  })
  .meta({ id: 'PoolMatch' });

export const PoolMatchCreate = z.strictObject({
  caseId: z.uuid(),
  expertUserId: z.uuid(),
  purpose: requiredText(2000).meta({ description: 'Why the expert is asked into the case (e.g. a first duiding).' }),
});

export const PoolMatchListQuery = z.strictObject({ ...listControls, caseId: z.uuid() });
