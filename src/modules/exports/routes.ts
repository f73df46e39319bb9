import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as exp from './service.js';

export const FailedJob = z
  .object({
    id: z.uuid(),
    job: z.string().describe('The kind of job (label catalogue: jobNames)'),
    installationWide: z.boolean().describe('True: the job ran for the whole installation, not for one region'),
    attempts: z.number().int(),
    failedAt: z.iso.datetime(),
    error: z.string().describe('The error class and message (never personal data)'),
  })
  .meta({ id: 'FailedJob' });

/** Asynchronous exports (the user's own) and the admin's view of failed jobs. */
export function exportsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['exports'];
    // Signed in only: which permission is needed depends on the kind (exp.KINDS), checked by the service
    // with the same 403 the hook gives.
    const access = 'signed-in' as const;
    r.post(
      '/exports',
      {
        config: { access },
        schema: {
          tags,
          summary: `Start an export; it is built in the background and kept ${exp.EXPORT_HOURS} hours for you only`,
          description:
            `\`access-log-csv\` (access-log:read): the access-log search as CSV, at most ${exp.CSV_MAX_ROWS} rows. ` +
            '`annual-report-pdf` (reports:read): the yearly report as PDF; 422 at once for a year none of whose quarters has ended.',
          body: exp.ExportStart,
          response: { 202: exp.Export, ...signedInProblems, ...problems(422) },
        },
      },
      async (req, reply) => reply.code(202).send(await exp.startExport(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/exports',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Your latest exports (20) of the kinds your role may use, newest first',
          response: { 200: z.object({ items: z.array(exp.Export) }), ...signedInProblems },
        },
      },
      async (req) => ({ items: await exp.listExports(deps, actorOf(req)) }),
    );
    r.get(
      '/exports/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The state and progress of one of your exports',
          params: IdParams,
          response: { 200: exp.Export, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => exp.getExport(deps, actorOf(req), req.params.id),
    );
    r.get(
      '/exports/:id/content',
      {
        config: { access },
        schema: {
          tags,
          summary:
            'Download a finished export of yours (the download is logged); 403 once your role may no longer use its kind, 404 once it has expired',
          params: IdParams,
          response: {
            200: {
              description: 'The file: CSV for access-log-csv, PDF for annual-report-pdf',
              content: {
                'text/csv': { schema: z.string() },
                'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
              },
            },
            ...signedInProblems,
            ...problems(404),
          },
        },
      },
      async (req, reply) => {
        const file = await exp.downloadExport(deps, actorOf(req), req.id, req.params.id);
        return (
          reply
            .type(file.mediaType)
            .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
            .header('Cache-Control', 'no-store')
            // A Buffer goes out as is, bytes unchanged (Fastify skips serialisation); the type provider
            // only knows the schema's string.
            .send(file.content as unknown as string)
        );
      },
    );

    // --- Failed jobs (the dead-letter view) -------------------------------------------------------
    r.get(
      '/jobs/failed',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['jobs'],
          summary:
            'Background jobs of your region (and of the whole installation) that failed after their retries (admin)',
          response: { 200: z.object({ items: z.array(FailedJob) }), ...signedInProblems },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const failed = (await deps.jobs?.failed(actor.regionId)) ?? [];
        return {
          items: failed.map((f) => ({
            id: f.id,
            job: f.name,
            installationWide: f.regionId === null,
            attempts: f.attempts,
            failedAt: f.failedAt.toISOString(),
            error: f.error,
          })),
        };
      },
    );
    r.post(
      '/jobs/failed/:id/retry',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['jobs'],
          summary: 'Run a failed job of your region again (admin)',
          params: IdParams,
          response: { 204: z.null().describe('Queued again'), ...signedInProblems, ...problems(404) },
        },
      },
      async (req, reply) => {
        if (!(await deps.jobs?.retry(actorOf(req).regionId, req.params.id))) throw notFound('The failed job');
        return reply.code(204).send(null);
      },
    );
  };
}
