import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import { listRoute } from '../../platform/http/route-options.js';
import { QuickScan, QuickScanCreate, QuickScanQuery, QuickScanUpdate } from './schemas.js';
import * as service from './service.js';

const PHENOMENON_ONLY = ' Quick scans are about phenomena — an area, a group, a theme — and never hold personal data.';

/**
 * Quick scans and analyses (seed 001, action line 2). Reading needs reports:read (every role with
 * programme:work has it too, see programme.test.ts); changing needs programme:work.
 */
export function quickScansRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['quick-scans'];
    const writeProblems = { ...signedInProblems, ...problems(404, 409) };

    r.get(
      '/quick-scans',
      listRoute(
        'reports:read',
        {
          tags,
          summary: 'Quick scans and analyses, newest first',
          description: `Filter by status; q searches title, theme, area, commissioner, researcher and findings.${PHENOMENON_ONLY}`,
          querystring: QuickScanQuery,
        },
        QuickScan,
      ),
      async (req) => service.listQuickScans(deps, actorOf(req), req.query),
    );
    r.get(
      '/quick-scans/:id',
      {
        config: { access: 'reports:read' },
        schema: {
          tags,
          summary: 'One quick scan',
          params: IdParams,
          response: { 200: QuickScan, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getQuickScan(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/quick-scans',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Record a quick scan or analysis',
          description: `A completed scan has a completion date, on or after its start date.${PHENOMENON_ONLY}`,
          body: QuickScanCreate,
          response: { 201: QuickScan, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createQuickScan(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/quick-scans/:id',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Change a quick scan (only the fields sent; recommendedActions replaces the list)',
          description: PHENOMENON_ONLY.trim(),
          params: IdParams,
          body: QuickScanUpdate,
          response: { 200: QuickScan, ...writeProblems },
        },
      },
      async (req) => service.updateQuickScan(deps, actorOf(req), req.params.id, req.body),
    );
    r.delete(
      '/quick-scans/:id',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Remove a quick scan that was recorded by mistake',
          params: IdParams,
          response: { 204: z.null().meta({ description: 'Removed' }), ...signedInProblems, ...problems(404) },
        },
      },
      async (req, reply) => {
        await service.deleteQuickScan(deps, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
