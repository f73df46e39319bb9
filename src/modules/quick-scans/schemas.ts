import { z } from 'zod';
import { calendarDate, INT4_MAX } from '../../core/input.js';

export const QUICK_SCAN_STATUSES = ['planned', 'running', 'completed'] as const;
export const RECOMMENDATION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;

const isoDate = calendarDate();
const text = (max: number) => z.string().trim().min(1).max(max);

export const RecommendedAction = z
  .object({ text: text(2000), status: z.enum(RECOMMENDATION_STATUSES).default('open') })
  .strict();

export const QuickScan = z
  .object({
    id: z.uuid(),
    title: z.string(),
    theme: z.string(),
    area: z.string(),
    commissioner: z.string(),
    researcher: z.string(),
    status: z.enum(QUICK_SCAN_STATUSES),
    startedOn: isoDate.nullable(),
    completedOn: isoDate.nullable(),
    findings: z.string().nullable(),
    recommendedActions: z.array(z.object({ text: z.string(), status: z.enum(RECOMMENDATION_STATUSES) })),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({
    id: 'QuickScan',
    description:
      'A quick scan or analysis at phenomenon level — an area, a group, a theme — with its commissioner, researcher, ' +
      'findings and recommended actions. It never holds personal data: do not name or describe individual persons.',
  });

export const QuickScanQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: z.enum(QUICK_SCAN_STATUSES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
});

export const QuickScanCreate = z.strictObject({
  title: text(300),
  theme: text(200),
  area: text(200),
  commissioner: text(200),
  researcher: text(200),
  status: z.enum(QUICK_SCAN_STATUSES).default('planned'),
  startedOn: isoDate.nullable().optional(),
  completedOn: isoDate.nullable().optional(),
  findings: text(50_000).nullable().optional(),
  recommendedActions: z.array(RecommendedAction).max(100).default([]),
});

export const QuickScanUpdate = z.strictObject({
  title: text(300).optional(),
  theme: text(200).optional(),
  area: text(200).optional(),
  commissioner: text(200).optional(),
  researcher: text(200).optional(),
  status: z.enum(QUICK_SCAN_STATUSES).optional(),
  startedOn: isoDate.nullable().optional(),
  completedOn: isoDate.nullable().optional(),
  findings: text(50_000).nullable().optional(),
  recommendedActions: z.array(RecommendedAction).max(100).optional(),
  version: z.number().int().min(1).max(INT4_MAX),
});
