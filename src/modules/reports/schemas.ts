import { z } from 'zod';
import { calendarDate } from '../../core/input.js';

export const GuardedCountSchema = z.union([z.number().int().min(0), z.enum(['<5', 'x'])]).meta({
  id: 'GuardedCount',
  description:
    'A published count: the exact number; "<5" for a count from 0 to 4 (1–4 always, 0 when hidden to protect a ' +
    'neighbour); or "x", withheld to protect a small count elsewhere in its row or column.',
});

export const ReportSection = z
  .object({
    key: z.string(),
    title: z.string(),
    description: z.string(),
    /** budget: the values are amounts in euro cents (money, not counts; not suppressed). */
    basis: z.enum(['period', 'snapshot', 'activity', 'budget']),
    /** False when the installation does not keep this data (e.g. trainings); columns and rows are then empty. */
    available: z.boolean(),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    rows: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        isTotal: z.boolean(),
        values: z.array(GuardedCountSchema),
      }),
    ),
  })
  .meta({
    id: 'ReportSection',
    description:
      'One table of the report. For basis "budget" the values are amounts in euro cents (integers), not counts; ' +
      'every other section holds counts that passed the small-cell guard.',
  });

export const Report = z
  .object({
    kind: z.enum(['annual', 'dashboard']),
    year: z.number().int(),
    period: z.object({
      year: z.number().int(),
      quarters: z.number().int().min(1).max(4),
      fromOn: calendarDate(),
      toOn: calendarDate(),
      complete: z.boolean(),
    }),
    generatedAt: z.iso.datetime(),
    demo: z.boolean(),
    suppression: z.object({ threshold: z.number().int(), note: z.string() }),
    sections: z.array(ReportSection),
  })
  .meta({
    id: 'ProgrammeReport',
    description:
      'Aggregates only, never personal data. Every count passed the small-cell guard; only whole quarters and ' +
      'calendar years are reported, each quarter protected on its own.',
  });

export const AnnualQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });
