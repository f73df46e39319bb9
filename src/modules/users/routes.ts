import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { createRoute, getRoute, listRoute, updateRoute } from '../../platform/http/route-options.js';
import { PasswordReset, User, UserCreate, UserListQuery, UserUpdate } from './schemas.js';
import * as service from './service.js';

export function userRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];

    r.get(
      '/users',
      listRoute(
        'users:read',
        {
          tags,
          summary: 'Users this region administers (its organisations) and users who hold or were asked a grant in it',
          querystring: UserListQuery,
        },
        User,
      ),
      async (req) => service.listUsers(deps, actorOf(req), req.id, req.query),
    );
    r.get('/users/:id', getRoute('users:read', { tags, summary: 'One user' }, User), async (req) =>
      service.getUser(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/users',
      createRoute(
        'users:manage',
        {
          tags,
          summary:
            'Create a user of an organisation this region administers, with a request for a first role (they change the password and enrol a second factor at first sign-in)',
          body: UserCreate,
        },
        User,
      ),
      async (req, reply) => reply.code(201).send(await service.createUser(deps, actorOf(req), req.id, req.body)),
    );
    r.put(
      '/users/:id',
      updateRoute(
        'users:manage',
        {
          tags,
          summary: 'Change an account this region administers; disabling ends its sessions and tokens at once',
          body: UserUpdate,
        },
        User,
      ),
      async (req) => service.updateUser(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/users/:id/second-factor-reset',
      updateRoute(
        'users:manage',
        {
          tags,
          summary: 'Reset the second factor of a user; ends their sessions and tokens',
          body: z.strictObject({}).optional(),
        },
        User,
      ),
      async (req) => service.resetSecondFactor(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/users/:id/password-reset',
      updateRoute(
        'users:manage',
        {
          tags,
          summary:
            'Set a temporary password that the user must change at the next sign-in; ends their sessions and tokens',
          body: PasswordReset,
        },
        User,
      ),
      async (req) => service.resetPassword(deps, actorOf(req), req.id, req.params.id, req.body),
    );
  };
}
