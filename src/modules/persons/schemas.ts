import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';

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
  dateOfBirth: calendarDate().nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
});

export const PersonCreate = NewPerson.extend({
  residenceMunicipalityId: z.uuid().nullable().optional(),
});

export const PersonUpdate = z.strictObject({
  firstName: name(100).optional(),
  namePrefix: name(20).nullable().optional(),
  lastName: name(100).optional(),
  dateOfBirth: calendarDate().nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  residenceMunicipalityId: z.uuid().nullable().optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});

export const Person = z
  .object({
    id: z.uuid(),
    ...PersonName.shape,
    dateOfBirth: calendarDate().nullable(),
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
  dateOfBirth: calendarDate().nullable().optional(),
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
    dateOfBirth: calendarDate().nullable(),
    nameSimilarity: z.number().describe('Trigram similarity of the names, 0–1 (names only, nothing else)'),
    reasons: z.array(MatchReason),
    knownIn: z
      .object({ signals: z.number().int(), cases: z.number().int() })
      .describe('Counts only: in how many signals and cases the person is known'),
  })
  .meta({ id: 'PersonMatch' });

const Ref = z.object({ id: z.uuid(), name: z.string() });

export const ContactPerson = z
  .object({ name: z.string(), email: z.string() })
  .meta({ id: 'ContactPerson', description: 'A process director to contact' });

export const KnownTo = z
  .object({
    municipality: Ref,
    contacts: z.array(ContactPerson).describe('The process directors of the municipality, to contact'),
  })
  .meta({ id: 'PersonKnownTo' });

/**
 * A match on a person the searcher may not see: only that such a person is known to another
 * municipality — no name, date of birth, counts or person id. The hit id names the match for a link
 * request (POST /person-link-requests), for the searcher only and for a day.
 */
export const PersonMatchHit = z
  .object({
    hitId: z.uuid().describe('Opaque; only the searcher can use it, until expiresAt'),
    knownTo: z.array(KnownTo).min(1).describe('The municipalities the person is known to'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PersonMatchHit' });

export const PersonMatchList = z
  .object({
    items: z.array(PersonMatch).describe('Persons you may already see, with their details'),
    hits: z.array(PersonMatchHit).describe('Persons known to another municipality (hit/no-hit; nothing more)'),
  })
  .meta({ id: 'PersonMatchList' });

// --- Link requests -----------------------------------------------------------------------------------

export const LINK_REQUEST_STATUSES = ['pending', 'accepted', 'refused'] as const;
const reasonText = z.string().trim().min(1).max(2000);

export const LinkRequestCreate = z.strictObject({
  hitId: z.uuid().describe('The hit of your search (PersonMatchHit.hitId)'),
  signalId: z.uuid().describe('Your signal the person is to be linked to (open, and yours to change)'),
  reason: reasonText.describe('For the deciding process director: why you believe it is this person and need the link'),
});

export const LinkRequestAcceptance = z.strictObject({
  version: z.number().int().min(1).max(INT4_MAX),
  reason: reasonText.optional().describe('Optional note to the requester'),
});

export const LinkRequestRefusal = z.strictObject({
  version: z.number().int().min(1).max(INT4_MAX),
  reason: reasonText.describe('Why the link is refused (shown to the requester)'),
});

export const LinkRequestListQuery = z.strictObject({
  direction: z
    .enum(['incoming', 'outgoing'])
    .describe('incoming: requests you may decide (process directors); outgoing: requests for your signals'),
  status: z.enum(LINK_REQUEST_STATUSES).optional(),
  signalId: z.uuid().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const SearchedFor = z
  .object({ ...PersonName.shape, dateOfBirth: calendarDate().nullable() })
  .describe('The name and date of birth the requester searched for');

export const LinkRequest = z
  .object({
    id: z.uuid(),
    status: z.enum(LINK_REQUEST_STATUSES),
    signal: z.object({ id: z.uuid(), reference: z.string() }),
    requesterMunicipality: Ref.describe('The municipality of the requesting signal'),
    requestedBy: Ref,
    requesterOrganisation: Ref,
    requestedAt: z.iso.datetime(),
    reason: z.string(),
    searchedFor: SearchedFor,
    knownTo: z.array(KnownTo).describe('The municipalities the person is known to, with their process directors'),
    person: z
      .object({ id: z.uuid(), ...PersonName.shape, dateOfBirth: calendarDate().nullable() })
      .nullable()
      .describe('The matched person: only for whoever may decide (null for the requester)'),
    decidedBy: Ref.nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionReason: z.string().nullable(),
    canDecide: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'PersonLinkRequest' });
