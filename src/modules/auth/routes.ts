import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TOKEN_ACCESS } from '../../core/token-scope.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf, SESSION_COOKIE } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import { describeMe, MeSchema } from './me.js';
import { endSessionUrl } from './oidc.js';
import { relyingParty } from './passkeys.js';
import { PASSWORD_MAX_LENGTH } from './password.js';
import { changeOwnPassword } from './passwords.js';
import { confirmTotpEnrolment, signIn, signOut, startTotpEnrolment, switchRegion } from './service.js';
import { setSessionCookie } from './session-cookie.js';
import { createApiToken, listApiTokens, revokeApiToken, TOKEN_MAX_DAYS, tokenResources } from './tokens.js';

const LoginBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'A code of 6 digits')
    .optional(),
  passkey: z
    .looseObject({
      id: z.string().min(1).max(1024),
      rawId: z.string().min(1).max(1024),
      type: z.literal('public-key'),
      response: z.looseObject({
        clientDataJSON: z.string().min(1).max(10_000),
        authenticatorData: z.string().min(1).max(10_000),
        signature: z.string().min(1).max(10_000),
      }),
    })
    .optional()
    .describe('The browser’s answer to the options of POST /auth/login/passkey-options, instead of a code'),
});

const Instance = z.object({ demo: z.boolean(), name: z.string() }).meta({ id: 'Instance' });

const ApiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    access: z.enum(TOKEN_ACCESS).describe('read: GET only; read_write: every method the role allows'),
    resources: z
      .array(z.string())
      .nullable()
      .describe('The API resources (first path segment, e.g. "cases") it may reach; null = all'),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

/**
 * `apiResources`: the resources (first path segments) of every signed-in API route, collected while
 * the app registers its routes; a token's resource list is checked against it.
 */
export function authRoutes(deps: Deps, apiResources: ReadonlySet<string>): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/instance',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'What this installation is (shown before sign-in)',
          response: { 200: Instance },
        },
      },
      async () => {
        const demo = await withTx(deps.db, { regionId: null }, async (tx) => {
          const row = await tx.selectFrom('regions').select('id').where('is_demo', '=', true).executeTakeFirst();
          return row !== undefined;
        });
        return { demo: demo && deps.config.demo, name: 'Schakel' };
      },
    );

    r.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail address, password and authentication code or passkey',
          body: LoginBody,
          security: [],
          response: { 200: MeSchema, ...problems(400, 401, 422, 429) },
        },
      },
      async (request, reply) => {
        const { passkey, ...rest } = request.body;
        const result = await signIn(deps, {
          ...rest,
          passkey: passkey as unknown as AuthenticationResponseJSON | undefined,
          clientIp: request.ip,
          traceId: request.id,
          rp: relyingParty(deps.config.publicUrl, { protocol: request.protocol, host: request.host }),
        });
        setSessionCookie(deps, request, reply, result.sessionToken);
        return describeMe(deps, result.actor);
      },
    );

    r.post(
      '/auth/logout',
      {
        config: { access: 'signed-in', duringEnrolment: true, duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Sign out (after single sign-on: also the address for signing out at the identity provider)',
          response: {
            200: z.object({ endSessionUrl: z.string() }).describe('Send the browser here to end the SSO session too'),
            204: z.null(),
            ...signedInProblems,
          },
        },
      },
      async (request, reply) => {
        const ended = request.sessionToken ? await signOut(deps, request.sessionToken) : null;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        const url = ended ? await endSessionUrl(deps, ended) : null;
        if (url) return reply.code(200).send({ endSessionUrl: url });
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/me',
      {
        config: { access: 'signed-in', duringEnrolment: true, duringPasswordChange: true },
        schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: MeSchema, ...signedInProblems } },
      },
      async (request) => describeMe(deps, actorOf(request)),
    );

    r.put(
      '/me/region',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['auth'],
          summary: 'Work in another region your organisation takes part in',
          body: z.strictObject({ regionId: z.uuid() }),
          response: { 200: MeSchema, ...signedInProblems, ...problems(422) },
        },
      },
      async (request) => {
        const actor = await switchRegion(deps, actorOf(request), request.sessionToken ?? '', request.body.regionId);
        return describeMe(deps, actor);
      },
    );

    r.post(
      '/auth/totp-enrolment',
      {
        config: { access: 'signed-in', duringEnrolment: true },
        schema: {
          tags: ['auth'],
          summary: 'Start enrolling an authenticator app (returns the secret and a QR code once)',
          response: {
            200: z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() }),
            ...signedInProblems,
            ...problems(409),
          },
        },
      },
      async (request) => startTotpEnrolment(deps, actorOf(request)),
    );

    r.post(
      '/auth/totp-enrolment/confirmation',
      {
        config: { access: 'signed-in', duringEnrolment: true },
        schema: {
          tags: ['auth'],
          summary: 'Confirm the authenticator app with a code',
          body: z.strictObject({ code: z.string().regex(/^\d{6}$/, 'A code of 6 digits') }),
          response: { 200: MeSchema, ...signedInProblems, ...problems(409, 422) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await confirmTotpEnrolment(deps, actor, request.sessionToken ?? '', request.body.code);
        // Under a region's passkey policy an authenticator app is not enough: the passkey is still due.
        return describeMe(deps, {
          ...actor,
          secondFactorOk: !(actor.signIn?.passkeyDue ?? false),
          signIn: {
            method: 'password_totp',
            acr: null,
            passkeyVerified: false,
            passkeyDue: actor.signIn?.passkeyDue ?? false,
          },
        });
      },
    );

    r.put(
      '/me/password',
      {
        config: { access: 'signed-in', duringEnrolment: true, duringPasswordChange: true },
        schema: {
          tags: ['auth'],
          summary:
            'Change your own password; ends your other sessions and your API tokens, and continues this session under a new id',
          body: z.strictObject({
            currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
            newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
          }),
          response: { 200: MeSchema, ...signedInProblems, ...problems(422, 429) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const next = await changeOwnPassword(deps, actor, request.sessionToken ?? '', request.body, request.ip);
        setSessionCookie(deps, request, reply, next.sessionToken);
        return describeMe(deps, { ...actor, mustChangePassword: false, csrfToken: next.csrfToken });
      },
    );

    r.get(
      '/me/api-tokens/resources',
      {
        config: { access: 'tokens:own' },
        schema: {
          tags: ['auth'],
          summary: 'The API resources a token can be limited to',
          response: { 200: z.object({ items: z.array(z.string()), nextCursor: z.null() }), ...signedInProblems },
        },
      },
      async () => ({ items: tokenResources(apiResources), nextCursor: null }),
    );

    r.get(
      '/me/api-tokens',
      {
        config: { access: 'tokens:own' },
        schema: {
          tags: ['auth'],
          summary: 'Your personal API tokens',
          response: { 200: z.object({ items: z.array(ApiToken), nextCursor: z.null() }), ...signedInProblems },
        },
      },
      async (request) => ({ items: await listApiTokens(deps, actorOf(request)), nextCursor: null }),
    );

    r.post(
      '/me/api-tokens',
      {
        config: { access: 'tokens:own' },
        schema: {
          tags: ['auth'],
          summary: 'Create a personal API token (the secret is shown only in this response)',
          body: z.strictObject({
            name: z.string().trim().min(1).max(100),
            expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS),
            access: z.enum(TOKEN_ACCESS).describe('read: GET only; read_write: every method the role allows'),
            resources: z
              .array(z.string().max(60))
              .min(1)
              .max(40)
              .nullable()
              .describe('The API resources (e.g. "cases", "signals") it may reach; null = every resource'),
          }),
          response: { 201: ApiToken.extend({ token: z.string() }), ...signedInProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createApiToken(deps, actorOf(request), request.body, tokenResources(apiResources))),
    );

    r.delete(
      '/me/api-tokens/:id',
      {
        config: { access: 'tokens:own' },
        schema: {
          tags: ['auth'],
          summary: 'Revoke a personal API token',
          params: IdParams,
          response: { 204: z.null(), ...signedInProblems, ...problems(404) },
        },
      },
      async (request, reply) => {
        await revokeApiToken(deps, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };
}
