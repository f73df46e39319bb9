import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.js';
import { can, type Permission } from '../../core/roles.js';
import { resourceOfRoute, tokenAllows } from '../../core/token-scope.js';
import { resumeSession, resumeToken } from '../../modules/auth/service.js';
import { safeEqual } from '../crypto.js';
import type { Deps } from '../deps.js';
import type { Actor } from './context.js';

export const SESSION_COOKIE = 'schakel_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Per-route access declaration: who may call it. Every route declares one (checked in tests). */
export type Access = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Route is usable by a session that still has to enrol its second factor. */
    duringEnrolment?: boolean;
    /**
     * Route is usable by a session that must first change its admin-set password (sign out, who am I,
     * the password change itself).
     */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the bearer token or session cookie, enforces CSRF for cookie sessions, the second-factor
 * enrolment stage and the route's declared permission. Runs before body validation, so an
 * unauthenticated caller learns nothing about the route's input rules.
 */
export function authHook(deps: Deps) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    request.actor = null;
    request.sessionToken = null;
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;

    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = await resumeToken(deps, authorization.slice('Bearer '.length).trim());
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.');
      const actor = await resumeSession(deps, token);
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
          throw new DomainError('CSRF_TOKEN_INVALID', 'The CSRF token is missing or wrong. Reload the page.');
        }
      }
      request.actor = actor;
      request.sessionToken = token;
    }
    request.actor.now = deps.now();
    const duringEnrolment = request.routeOptions.config?.duringEnrolment === true;
    if (request.actor.mustChangePassword && request.routeOptions.config?.duringPasswordChange !== true) {
      throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first: yours was set by an admin.');
    }
    if (!request.actor.secondFactorOk && !duringEnrolment) {
      throw new DomainError('ENROLMENT_REQUIRED', 'Set up your second factor (authenticator app) first.');
    }
    if (request.actor.tokenScope) {
      const verdict = tokenAllows(
        request.actor.tokenScope,
        request.method,
        resourceOfRoute(request.routeOptions.url ?? ''),
      );
      if (verdict === 'read_only') {
        throw new DomainError('TOKEN_SCOPE', 'This API token is read-only.');
      }
      if (verdict === 'outside_resources') {
        throw new DomainError('TOKEN_SCOPE', 'This API token does not reach this resource.');
      }
    }
    if (access !== 'signed-in' && !can(request.actor.role, access)) {
      throw new DomainError('FORBIDDEN', 'Your role may not do this.');
    }
  };
}

/** The actor of a route that declared a non-public access (the hook guarantees it is set). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'You are not signed in.');
  return request.actor;
}
