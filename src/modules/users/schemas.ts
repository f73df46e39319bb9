import { z } from 'zod';
import { ROLES } from '../../core/roles.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password.js';

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    organisationId: z.uuid(),
    organisationName: z.string(),
    locale: z.enum(['nl', 'en']),
    secondFactorEnrolled: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'User' });

export const UserCreate = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  locale: z.enum(['nl', 'en']).default('nl'),
  initialPassword: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});

export const UserUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  organisationId: z.uuid(),
  locale: z.enum(['nl', 'en']),
  disabled: z.boolean(),
  version: z.number().int().min(1),
});

export const UserListQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  organisationId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
});
