import { z } from 'zod';
import { GRANT_STATUSES } from '../../core/grants.js';
import { ROLES } from '../../core/roles.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES).nullable().describe('The role in effect in the current region (null: none)'),
    requestedRole: z
      .enum(ROLES)
      .nullable()
      .describe('A role requested in the current region that awaits a second admin (null: none)'),
    organisationId: z.uuid(),
    organisationName: z.string(),
    administered: z.boolean().describe("Whether this region administers the account (its organisation's home region)"),
    locale: z.enum(['nl', 'en']),
    secondFactorEnrolled: z.boolean(),
    passwordMustChange: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });

const reason = z.string().trim().min(1).max(1000);

export const UserCreate = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES).describe('The first role, requested in the current region (four eyes where it applies)'),
  reason: reason.optional().describe('Why the user needs this role'),
  organisationId: z.uuid(),
  locale: z.enum(['nl', 'en']).default('nl'),
  initialPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(PASSWORD_MAX_LENGTH)
    .describe('To be changed by the user at the first sign-in'),
});

export const UserUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisationId: z.uuid(),
  locale: z.enum(['nl', 'en']),
  disabled: z.boolean(),
  version: z.number().int().min(1).max(2_147_483_647),
});

export const PasswordReset = z.strictObject({
  temporaryPassword: z
    .string()
    .min(PASSWORD_MIN_LENGTH)
    .max(PASSWORD_MAX_LENGTH)
    .describe('To be changed by the user at the next sign-in'),
  version: z.number().int().min(1).max(2_147_483_647),
});

export const UserListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  organisationId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
});

// --- Role grants ---------------------------------------------------------------------------------

const PersonRef = z.object({ id: z.uuid(), name: z.string() });

export const RoleGrant = z
  .object({
    id: z.uuid(),
    user: PersonRef.extend({ email: z.string(), organisationName: z.string() }),
    role: z.enum(ROLES),
    status: z.enum(GRANT_STATUSES),
    reason: z.string(),
    requestedBy: PersonRef.nullable().describe('null: granted by a migration, the demo or the operator'),
    requestedAt: z.iso.datetime(),
    decidedBy: PersonRef.nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionReason: z.string().nullable(),
    endedBy: PersonRef.nullable(),
    endedAt: z.iso.datetime().nullable(),
    endReason: z.string().nullable(),
    /** Whether a second admin must approve (true for every role that can see personal data). */
    fourEyes: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'RoleGrant' });

export const RoleGrantListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(GRANT_STATUSES).optional(),
  userId: z.uuid().optional(),
});

export const RoleGrantRequest = z
  .strictObject({
    userId: z.uuid().optional().describe('A user of an organisation that takes part in this region'),
    email: z
      .email()
      .max(254)
      .transform((e) => e.toLowerCase())
      .optional()
      .describe('Instead of userId: the e-mail address of a user of another region’s organisation'),
    role: z.enum(ROLES),
    reason: reason.describe('Why the user needs this role in this region'),
  })
  .superRefine((v, ctx) => {
    if ((v.userId === undefined) === (v.email === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Give either userId or email.' });
    }
  });

export const RoleGrantDecision = z.strictObject({
  reason: reason.optional(),
  version: z.number().int().min(1).max(2_147_483_647),
});

export const RoleGrantEnd = z.strictObject({
  reason,
  version: z.number().int().min(1).max(2_147_483_647),
});
