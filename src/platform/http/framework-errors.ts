import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { API_VERSION } from './openapi.js';
import { problem, sendProblem } from './problem.js';
import { applySecurityHeaders } from './security-headers.js';

/**
 * Errors Fastify raises before routing, such as a URL that cannot be decoded: they skip the hooks and
 * the error handler, so this gives them the same headers and problem+json as every other answer.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  applySecurityHeaders(reply, request.protocol === 'https');
  if (request.url.startsWith('/api/')) {
    reply.header('API-Version', API_VERSION);
    reply.header('Cache-Control', 'no-store');
  }
  const status =
    error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(reply, problem(status, 'BAD_REQUEST', 'The request URL is not valid.'));
}
