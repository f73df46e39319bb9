import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { migrationsApplied } from '../../platform/db/migrate.js';
import type { Deps } from '../../platform/deps.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), detail: z.string().optional() });

export function healthRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/healthz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Health } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    r.get(
      '/readyz',
      { config: { access: 'public' }, schema: { hide: true, response: { 200: Health, 503: Health } } },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(deps.db.kysely);
          if (!(await migrationsApplied(deps.db))) {
            return reply.code(503).send({ status: 'unavailable', detail: 'migrations pending' });
          }
          return { status: 'ok' as const };
        } catch {
          return reply.code(503).send({ status: 'unavailable', detail: 'database unreachable' });
        }
      },
    );
  };
}
