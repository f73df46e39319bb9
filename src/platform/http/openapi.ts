import { z } from 'zod';
import { ProblemSchema } from './problem.js';

export const API_VERSION = '1.0.0';
export const API_PREFIX = '/api/v1';

/** Problem responses for a route's schema: `...problems(400, 404)`. */
export function problems<const S extends number>(...statuses: S[]): Record<S, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<S, typeof ProblemSchema>;
}

/** The usual problem responses of a signed-in route. */
export const signedInProblems = problems(400, 401, 403, 429);

export const IdParams = z.strictObject({ id: z.uuid() });

export const ListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

type Json = Record<string, unknown>;

/**
 * Brings the generated document in line with the Dutch API Design Rules: every 2xx/3xx response
 * names the API-Version header, every 4xx/5xx response is application/problem+json.
 */
export function finaliseOpenApi(doc: Json): Json {
  doc.components ??= {};
  const components = doc.components as Json;
  components.headers ??= {};
  const headers = components.headers as Json;
  headers['API-Version'] = {
    description: 'The full semantic version of the API.',
    schema: { type: 'string', example: API_VERSION },
  };
  for (const pathItem of Object.values((doc.paths ?? {}) as Record<string, Json>)) {
    for (const op of Object.values(pathItem) as Json[]) {
      const responses = op?.responses as Record<string, Json> | undefined;
      if (!responses) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (/^[23]\d\d$/.test(status)) {
          response.headers = {
            ...(response.headers as Json),
            'API-Version': { $ref: '#/components/headers/API-Version' },
          };
        } else if (/^[45]\d\d$/.test(status)) {
          const content = response.content as Record<string, Json> | undefined;
          const schema = content ? Object.values(content)[0]?.schema : undefined;
          response.content = {
            'application/problem+json': { schema: schema ?? { $ref: '#/components/schemas/Problem' } },
          };
        }
      }
    }
  }
  return doc;
}
