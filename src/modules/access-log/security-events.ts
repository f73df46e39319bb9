/**
 * Security events: every refused request of a signed-in user — each 403, each 404 on a record by id
 * (probing ids shows), and refusals a use case marks (a weak new password, four eyes, a stale grant) —
 * written in a transaction of its own, since the request's own transaction was rolled back. No
 * personal data: user, organisation and role, the method and route *template*, the record type, the
 * status and problem code, and the trace id; never a record id, a query string or a body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { resourceOfRoute } from '../../core/token-scope.js';
import { withTx } from '../../platform/db/database.js';
import type { Deps } from '../../platform/deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The error the request ended with, kept for the security event (set by onError). */
    failure?: unknown;
  }
}

/** Is this response a refusal that belongs in the security events? */
export function isSecurityRefusal(status: number, route: string | undefined, failure: unknown): boolean {
  if (failure instanceof DomainError && failure.extra.securityEvent) return true;
  if (status === 403) return true;
  return status === 404 && route !== undefined && route.includes('/:');
}

function codeOf(failure: unknown, status: number): string {
  if (failure instanceof DomainError) return failure.code;
  if (failure && typeof failure === 'object' && 'code' in failure && typeof failure.code === 'string') {
    return failure.code;
  }
  return String(status);
}

export function securityEventHooks(deps: Deps) {
  return {
    onError: async (request: FastifyRequest, _reply: FastifyReply, error: unknown) => {
      request.failure = error;
    },
    onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const actor = request.actor;
      const route = request.routeOptions.url;
      if (!actor || !isSecurityRefusal(reply.statusCode, route, request.failure)) return payload;
      try {
        await withTx(deps.db, { regionId: actor.regionId }, (tx) =>
          tx
            .insertInto('security_events')
            .values({
              region_id: actor.regionId,
              occurred_at: deps.now(),
              user_id: actor.userId,
              organisation_id: actor.organisationId,
              role: actor.role,
              via: actor.via,
              method: request.method,
              route: route ?? 'unmatched',
              record_type: route ? resourceOfRoute(route) : null,
              status: reply.statusCode,
              code: codeOf(request.failure, reply.statusCode),
              trace_id: request.id,
            })
            .execute(),
        );
      } catch (e) {
        // The refusal stands either way; say that its event is missing, without any request data.
        request.log.error(
          { err: { type: (e as Error).name, code: (e as { code?: string }).code } },
          'security event not written',
        );
      }
      return payload;
    },
  };
}
