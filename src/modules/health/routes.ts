import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { readiness } from '../../platform/observability/readiness.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), detail: z.string().optional() });
/** Each component: ok, why not, whether it decides readiness, and its facts (counts, last runs). */
const Readiness = Health.extend({
  checks: z.record(
    z.string(),
    z.object({ ok: z.boolean(), required: z.boolean(), detail: z.string().optional() }).loose(),
  ),
});

export function healthRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // Cheap: the process answers. Nothing is asked of the database.
    r.get(
      '/healthz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Health } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    // The database, the migrations, the schedulers and every check registered with
    // registerReadinessCheck (src/platform/observability/readiness.ts); 503 names the failing ones.
    r.get(
      '/readyz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Readiness, 503: Readiness } } },
      async (_request, reply) => {
        const report = await readiness(deps.db);
        reply.header('Cache-Control', 'no-store');
        return reply.code(report.status === 'ok' ? 200 : 503).send(report);
      },
    );
  };
}
