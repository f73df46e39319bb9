import type { FastifyInstance } from 'fastify';
import { problem, sendProblem } from './problem.js';

/**
 * Draining for a graceful shutdown. While draining, a request that arrives (on a connection that was
 * open before the signal) gets a problem+json 503 with Retry-After, and every answer — also those of
 * the requests still in flight — says `Connection: close`, so the keep-alive connections end with it.
 */
export interface Drain {
  readonly draining: boolean;
  start(): void;
}

const drains = new WeakMap<FastifyInstance, Drain>();

/** Adds the draining hooks to `app` (first, before authentication); {@link shutDown} starts draining. */
export function drainHooks(app: FastifyInstance): Drain {
  let draining = false;
  app.addHook('onRequest', async (_request, reply) => {
    if (!draining) return;
    reply.header('Connection', 'close').header('Retry-After', '5');
    return sendProblem(reply, problem(503, 'SHUTTING_DOWN', 'This server is shutting down; try again shortly.'));
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('Connection', 'close');
    return payload;
  });
  const drain: Drain = {
    get draining() {
      return draining;
    },
    start() {
      draining = true;
    },
  };
  drains.set(app, drain);
  return drain;
}

export interface ShutdownOptions {
  /** How long in-flight requests may take before their connections are cut. */
  graceMs: number;
  /** After the HTTP server: stop the jobs at a safe point, close the pools. */
  afterHttp: () => Promise<void>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * Stops accepting connections, lets the requests in flight finish within the grace period (then
 * cuts what is left), runs `afterHttp` and resolves with the exit code: 0 when every request
 * finished in time, 1 when connections had to be cut.
 */
export async function shutDown(app: FastifyInstance, options: ShutdownOptions): Promise<number> {
  drains.get(app)?.start();
  const started = Date.now();
  let cut = false;
  const closed = app.close();
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.graceMs).unref());
  if ((await Promise.race([closed.then(() => 'closed' as const), timer])) === 'timeout') {
    cut = true;
    options.log.warn({ graceMs: options.graceMs }, 'grace period over: cutting the connections still open');
    app.server.closeAllConnections();
    await closed;
  }
  options.log.info({ ms: Date.now() - started }, 'HTTP server closed');
  await options.afterHttp();
  return cut ? 1 : 0;
}
