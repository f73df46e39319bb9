import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { listControls, optionalText, requiredText } from './common.js';

const isoDate = calendarDate();

// Key figures (sleutelfiguren) -------------------------------------------------------------------------

export const KeyFigure = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisation: z.string(),
    role: z.string().meta({ description: 'Role or function in their organisation or community.' }),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    municipalityId: z.uuid().nullable(),
    municipalityName: z.string().nullable(),
    consentGivenOn: isoDate.nullable(),
    consentScope: z.string().nullable(),
    hasConsent: z.boolean().meta({ description: 'Consent is recorded: only then can the key figure be invited.' }),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'KeyFigure' });

const consentPair = (v: { consentGivenOn?: string | null; consentScope?: string | null }, ctx: z.RefinementCtx) => {
  const given = v.consentGivenOn !== undefined && v.consentGivenOn !== null;
  const scope = v.consentScope !== undefined && v.consentScope !== null;
  // On a PATCH, absent means "unchanged"; only a pair given in one request is checked here.
  if (v.consentGivenOn === undefined && v.consentScope === undefined) return;
  if (given && !scope) {
    ctx.addIssue({ code: 'custom', path: ['consentScope'], message: 'Say what the consent covers.' });
  }
  if (scope && !given) {
    ctx.addIssue({ code: 'custom', path: ['consentGivenOn'], message: 'Give the date the consent was given.' });
  }
};

const keyFigureFields = {
  name: requiredText(200),
  organisation: requiredText(200),
  role: requiredText(200),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  municipalityId: z.uuid().nullable().optional(),
  consentGivenOn: isoDate.nullable().optional(),
  consentScope: optionalText(2000),
};

export const KeyFigureCreate = z
  .strictObject({ ...keyFigureFields, active: z.boolean().default(true) })
  .superRefine(consentPair);

export const KeyFigureUpdate = z
  .strictObject({
    name: keyFigureFields.name.optional(),
    organisation: keyFigureFields.organisation.optional(),
    role: keyFigureFields.role.optional(),
    phone: keyFigureFields.phone,
    email: keyFigureFields.email,
    municipalityId: keyFigureFields.municipalityId,
    consentGivenOn: keyFigureFields.consentGivenOn,
    consentScope: keyFigureFields.consentScope,
    active: z.boolean().optional(),
    version: z.number().int().min(1).max(INT4_MAX),
  })
  .superRefine(consentPair);

export const KeyFigureListQuery = z.strictObject({
  ...listControls,
  active: z.enum(['true', 'false']).optional(),
  withConsent: z.enum(['true', 'false']).optional(),
  municipalityId: z.uuid().optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

// Networks ---------------------------------------------------------------------------------------------

export const NETWORK_KINDS = ['strategic', 'operational', 'community', 'other'] as const;

export const Network = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(NETWORK_KINDS),
    memberCount: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Network' });

export const NetworkCreate = z.strictObject({
  name: requiredText(200),
  description: optionalText(10000),
  kind: z.enum(NETWORK_KINDS),
});

export const NetworkUpdate = z.strictObject({
  name: requiredText(200).optional(),
  description: optionalText(10000),
  kind: z.enum(NETWORK_KINDS).optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const NetworkMember = z
  .object({
    id: z.uuid(),
    networkId: z.uuid(),
    kind: z.enum(['key_figure', 'user']),
    keyFigureId: z.uuid().nullable(),
    userId: z.uuid().nullable(),
    name: z.string(),
    organisation: z.string(),
    role: z.string(),
    addedAt: z.iso.datetime(),
  })
  .meta({ id: 'NetworkMember' });

export const NetworkMemberAdd = z
  .strictObject({ keyFigureId: z.uuid().optional(), userId: z.uuid().optional() })
  .superRefine((v, ctx) => {
    if ((v.keyFigureId === undefined) === (v.userId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['keyFigureId'], message: 'Give either keyFigureId or userId.' });
    }
  });

export const NetworkMemberParams = z.strictObject({ id: z.uuid(), memberId: z.uuid() });

export const NetworkMeeting = z
  .object({
    id: z.uuid(),
    networkId: z.uuid(),
    heldOn: isoDate,
    notes: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NetworkMeeting' });

export const NetworkMeetingCreate = z.strictObject({ heldOn: isoDate, notes: optionalText(20000) });

export const NetworkSignal = z
  .object({
    id: z.uuid(),
    networkId: z.uuid(),
    observedOn: isoDate,
    theme: z.string(),
    description: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NetworkSignal' });

export const NetworkSignalCreate = z.strictObject({
  observedOn: isoDate,
  theme: requiredText(200),
  description: requiredText(10000),
});

export const NetworkActivity = z
  .object({
    id: z.uuid(),
    networkId: z.uuid(),
    title: z.string(),
    heldOn: isoDate,
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'NetworkActivity' });

export const NetworkActivityCreate = z.strictObject({
  title: requiredText(300),
  heldOn: isoDate,
  description: optionalText(10000),
});
