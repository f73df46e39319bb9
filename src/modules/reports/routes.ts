import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { problems, signedInProblems } from '../../platform/http/openapi.js';
import { reportCsv, reportFileName } from './render.js';
import { AnnualQuery, Report } from './schemas.js';
import * as service from './service.js';

const PERIODS =
  'Only whole periods are reported: a calendar year that has ended, or the running year through its last ' +
  'completed quarter (422 for a year none of whose quarters has ended). Counts of 1–4 are shown as "<5", with ' +
  'complementary suppression ("x") so that no small count can be worked out, not even by subtracting two reports.';

/** Reports and the executive dashboard: aggregates through src/core/small-cells.ts, reports:read. */
export function reportsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const access = 'reports:read' as const;
    const reportProblems = { ...signedInProblems, ...problems(422) };
    const file = (mediaType: string, description: string) => ({
      description,
      content: { [mediaType]: { schema: z.string() } },
    });

    r.get(
      '/reports/annual',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The yearly report to the council and the input for the NCTV funding request',
          description: PERIODS,
          querystring: AnnualQuery,
          response: { 200: Report, ...reportProblems },
        },
      },
      async (req) => service.annualReport(deps, actorOf(req), req.id, req.query.year, 'json'),
    );
    r.get(
      '/reports/annual.csv',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The yearly report as one CSV file (one line per cell, with a section column)',
          description: PERIODS,
          querystring: AnnualQuery,
          response: { 200: file('text/csv', 'The report as CSV (UTF-8)'), ...reportProblems },
        },
      },
      async (req, reply) => {
        const report = await service.annualReport(deps, actorOf(req), req.id, req.query.year, 'csv');
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${reportFileName(report, 'csv')}"`)
          .send(reportCsv(report) as never);
      },
    );
    // The PDF is made on the job queue (POST /exports, kind annual-report-pdf): rendering it took too
    // long for a request (issue 9 point 3).
    r.get(
      '/dashboard',
      {
        config: { access },
        schema: {
          tags,
          summary:
            'The executive dashboard: the report’s aggregates for the running year through its last completed quarter',
          description: `In the first quarter of a year the dashboard shows the previous year. ${PERIODS}`,
          response: { 200: Report, ...signedInProblems },
        },
      },
      async (req) => service.dashboard(deps, actorOf(req), req.id),
    );
  };
}
