import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { resourceOfRoute } from './core/token-scope.js';
import { accessLogRoutes } from './modules/access-log/routes.js';
import { securityEventHooks } from './modules/access-log/security-events.js';
import { assessmentsRoutes } from './modules/assessments/routes.js';
import { authRoutes } from './modules/auth/routes.js';
import { ssoRoutes } from './modules/auth/sso-routes.js';
import { casesRoutes } from './modules/cases/routes.js';
import { caseSafeguardRoutes } from './modules/cases/wgpa-routes.js';
import { contactCirclesRoutes } from './modules/contact-circles/routes.js';
import { expertiseRoutes } from './modules/expertise/routes.js';
import { exportsRoutes } from './modules/exports/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { meetingsRoutes } from './modules/meetings/routes.js';
import { monitoringRoutes } from './modules/monitoring/routes.js';
import { networksRoutes } from './modules/networks/routes.js';
import { newsletterRoutes } from './modules/newsletter/routes.js';
import { organisationRoutes } from './modules/organisations/routes.js';
import { personsRoutes } from './modules/persons/routes.js';
import { plansRoutes } from './modules/plans/routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { programmeRoutes } from './modules/programme/routes.js';
import { quickScansRoutes } from './modules/quick-scans/routes.js';
import { reportsRoutes } from './modules/reports/routes.js';
import { signalsRoutes } from './modules/signals/routes.js';
import { triageRoutes } from './modules/triage/routes.js';
import { grantRoutes } from './modules/users/grant-routes.js';
import { identityRoutes } from './modules/users/identity-routes.js';
import { userRoutes } from './modules/users/routes.js';
import type { Deps } from './platform/deps.js';
import { authHook } from './platform/http/auth-hook.js';
import { frameworkErrorHandler } from './platform/http/framework-errors.js';
import { API_PREFIX, API_VERSION, finaliseOpenApi } from './platform/http/openapi.js';
import { errorHandler, problem, sendProblem } from './platform/http/problem.js';
import { applySecurityHeaders } from './platform/http/security-headers.js';
import { drainHooks } from './platform/http/shutdown.js';
import { registerRouteTimeouts } from './platform/http/timeouts.js';
import { fastifyObservabilityOptions, logMixin, observeHttp } from './platform/observability/http.js';

export type App = FastifyInstance;

const WEB_DIR = fileURLToPath(new URL('../dist/web/', import.meta.url));
const WEB_DIR_FROM_BUILD = fileURLToPath(new URL('../web/', import.meta.url));

export interface AppOptions {
  /** Serve the built web app from dist/web (default: when it exists). */
  serveWeb?: boolean;
  logger?: boolean | object;
  /** Where the default JSON logger writes (default: standard output); tests read the lines. */
  logStream?: { write(line: string): void };
}

/** Fastify's form of TRUST_PROXY: the n nearest hops (a function, as proxy-addr counts them), or addresses. */
function trustProxyOption(setting: false | number | string[]) {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

export async function buildApp(deps: Deps, options: AppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? {
      level: deps.config.logLevel,
      // Never log cookies, tokens or bodies: they may carry personal data or secrets.
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
          method: req.method,
          // The route pattern, not the URL: query strings never reach the log.
          route: req.routeOptions?.url ?? 'unmatched',
          traceId: req.id,
        }),
      },
      // Log lines of a job run carry its trace id (those of a request carry the request's).
      mixin: logMixin,
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // The request id is the W3C trace id (32 hex): the access log's, the logs' and the spans' trace id.
    ...fastifyObservabilityOptions(),
    requestIdHeader: false,
    bodyLimit: deps.config.limits.bodyLimitBytes,
    // Receiving a whole request may take at most this long (slow senders); answering: registerRouteTimeouts.
    requestTimeout: 60_000,
    // A hop count or the proxies' addresses (src/config.ts): never "believe every X-Forwarded-For".
    trustProxy: trustProxyOption(deps.config.trustProxy),
    frameworkErrors: frameworkErrorHandler,
    // While shutting down, the drain hook answers with problem+json (src/platform/http/shutdown.ts).
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  // The API takes JSON (and multipart for attachments): a text/plain body is a 415, not a string that
  // then fails validation as a 400.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  registerRouteTimeouts(app, deps.config.limits.requestTimeoutMs);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Schakel API',
        description:
          'REST API of Schakel, the platform for the person-centred approach to radicalisation and extremism. ' +
          'Sign in with a session cookie (web app) or a personal API token (Authorization: Bearer).',
        version: API_VERSION,
        contact: { name: 'Schakel maintainers', email: 'schakel@example.org', url: 'https://schakel.example.org' },
        license: {
          name: 'EUPL-1.2',
          url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12',
        },
      },
      servers: [
        { url: deps.config.publicUrl ? `${deps.config.publicUrl}${API_PREFIX}` : `https://localhost${API_PREFIX}` },
      ],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'schakel_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: (args) => {
      const result = jsonSchemaTransform(args);
      return { ...result, url: result.url.replace(API_PREFIX, '') };
    },
    transformObject: (args) => finaliseOpenApi(jsonSchemaTransformObject(args) as Record<string, unknown>) as never,
  });

  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply, request.protocol === 'https');
    if (request.url.startsWith('/api/')) {
      reply.header('API-Version', API_VERSION);
      // API responses may carry personal data: never cache them anywhere.
      reply.header('Cache-Control', 'no-store');
    }
  });
  // During a graceful shutdown: a 503 before authentication, Connection: close on every answer.
  drainHooks(app);
  // Request metrics, /metrics and span names (src/platform/observability), when configured.
  observeHttp(app, deps.config.observability, deps.db);
  app.addHook('onRequest', authHook(deps));
  const securityEvents = securityEventHooks(deps);
  app.addHook('onError', securityEvents.onError);
  app.addHook('onSend', securityEvents.onSend);
  // The resources of the signed-in API routes, for the scope of API tokens.
  const apiResources = new Set<string>();
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: string } | undefined)?.access;
    const resource = route.url.startsWith(API_PREFIX) ? resourceOfRoute(route.url, API_PREFIX) : null;
    if (resource && access && access !== 'public') apiResources.add(resource);
  });

  await app.register(healthRoutes(deps));
  await app.register(
    async (api) => {
      await api.register(authRoutes(deps, apiResources));
      await api.register(ssoRoutes(deps));
      await api.register(organisationRoutes(deps));
      await api.register(userRoutes(deps));
      await api.register(grantRoutes(deps));
      await api.register(identityRoutes(deps));
      await api.register(accessLogRoutes(deps));
      await api.register(exportsRoutes(deps));
      await api.register(programmeRoutes(deps));
      await api.register(contactCirclesRoutes(deps));
      await api.register(networksRoutes(deps));
      await api.register(quickScansRoutes(deps));
      await api.register(expertiseRoutes(deps));
      await api.register(reportsRoutes(deps));
      await api.register(newsletterRoutes(deps));
      await api.register(personsRoutes(deps));
      await api.register(signalsRoutes(deps));
      await api.register(triageRoutes(deps));
      await api.register(assessmentsRoutes(deps));
      await api.register(casesRoutes(deps));
      await api.register(caseSafeguardRoutes(deps));
      await api.register(monitoringRoutes(deps));
      await api.register(meetingsRoutes(deps));
      await api.register(plansRoutes(deps));
      await api.register(privacyRoutes(deps));
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
        reply.header('Access-Control-Allow-Origin', '*');
        return app.swagger();
      });
    },
    { prefix: API_PREFIX },
  );

  const webDir = existsSync(WEB_DIR) ? WEB_DIR : existsSync(WEB_DIR_FROM_BUILD) ? WEB_DIR_FROM_BUILD : null;
  const serveWeb = options.serveWeb ?? webDir !== null;
  if (serveWeb && webDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: false,
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && serveWeb && webDir;
    if (wantsPage) {
      // Client-side routes of the single-page app all load index.html.
      reply.header('Cache-Control', 'no-cache');
      return reply.sendFile('index.html');
    }
    return sendProblem(reply, problem(404, 'NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });

  return app;
}
