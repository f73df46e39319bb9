import { z } from 'zod';
import { INT4_MAX } from '../../core/input.js';

export const ORGANISATION_TYPES = [
  'municipality',
  'police',
  'public_prosecutor',
  'mental_health',
  'youth_protection',
  'probation',
  'child_protection_board',
  'safety_house',
  'education',
  'welfare',
  'expertise_pool',
  'other',
] as const;

export const Region = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    isDemo: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Region' });

export const RegionCreate = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/, 'Lowercase letters, digits and hyphens, 2 to 40'),
  name: z.string().trim().min(1).max(200),
});
export const RegionUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(ORGANISATION_TYPES),
    administered: z.boolean().describe('Whether the current region is its home region, which administers its users'),
    version: z.number().int(),
  })
  .meta({ id: 'Organisation' });
export const OrganisationCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  type: z.enum(ORGANISATION_TYPES),
});
export const OrganisationUpdate = OrganisationCreate.extend({ version: z.number().int().min(1).max(INT4_MAX) });

export const Municipality = z
  .object({
    id: z.uuid(),
    name: z.string(),
    cbsCode: z.string().nullable(),
    district: z.string().nullable(),
    isCoordinating: z.boolean(),
    organisationId: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Municipality' });
export const MunicipalityCreate = z.strictObject({
  name: z.string().trim().min(1).max(200),
  cbsCode: z
    .string()
    .regex(/^GM\d{4}$/, 'A CBS municipality code such as GM0503')
    .nullable()
    .optional(),
  district: z.string().trim().min(1).max(100).nullable().optional(),
  isCoordinating: z.boolean().default(false),
  organisationId: z.uuid().nullable().optional(),
});
export const MunicipalityUpdate = MunicipalityCreate.extend({ version: z.number().int().min(1).max(INT4_MAX) });
