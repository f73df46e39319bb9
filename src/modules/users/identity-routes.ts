import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { createRoute, getRoute, listRoute, noContentRoute, updateRoute } from '../../platform/http/route-options.js';
import * as identity from './identity.js';

/** Identity providers of the region's organisations, and passkey resets under four eyes (admin). */
export function identityRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['identity-providers'];
    // Short lists (one provider per organisation; the region's reset requests): one page, no cursor.
    const OnePage = z.strictObject({});

    r.get(
      '/identity-providers',
      listRoute(
        'users:manage',
        { tags, summary: 'Identity providers of the organisations this region administers', querystring: OnePage },
        identity.IdentityProvider,
      ),
      async (req) => identity.listIdentityProviders(deps, actorOf(req)),
    );
    r.get(
      '/identity-providers/:id',
      getRoute(
        'users:manage',
        { tags, summary: 'One identity provider (the client secret is never shown)' },
        identity.IdentityProvider,
      ),
      async (req) => identity.getIdentityProvider(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/identity-providers',
      createRoute(
        'users:manage',
        {
          tags,
          summary: 'Configure the OpenID provider of an organisation this region administers',
          body: identity.IdentityProviderInput,
        },
        identity.IdentityProvider,
      ),
      async (req, reply) => reply.code(201).send(await identity.createIdentityProvider(deps, actorOf(req), req.body)),
    );
    r.put(
      '/identity-providers/:id',
      updateRoute(
        'users:manage',
        {
          tags,
          summary: 'Change an identity provider (a secret left out is kept)',
          body: identity.IdentityProviderUpdate,
        },
        identity.IdentityProvider,
      ),
      async (req) => identity.updateIdentityProvider(deps, actorOf(req), req.params.id, req.body),
    );
    r.delete(
      '/identity-providers/:id',
      noContentRoute('users:manage', { tags, summary: 'Remove an identity provider' }, 'Removed'),
      async (req, reply) => {
        await identity.deleteIdentityProvider(deps, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    const resetTags = ['users'];
    r.get(
      '/passkey-resets',
      listRoute(
        'users:manage',
        { tags: resetTags, summary: 'Requests to reset a user’s lost passkeys (four eyes)', querystring: OnePage },
        identity.PasskeyReset,
      ),
      async (req) => identity.listPasskeyResets(deps, actorOf(req), req.id),
    );
    r.post(
      '/users/:id/passkey-resets',
      createRoute(
        'users:manage',
        {
          tags: resetTags,
          summary: 'Ask for the reset of a user’s lost passkeys; a second admin approves',
          params: z.strictObject({ id: z.uuid() }),
          body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
        },
        identity.PasskeyReset,
      ),
      async (req, reply) =>
        reply
          .code(201)
          .send(await identity.requestPasskeyReset(deps, actorOf(req), req.id, req.params.id, req.body.reason)),
    );
    r.post(
      '/passkey-resets/:id/decision',
      updateRoute(
        'users:manage',
        {
          tags: resetTags,
          summary:
            'Approve (the passkeys are removed, sessions and tokens end) or refuse a reset; not by the admin who asked',
          body: z.strictObject({ decision: z.enum(['approved', 'refused']) }),
        },
        identity.PasskeyReset,
      ),
      async (req) => identity.decidePasskeyReset(deps, actorOf(req), req.id, req.params.id, req.body.decision),
    );
  };
}
