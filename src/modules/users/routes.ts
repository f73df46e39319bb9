import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import { User, UserCreate, UserListQuery, UserUpdate } from './schemas.js';
import * as service from './service.js';

export function userRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    r.get(
      '/users',
      {
        config: { access: 'users:read' },
        schema: {
          tags,
          summary: 'Users of the organisations in the current region',
          querystring: UserListQuery,
          response: { 200: listOf(User), ...signedInProblems },
        },
      },
      async (req) => service.listUsers(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/users/:id',
      {
        config: { access: 'users:read' },
        schema: {
          tags,
          summary: 'One user',
          params: IdParams,
          response: { 200: User, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getUser(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/users',
      {
        config: { access: 'users:manage' },
        schema: {
          tags,
          summary: 'Create a user (they enrol their second factor at first sign-in)',
          body: UserCreate,
          response: { 201: User, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createUser(deps, actorOf(req), req.id, req.body)),
    );
    r.put(
      '/users/:id',
      {
        config: { access: 'users:manage' },
        schema: {
          tags,
          summary: 'Change a user; disabling ends their sessions at once',
          params: IdParams,
          body: UserUpdate,
          response: { 200: User, ...writeProblems },
        },
      },
      async (req) => service.updateUser(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/users/:id/second-factor-reset',
      {
        config: { access: 'users:manage' },
        schema: {
          tags,
          summary: 'Reset the second factor of a user',
          params: IdParams,
          body: z.strictObject({}).optional(),
          response: { 200: User, ...writeProblems },
        },
      },
      async (req) => service.resetSecondFactor(deps, actorOf(req), req.id, req.params.id),
    );
  };
}
