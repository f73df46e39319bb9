import { z } from 'zod';

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;

const name = (max: number) => z.string().trim().min(1).max(max);

/** The name parts as shown (output). */
export const PersonName = z.object({
  firstName: z.string(),
  namePrefix: z.string().nullable(),
  lastName: z.string(),
});

/** A person registered together with a signal (or by a process director). */
export const NewPerson = z.strictObject({
  firstName: name(100),
  namePrefix: name(20).nullable().optional().describe('Tussenvoegsel, e.g. "de", "van der"'),
  lastName: name(100),
  dateOfBirth: z.iso.date().nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
});

export const PersonCreate = NewPerson.extend({
  residenceMunicipalityId: z.uuid().nullable().optional(),
});

export const PersonUpdate = z.strictObject({
  firstName: name(100).optional(),
  namePrefix: name(20).nullable().optional(),
  lastName: name(100).optional(),
  dateOfBirth: z.iso.date().nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  residenceMunicipalityId: z.uuid().nullable().optional(),
  version: z.number().int().min(1),
});

export const Person = z
  .object({
    id: z.uuid(),
    ...PersonName.shape,
    dateOfBirth: z.iso.date().nullable(),
    gender: z.enum(GENDERS).nullable(),
    residenceMunicipalityId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Person' });

/** A name search on intake. A POST body, so that names never appear in a URL or a log line. */
export const PersonMatchQuery = z.strictObject({
  firstName: name(100),
  namePrefix: name(20).nullable().optional(),
  lastName: name(100),
  dateOfBirth: z.iso.date().nullable().optional(),
  signalId: z.uuid().optional().describe('The signal being taken in; recorded as the purpose in the access log'),
});

export const MatchReason = z
  .object({
    code: z.enum(['name_similar', 'same_date_of_birth', 'different_date_of_birth', 'date_of_birth_unknown']),
    detail: z.string().describe('Dutch explanation for the user, e.g. "naam lijkt 86% op"'),
  })
  .meta({ id: 'PersonMatchReason' });

export const PersonMatch = z
  .object({
    personId: z.uuid(),
    ...PersonName.shape,
    dateOfBirth: z.iso.date().nullable(),
    nameSimilarity: z.number().describe('Trigram similarity of the names, 0–1 (names only, nothing else)'),
    reasons: z.array(MatchReason),
    knownIn: z
      .object({ signals: z.number().int(), cases: z.number().int() })
      .describe('Counts only: in how many signals and cases the person is known'),
  })
  .meta({ id: 'PersonMatch' });

export const PersonMatchList = z.object({ items: z.array(PersonMatch) }).meta({ id: 'PersonMatchList' });
