import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import { Person, PersonCreate, PersonMatchList, PersonMatchQuery, PersonUpdate } from './schemas.js';
import * as service from './service.js';

/**
 * Persons are reached only through the signals and cases that name them: there is no list of all
 * persons. Intake roles may search by name with a POST body (names never in URLs).
 */
export function personsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['persons'];
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    r.post(
      '/persons/matches',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Possible matches for a name on intake (process directors and case coordinators)',
          description:
            'At most five persons of the region with a similar name (pg_trgm similarity ≥ 0.4, or ≥ 0.3 with the ' +
            'same date of birth), most similar name first, each with the reasons. A person decides; nothing is ' +
            'merged or linked. Each proposed person is recorded in the access log.',
          body: PersonMatchQuery,
          response: { 200: PersonMatchList, ...signedInProblems, ...problems(422) },
        },
      },
      async (req) => service.matchPersons(deps, actorOf(req), req.id, req.body),
    );
    r.post(
      '/persons',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Register a person (process directors); persons otherwise come in with a signal',
          body: PersonCreate,
          response: { 201: Person, ...signedInProblems, ...problems(422) },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createPerson(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/persons/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'One person, if linked to a signal or case you can see',
          params: IdParams,
          response: { 200: Person, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getPerson(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/persons/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Correct a person’s details (optimistic locking with version)',
          params: IdParams,
          body: PersonUpdate,
          response: { 200: Person, ...writeProblems },
        },
      },
      async (req) => service.updatePerson(deps, actorOf(req), req.id, req.params.id, req.body),
    );
  };
}
