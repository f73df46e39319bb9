import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ERROR_CODES, type FieldIssue } from '../../core/errors.js';

/** RFC 9457 problem details, with per-field `errors` as the ADR invalid-input rule describes. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().optional(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header']),
          location: z.object({ pointer: z.string() }),
          code: z.string(),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Refused by a business rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

function problemType(code: string): string {
  return `https://schakel.example/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}

export function problem(status: number, code: string, detail: string, fields?: FieldIssue[]): Problem {
  return {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(fields?.length
      ? {
          errors: fields.map((f) => ({
            in: f.in,
            location: { pointer: f.pointer },
            code: f.code,
            detail: f.detail,
          })),
        }
      : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem, headers: Record<string, string> = {}) {
  return reply.code(p.status).headers(headers).type('application/problem+json; charset=utf-8').send(p);
}

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';
const PART: Record<ValidationContext, FieldIssue['in']> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

function zodFieldIssues(error: FastifyError & { validation: unknown[] }): FieldIssue[] {
  const part = PART[(error.validationContext as ValidationContext) ?? 'body'] ?? 'body';
  const issues: FieldIssue[] = [];
  for (const v of error.validation as Array<{
    keyword: string;
    instancePath: string;
    message: string;
    params: { keys?: string[] };
  }>) {
    if (v.keyword === 'unrecognized_keys' && v.params.keys) {
      const base = v.instancePath === '/' ? '' : v.instancePath;
      for (const key of v.params.keys) {
        issues.push({ in: part, pointer: `${base}/${key}`, code: 'unknown_field', detail: `Unknown field "${key}".` });
      }
      continue;
    }
    issues.push({
      in: part,
      pointer: v.instancePath === '/' ? '' : v.instancePath,
      code: v.keyword,
      detail: v.message,
    });
  }
  return issues;
}

/** SQLSTATEs of text PostgreSQL cannot store (NUL characters): input that passed validation. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);

/** The request fields that hold a NUL character, as field issues. */
function nulFieldIssues(request: FastifyRequest): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const walk = (part: FieldIssue['in'], value: unknown, pointer: string) => {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        issues.push({ in: part, pointer, code: 'invalid_character', detail: 'Text may not contain NUL characters.' });
      }
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(part, v, `${pointer}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      }
    }
  };
  walk('body', request.body, '');
  walk('query', request.query, '');
  walk('path', request.params, '');
  return issues;
}

/** The one place where every error becomes problem+json. Never a stack trace. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const status = ERROR_CODES[error.code];
    const headers: Record<string, string> = {};
    if (error.extra.retryAfterSeconds !== undefined) {
      headers['Retry-After'] = String(Math.max(1, Math.ceil(error.extra.retryAfterSeconds)));
    }
    return sendProblem(reply, problem(status, error.code, error.message, error.extra.fields), headers);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = zodFieldIssues(error);
    return sendProblem(
      reply,
      problem(400, 'INVALID_INPUT', `The request has ${fields.length} invalid field(s).`, fields),
    );
  }
  if (UNSTORABLE_TEXT.has(String(error.code))) {
    const fields = nulFieldIssues(request);
    if (fields.length > 0) {
      return sendProblem(
        reply,
        problem(400, 'INVALID_INPUT', `The request has ${fields.length} invalid field(s).`, fields),
      );
    }
  }
  if (String(error.code) === '57014') {
    // statement_timeout (DATABASE_STATEMENT_TIMEOUT_SECONDS): the transaction was rolled back.
    return sendProblem(
      reply,
      problem(503, 'DATABASE_TIMEOUT', 'The database took too long to answer; nothing was changed. Try again later.'),
      { 'Retry-After': '30' },
    );
  }
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendProblem(
      reply,
      problem(400, 'MALFORMED_JSON', 'The request body is not valid JSON.', [
        { in: 'body', pointer: '', code: 'malformed_json', detail: 'The request body is not valid JSON.' },
      ]),
    );
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendProblem(
      reply,
      problem(400, 'EMPTY_BODY', 'The request body is empty; send a JSON object.', [
        { in: 'body', pointer: '', code: 'required', detail: 'The request body is empty; send a JSON object.' },
      ]),
    );
  }
  if (status === 413) {
    return sendProblem(reply, problem(413, 'BODY_TOO_LARGE', 'The request body is larger than allowed.'));
  }
  if (status === 415) {
    const type =
      String(request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() || '(none)';
    return sendProblem(
      reply,
      problem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `Content type ${type} is not accepted; send the request body as application/json.`,
        [
          {
            in: 'header',
            pointer: '/content-type',
            code: 'unsupported_media_type',
            detail: `Content type ${type} is not accepted.`,
          },
        ],
      ),
    );
  }
  if (status === 429) {
    return sendProblem(reply, problem(429, 'RATE_LIMITED', 'Too many requests; try again later.'));
  }
  if (status >= 400 && status < 500) {
    // Never a framework's internal code (FST_…) as the problem code: clients get a stable one.
    const code = error.code && !error.code.startsWith('FST_') ? error.code : 'BAD_REQUEST';
    return sendProblem(reply, problem(status, code, 'The request was not understood.'));
  }
  request.log.error(
    { err: { type: error.name, code: error.code, message: error.message, stack: error.stack } },
    'unhandled error',
  );
  return sendProblem(
    reply,
    problem(500, 'INTERNAL', `Something went wrong on our side. Quote trace id ${request.id} to the administrator.`),
  );
}
