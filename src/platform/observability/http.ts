/**
 * The HTTP side of observability: the Fastify options that make the trace id the request id (and the
 * key of the request's log lines), the hooks that count and time each request by route template, the
 * sign-in failure counter, and /metrics — on the main port behind METRICS_TOKEN, or on METRICS_PORT.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { isOidcRefusal } from '../../core/sign-in.js';
import type { Db } from '../db/database.js';
import { problem } from '../http/problem.js';
import { jobLogMixin } from './jobs.js';
import {
  collectProcessMetrics,
  httpDuration,
  httpRequests,
  metricsRegistry,
  signInFailures,
  watchPool,
} from './metrics.js';
import type { ObservabilitySettings } from './settings.js';
import { nameRequestSpan, requestTraceId, tracingActive, tracingServerFactory } from './tracing.js';

/** Options for the Fastify constructor (src/app.ts). */
export function fastifyObservabilityOptions() {
  return {
    genReqId: requestTraceId,
    // request.log lines carry the trace id under the key the access log and the req serializer use.
    logController: new LogController({ requestIdLogLabel: 'traceId' }),
    ...(tracingActive() ? { serverFactory: tracingServerFactory } : {}),
  };
}

/** The logger's mixin (src/app.ts): job runs' log lines carry their trace id. */
export const logMixin = jobLogMixin;

/** The routes where a refused answer is a failed sign-in. */
const SIGN_IN_ROUTES = new Set(['/api/v1/auth/login', '/api/v1/auth/login/passkey-options']);
const SSO_CALLBACK = '/api/v1/auth/oidc/callback';

function reasonOf(request: FastifyRequest, reply: FastifyReply): string | null {
  const route = request.routeOptions.url;
  if (route === undefined) return null;
  if ((SIGN_IN_ROUTES.has(route) || route === SSO_CALLBACK) && reply.statusCode >= 400) {
    const failure = request.failure as { code?: unknown } | undefined;
    return typeof failure?.code === 'string' ? failure.code : String(reply.statusCode);
  }
  if (route === SSO_CALLBACK && reply.statusCode === 303) {
    // A refused return from the identity provider goes to the sign-in page with the reason's code.
    const location = String(reply.getHeader('location') ?? '');
    const code = /^\/inloggen\?fout=([a-z_]{1,60})$/.exec(location)?.[1];
    return code && isOidcRefusal(code) ? code.toUpperCase() : null;
  }
  return null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Does the Authorization header carry the token? Compared in constant time (over fixed-length digests). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer (\S+)$/i.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}

const unauthorised = () =>
  problem(401, 'UNAUTHENTICATED', 'The metrics ask for the bearer token of METRICS_TOKEN.', [
    { in: 'header', pointer: '/authorization', code: 'INVALID_TOKEN', detail: 'Missing or wrong bearer token.' },
  ]);

async function metricsText(): Promise<string> {
  return metricsRegistry.metrics();
}

/**
 * Hooks and routes on the app: request metrics and /metrics when metrics are served, span names when
 * tracing. With neither configured this adds nothing.
 */
export function observeHttp(app: FastifyInstance, settings: ObservabilitySettings, db: Db): void {
  if (tracingActive()) {
    app.addHook('onRequest', async (request) => {
      nameRequestSpan(request.raw, request.routeOptions.url);
    });
  }
  const metricsOn = settings.metricsPort !== null || settings.metricsToken !== null;
  if (!metricsOn) return;
  collectProcessMetrics();
  const unwatch = Object.entries(db.pools ?? {}).map(([name, pool]) => watchPool(name, pool));
  app.addHook('onClose', async () => {
    for (const u of unwatch) u();
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
    const reason = reasonOf(request, reply);
    if (reason) signInFailures.inc({ reason });
  });
  const token = settings.metricsToken;
  if (settings.metricsPort === null && token !== null) {
    app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      if (!bearerMatches(request.headers.authorization, token)) {
        return reply
          .code(401)
          .header('WWW-Authenticate', 'Bearer realm="metrics"')
          .type('application/problem+json; charset=utf-8')
          .send(unauthorised());
      }
      reply.header('Cache-Control', 'no-store').type(metricsRegistry.contentType);
      return metricsText();
    });
  }
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * /metrics on a port of its own (METRICS_PORT), nothing else there; METRICS_TOKEN, when also set, is
 * asked for here too. Resolves once listening; `close` stops it.
 */
export async function startMetricsServer(
  settings: ObservabilitySettings,
): Promise<{ server: Server; port: number; close(): Promise<void> } | null> {
  if (settings.metricsPort === null) return null;
  const token = settings.metricsToken;
  const server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return sendJson(res, 404, problem(404, 'NOT_FOUND', 'Only GET /metrics is served on this port.'));
    }
    if (token !== null && !bearerMatches(req.headers.authorization, token)) {
      return sendJson(res, 401, unauthorised(), { 'WWW-Authenticate': 'Bearer realm="metrics"' });
    }
    metricsText().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metricsRegistry.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => sendJson(res, 500, problem(500, 'INTERNAL', 'The metrics could not be collected.')),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.metricsPort as number, settings.metricsHost, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (settings.metricsPort as number);
  return {
    server,
    port,
    // A scrape cut short does no harm: open (keep-alive) connections do not hold up a shutdown.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
