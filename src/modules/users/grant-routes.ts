import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { GrantDecision } from '../../core/grants.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { createRoute, getRoute, listRoute, updateRoute } from '../../platform/http/route-options.js';
import * as grants from './grants.js';
import { RoleGrant, RoleGrantDecision, RoleGrantEnd, RoleGrantListQuery, RoleGrantRequest } from './schemas.js';

/** The decisions on a grant, each its own sub-resource (POST /role-grants/{id}/approval, …). */
const DECISIONS: Array<{ path: string; decision: GrantDecision; summary: string; needsReason: boolean }> = [
  {
    path: 'approval',
    decision: 'approve',
    summary: 'Approve a request (a second admin: never the requester, nor the user it is for)',
    needsReason: false,
  },
  { path: 'refusal', decision: 'refuse', summary: 'Refuse a request, with a reason', needsReason: true },
  { path: 'withdrawal', decision: 'withdraw', summary: 'Withdraw your own request', needsReason: false },
  {
    path: 'revocation',
    decision: 'revoke',
    summary: "Revoke a grant at once; ends the user's sessions and tokens",
    needsReason: true,
  },
];

export function grantRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['users'];

    r.get(
      '/role-grants',
      listRoute(
        'users:read',
        {
          tags,
          summary: 'Role grants and requests of the current region, newest first',
          querystring: RoleGrantListQuery,
        },
        RoleGrant,
      ),
      async (req) => grants.listGrants(deps, actorOf(req), req.id, req.query),
    );
    r.get('/role-grants/:id', getRoute('users:read', { tags, summary: 'One role grant' }, RoleGrant), async (req) =>
      grants.getGrant(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/role-grants',
      createRoute(
        'users:manage',
        {
          tags,
          summary:
            'Request a role in the current region for a user of a taking-part organisation (in effect at once only for roles without personal data)',
          body: RoleGrantRequest,
        },
        RoleGrant,
      ),
      async (req, reply) => reply.code(201).send(await grants.requestGrant(deps, actorOf(req), req.id, req.body)),
    );
    for (const d of DECISIONS) {
      r.post(
        `/role-grants/:id/${d.path}`,
        updateRoute(
          'users:manage',
          { tags, summary: d.summary, body: d.needsReason ? RoleGrantEnd : RoleGrantDecision },
          RoleGrant,
        ),
        async (req) => grants.decideGrant(deps, actorOf(req), req.id, req.params.id, d.decision, req.body),
      );
    }
  };
}
