import { z } from 'zod';
import { CONTACT_CIRCLE_PHASES } from '../../core/contact-circle.js';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { listControls, optionalText, requiredText } from '../networks/common.js';

const isoDate = calendarDate();
const version = z.number().int().min(1).max(INT4_MAX);

export const CONTACT_CIRCLE_STATUSES = ['in_progress', 'report_due', 'evaluation_due', 'closed'] as const;
export const OBSERVATION_KINDS = ['hard', 'soft', 'need'] as const;
export const CIRCLE_ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;

export const ContactCircleStepOut = z
  .object({
    step: z.number().int(),
    key: z.string(),
    titleNl: z.string(),
    titleEn: z.string(),
    completed: z.boolean(),
    completedAt: z.iso.datetime().nullable(),
    completedByName: z.string().nullable(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'ContactCircleStep' });

export const ContactCircleInvitee = z
  .object({
    id: z.uuid(),
    keyFigureId: z.uuid(),
    name: z.string(),
    organisation: z.string(),
    role: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    invitedAt: z.iso.datetime(),
  })
  .meta({ id: 'ContactCircleInvitee' });

export const ContactCircleObservation = z
  .object({
    id: z.uuid(),
    kind: z.enum(OBSERVATION_KINDS).meta({
      description: 'hard: facts and incidents; soft: sentiment and worries about physical and social safety; need',
    }),
    description: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ContactCircleObservation' });

export const ContactCircleAction = z
  .object({
    id: z.uuid(),
    title: z.string(),
    owner: z.string().meta({ description: 'Who carries it out (a person or organisation, free text).' }),
    dueOn: isoDate.nullable(),
    status: z.enum(CIRCLE_ACTION_STATUSES),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ContactCircleAction' });

const phaseEnum = z.enum(CONTACT_CIRCLE_PHASES);
const statusEnum = z.enum(CONTACT_CIRCLE_STATUSES);

export const ContactCircleSummary = z
  .object({
    id: z.uuid(),
    incidentTitle: z.string(),
    incidentOn: isoDate,
    status: statusEnum,
    phase: phaseEnum,
    currentStep: z.number().int().nullable(),
    completedSteps: z.number().int(),
    inviteeCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ContactCircleSummary' });

export const ContactCircle = z
  .object({
    id: z.uuid(),
    incidentTitle: z.string(),
    incidentOn: isoDate,
    description: z.string().nullable(),
    status: statusEnum,
    phase: phaseEnum,
    currentStep: z.number().int().nullable().meta({ description: 'The step to complete next; null after step 5.' }),
    completedSteps: z.number().int(),
    steps: z.array(ContactCircleStepOut),
    meeting: z.object({ heldAt: z.iso.datetime().nullable(), location: z.string().nullable() }),
    invitees: z.array(ContactCircleInvitee),
    signalsAndNeeds: z.array(ContactCircleObservation),
    actions: z.array(ContactCircleAction),
    report: z
      .object({ text: z.string(), writtenAt: z.iso.datetime(), writtenByName: z.string().nullable() })
      .nullable(),
    evaluation: z
      .object({
        findings: z.string(),
        whatWentWell: z.string().nullable(),
        improvements: z.string().nullable(),
        evaluatedAt: z.iso.datetime(),
        evaluatedByName: z.string().nullable(),
      })
      .nullable(),
    allowed: z
      .object({
        editDetails: z.boolean(),
        arrangeMeeting: z.boolean(),
        invite: z.boolean(),
        recordSignalOrNeed: z.boolean(),
        addAction: z.boolean(),
        updateAction: z.boolean(),
        writeReport: z.boolean(),
        writeEvaluation: z.boolean(),
      })
      .meta({ description: 'What the current phase allows, for the interface to offer.' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ContactCircle' });

export const ContactCircleCreate = z.strictObject({
  incidentTitle: requiredText(300),
  incidentOn: isoDate,
  description: optionalText(20000),
});

export const ContactCircleUpdate = z.strictObject({
  incidentTitle: requiredText(300).optional(),
  incidentOn: isoDate.optional(),
  description: optionalText(20000),
  version,
});

export const ContactCircleListQuery = z.strictObject({ ...listControls, status: statusEnum.optional() });

export const StepParams = z.strictObject({ id: z.uuid(), step: z.coerce.number().int().min(1).max(5) });

export const StepCompletion = z.strictObject({ notes: optionalText(20000), version });

export const MeetingDetails = z.strictObject({
  heldAt: z.iso.datetime({ offset: true }),
  location: requiredText(300),
  version,
});

export const InviteeAdd = z.strictObject({ keyFigureId: z.uuid() });
export const InviteeParams = z.strictObject({ id: z.uuid(), inviteeId: z.uuid() });

export const ObservationAdd = z.strictObject({
  kind: z.enum(OBSERVATION_KINDS),
  description: requiredText(5000),
});

export const ActionAdd = z.strictObject({
  title: requiredText(300),
  owner: requiredText(200),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(CIRCLE_ACTION_STATUSES).default('open'),
});

export const ActionUpdate = z.strictObject({
  title: requiredText(300).optional(),
  owner: requiredText(200).optional(),
  dueOn: isoDate.nullable().optional(),
  status: z.enum(CIRCLE_ACTION_STATUSES).optional(),
  version,
});
export const ActionParams = z.strictObject({ id: z.uuid(), actionId: z.uuid() });

export const ReportWrite = z.strictObject({ text: requiredText(50000), version });

export const EvaluationWrite = z.strictObject({
  findings: requiredText(20000),
  whatWentWell: optionalText(20000),
  improvements: optionalText(20000),
  version,
});
