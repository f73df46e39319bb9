/**
 * The routes of single sign-on and passkeys (issue 15). The browser-facing OIDC routes answer with
 * redirects: to the provider, back to the app, or to the sign-in page with the reason's code (a label
 * in the catalogue, never the provider's text); a client that asks for JSON gets problem+json instead.
 */
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OidcRefusal } from '../../core/sign-in.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import { problem, sendProblem } from '../../platform/http/problem.js';
import { finishOidcSignIn, listProviders, OidcRefused, recordOidcRefusal, startOidcSignIn } from './oidc.js';
import {
  finishPasskeyRegistration,
  listPasskeys,
  relyingParty,
  removePasskey,
  startPasskeyRegistration,
} from './passkeys.js';
import { passkeySignInStart } from './service.js';
import { setSessionCookie } from './session-cookie.js';
import { getSignInPolicy, updateSignInPolicy } from './sign-in-policy.js';

export const OIDC_COOKIE = 'schakel_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';

const Provider = z.object({ id: z.string(), name: z.string() }).meta({ id: 'IdentityProviderChoice' });

const Passkey = z
  .object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime(), lastUsedAt: z.iso.datetime().nullable() })
  .meta({ id: 'Passkey' });

/** A WebAuthn response as the browser's library sends it; verified by @simplewebauthn/server. */
const WebAuthnJson = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(10_000) }),
});

const SignInPolicy = z
  .object({
    passkeysRequired: z
      .boolean()
      .describe('Roles that see personal data must sign in with a passkey (or through the identity provider)'),
    version: z.number().int().min(1).max(2_147_483_647),
  })
  .meta({ id: 'SignInPolicy' });

type WebAuthnOptions = { [key: string]: unknown; challenge: string };

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

async function refused(deps: Deps, request: FastifyRequest, reply: FastifyReply, e: OidcRefused) {
  try {
    await recordOidcRefusal(deps, e, request.id);
  } catch (err) {
    request.log.error({ err: { type: (err as Error).name } }, 'security event of a refused sign-in not written');
  }
  reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
  if (wantsJson(request)) {
    return sendProblem(reply, problem(401, e.refusal.toUpperCase(), refusalDetail(e.refusal)));
  }
  return reply.redirect(`/inloggen?fout=${encodeURIComponent(e.refusal)}`, 303);
}

function refusalDetail(r: OidcRefusal): string {
  switch (r) {
    case 'oidc_unavailable':
      return 'Signing in with this identity provider is not possible now.';
    case 'oidc_no_transaction':
      return 'The sign-in was not started in this browser, or it took too long. Start again.';
    case 'oidc_state':
    case 'oidc_response':
      return 'The identity provider’s answer could not be verified. Start again.';
    case 'oidc_unknown_account':
      return 'The identity provider knows you, but Schakel has no account for you. Ask your admin.';
    case 'oidc_no_role':
      return 'Your account holds no role in any region yet. Ask your admin.';
    case 'oidc_provider_error':
      return 'The identity provider did not sign you in.';
  }
}

export function ssoRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const rp = (request: FastifyRequest) =>
      relyingParty(deps.config.publicUrl, { protocol: request.protocol, host: request.host });

    r.get(
      '/auth/oidc/providers',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'The identity providers users can sign in with (shown on the sign-in page)',
          security: [],
          response: { 200: z.object({ items: z.array(Provider) }) },
        },
      },
      async () => ({ items: (await listProviders(deps)).map((p) => ({ id: p.key, name: p.displayName })) }),
    );

    r.get(
      '/auth/oidc/start',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Start signing in at an identity provider (redirects the browser there)',
          security: [],
          querystring: z.strictObject({ provider: z.string().min(1).max(64) }),
          response: { 303: z.null().describe('To the identity provider'), ...problems(400, 401) },
        },
      },
      async (request, reply) => {
        try {
          const started = await startOidcSignIn(deps, request.query.provider);
          reply.setCookie(OIDC_COOKIE, started.cookie, {
            path: OIDC_COOKIE_PATH,
            httpOnly: true,
            // Lax: the provider sends the browser back with a top-level GET from its own site.
            sameSite: 'lax',
            secure: deps.config.cookieSecure === 'auto' ? request.protocol === 'https' : deps.config.cookieSecure,
            maxAge: 600,
          });
          return reply.redirect(started.redirectTo, 303);
        } catch (e) {
          if (e instanceof OidcRefused) return refused(deps, request, reply, e);
          throw e;
        }
      },
    );

    r.get(
      '/auth/oidc/callback',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Where the identity provider sends the browser back (redirect URI)',
          security: [],
          querystring: z.looseObject({
            code: z.string().max(2000).optional(),
            state: z.string().max(500).optional(),
            error: z.string().max(200).optional(),
          }),
          response: { 303: z.null().describe('Into the app, or to the sign-in page'), ...problems(400, 401) },
        },
      },
      async (request, reply) => {
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
        try {
          const result = await finishOidcSignIn(deps, {
            cookie: request.cookies[OIDC_COOKIE],
            callbackQuery: query,
            traceId: request.id,
          });
          reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
          setSessionCookie(deps, request, reply, result.sessionToken);
          return reply.redirect('/', 303);
        } catch (e) {
          if (e instanceof OidcRefused) return refused(deps, request, reply, e);
          throw e;
        }
      },
    );

    r.post(
      '/auth/login/passkey-options',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'After a correct password: the options to sign in with one of your passkeys (a challenge used once)',
          security: [],
          body: z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(1024) }),
          response: {
            200: z.object({ options: z.looseObject({ challenge: z.string() }) }),
            ...problems(400, 401, 429),
          },
        },
      },
      async (request) => {
        const options = await passkeySignInStart(deps, { ...request.body, clientIp: request.ip, rp: rp(request) });
        return { options: options as unknown as WebAuthnOptions };
      },
    );

    r.get(
      '/me/passkeys',
      {
        config: { access: 'signed-in', duringEnrolment: true },
        schema: {
          tags: ['auth'],
          summary: 'Your passkeys',
          response: { 200: z.object({ items: z.array(Passkey) }), ...signedInProblems },
        },
      },
      async (request) => ({ items: await listPasskeys(deps, actorOf(request)) }),
    );

    r.post(
      '/me/passkeys/registration-options',
      {
        config: { access: 'signed-in', duringEnrolment: true },
        schema: {
          tags: ['auth'],
          summary: 'Start registering a passkey: the options for the browser (a challenge used once)',
          response: { 200: z.object({ options: z.looseObject({ challenge: z.string() }) }), ...signedInProblems },
        },
      },
      async (request) => ({
        options: (await startPasskeyRegistration(
          deps,
          actorOf(request),
          request.sessionToken ?? '',
          rp(request),
        )) as unknown as WebAuthnOptions,
      }),
    );

    r.post(
      '/me/passkeys',
      {
        config: { access: 'signed-in', duringEnrolment: true },
        schema: {
          tags: ['auth'],
          summary: 'Finish registering a passkey with the browser’s answer',
          body: z.strictObject({ name: z.string().trim().min(1).max(100), response: WebAuthnJson }),
          response: { 201: Passkey, ...signedInProblems, ...problems(409, 422) },
        },
      },
      async (request, reply) => {
        const view = await finishPasskeyRegistration(deps, actorOf(request), request.sessionToken ?? '', rp(request), {
          name: request.body.name,
          response: request.body.response as unknown as RegistrationResponseJSON,
        });
        return reply.code(201).send(view);
      },
    );

    r.delete(
      '/me/passkeys/:id',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Remove one of your passkeys',
          params: IdParams,
          response: { 204: z.null(), ...signedInProblems, ...problems(404, 422) },
        },
      },
      async (request, reply) => {
        await removePasskey(deps, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/sign-in-policy',
      {
        config: { access: 'users:manage' },
        schema: {
          tags: ['auth'],
          summary: 'The sign-in policy of the current region (administrator)',
          response: { 200: SignInPolicy, ...signedInProblems },
        },
      },
      async (request) => getSignInPolicy(deps, actorOf(request)),
    );

    r.put(
      '/sign-in-policy',
      {
        config: { access: 'users:manage' },
        schema: {
          tags: ['auth'],
          summary: 'Change the sign-in policy of the current region (administrator); applies to every session at once',
          body: z.strictObject({ passkeysRequired: z.boolean(), version: z.number().int().min(1).max(2_147_483_647) }),
          response: { 200: SignInPolicy, ...signedInProblems, ...problems(409) },
        },
      },
      async (request) => updateSignInPolicy(deps, actorOf(request), request.body),
    );
  };
}
