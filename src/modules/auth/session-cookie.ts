import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.js';
import { SESSION_COOKIE } from '../../platform/http/auth-hook.js';

export function cookieSecure(deps: Deps, request: FastifyRequest): boolean {
  const setting = deps.config.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

/** The session cookie: httpOnly, SameSite=Strict, Secure on https, for the session's absolute lifetime. */
export function setSessionCookie(deps: Deps, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(deps, request),
    maxAge: Math.floor(deps.config.sessionMaxMs / 1000),
  });
}
