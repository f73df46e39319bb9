/**
 * Per-route answer times (issue 9 point 5). Every route answers within REQUEST_TIMEOUT_SECONDS unless
 * its route options allow more (`config: { timeoutSeconds }`, e.g. the report PDFs). A route that has not
 * answered by then gets a 503 problem+json `REQUEST_TIMEOUT` with Retry-After, and the connection is
 * closed after the answer. On a PostgreSQL server the statement timeout (shorter by default) usually ends
 * the work first, with its transaction rolled back (`DATABASE_TIMEOUT`); the request timeout is the
 * backstop for work that is not in the database, and its answer means "the outcome is not known".
 */
import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problem.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route may take this long before it is answered with 503 REQUEST_TIMEOUT. */
    timeoutSeconds?: number;
  }
}

export function registerRouteTimeouts(app: FastifyInstance, defaultMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    const seconds = request.routeOptions.config?.timeoutSeconds;
    const ms = seconds ? seconds * 1000 : defaultMs;
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent) return;
      reply.header('Connection', 'close');
      void sendProblem(
        reply,
        problem(
          503,
          'REQUEST_TIMEOUT',
          `The request took longer than ${Math.round(ms / 1000)} seconds and was stopped; its outcome is not known. Check before trying again.`,
        ),
        { 'Retry-After': '30' },
      );
    }, ms);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
    reply.raw.once('finish', () => clearTimeout(timer));
  });
}
