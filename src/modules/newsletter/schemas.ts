import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';
import { listControls, optionalText, requiredText } from '../networks/common.js';

const isoDate = calendarDate();
const version = z.number().int().min(1).max(INT4_MAX);

export const SUBSCRIBER_KINDS = ['partner', 'professional'] as const;
export const ISSUE_STATUSES = ['draft', 'sending', 'sent'] as const;

export const Subscriber = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    organisation: z.string().nullable(),
    kind: z.enum(SUBSCRIBER_KINDS),
    subscribedOn: isoDate,
    unsubscribed: z.boolean(),
    unsubscribedOn: isoDate.nullable(),
    consentGivenOn: isoDate
      .nullable()
      .meta({ description: 'When the subscriber consented to receiving the newsletter.' }),
    consentSource: z.string().nullable().meta({ description: 'How the consent was given (form, e-mail, in person…).' }),
    hasConsent: z
      .boolean()
      .meta({ description: 'Consent is recorded; the newsletter is sent only to active subscribers with consent.' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'NewsletterSubscriber' });

export const SubscriberListQuery = z.strictObject({
  ...listControls,
  kind: z.enum(SUBSCRIBER_KINDS).optional(),
  unsubscribed: z.enum(['true', 'false']).optional(),
});

const email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const SubscriberCreate = z.strictObject({
  name: requiredText(200),
  email,
  organisation: optionalText(200),
  kind: z.enum(SUBSCRIBER_KINDS),
  subscribedOn: isoDate.optional().meta({ description: 'Defaults to today.' }),
  consentGivenOn: isoDate.meta({ description: 'When the subscriber consented (not in the future).' }),
  consentSource: requiredText(500).meta({ description: 'How the consent was given, e.g. the sign-up form.' }),
});

export const SubscriberUpdate = z.strictObject({
  name: requiredText(200).optional(),
  email: email.optional(),
  organisation: optionalText(200),
  kind: z.enum(SUBSCRIBER_KINDS).optional(),
  unsubscribed: z.boolean().optional().meta({ description: 'true unsubscribes today; false subscribes again.' }),
  consentGivenOn: isoDate.optional().meta({ description: 'Records (or corrects) the date of consent.' }),
  consentSource: requiredText(500).optional(),
  version,
});

export const NewsletterIssue = z
  .object({
    id: z.uuid(),
    title: z.string(),
    period: z.string().meta({ description: 'Half year, e.g. 2026-1 (spring) or 2026-2 (autumn).' }),
    body: z.string(),
    status: z.enum(ISSUE_STATUSES),
    sentAt: z.iso.datetime().nullable(),
    sentByName: z.string().nullable(),
    deliveries: z.object({ sent: z.number().int(), failed: z.number().int() }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'NewsletterIssue' });

const period = z.string().regex(/^\d{4}-[12]$/, 'A half year: YYYY-1 or YYYY-2');

export const IssueCreate = z.strictObject({
  title: requiredText(300),
  period,
  body: z.string().trim().min(1).max(200000).meta({ description: 'Plain text; blank lines separate paragraphs.' }),
});

export const IssueUpdate = z.strictObject({
  title: requiredText(300).optional(),
  period: period.optional(),
  body: z.string().trim().min(1).max(200000).optional(),
  version,
});

export const IssueListQuery = z.strictObject({ ...listControls, status: z.enum(ISSUE_STATUSES).optional() });

export const SendingRequest = z.strictObject({ version });

export const SendingResult = z
  .object({
    issue: NewsletterIssue,
    recipients: z
      .number()
      .int()
      .meta({ description: 'Subscribers the send will reach, one message each (sent in the background).' }),
  })
  .meta({ id: 'NewsletterSendingResult' });

export const Delivery = z
  .object({
    id: z.uuid(),
    subscriberId: z.uuid().nullable(),
    subscriberName: z.string().nullable(),
    email: z.string().nullable(),
    status: z.enum(['sent', 'failed']),
    error: z.string().nullable(),
    attemptedAt: z.iso.datetime(),
  })
  .meta({ id: 'NewsletterDelivery' });

export const ExportQuery = z.strictObject({ format: z.enum(['html', 'eml']).default('html') });
