import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as linkRequests from './link-requests.js';
import {
  LinkRequest,
  LinkRequestAcceptance,
  LinkRequestCreate,
  LinkRequestListQuery,
  LinkRequestRefusal,
  Person,
  PersonCreate,
  PersonMatchList,
  PersonMatchQuery,
  PersonUpdate,
} from './schemas.js';
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
            'same date of birth), most similar name first. Persons you may already see come under items, with ' +
            'their details and the reasons. A person you may not see is only a hit under hits: the municipalities ' +
            'it is known to and their process directors, with an opaque hitId for POST /person-link-requests — ' +
            'no name, date of birth, counts or person id. A person decides; nothing is merged or linked. Each ' +
            'proposed person and each hit is recorded in the access log with the person as subject.',
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

    // --- Link requests: linking a person known only to another municipality ----------------------
    const linkTags = ['person-link-requests'];
    const intakeOnly = ' Process directors and case coordinators (403 for other roles).';
    r.post(
      '/person-link-requests',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: linkTags,
          summary: 'Ask to link the person of a hit to your signal',
          description:
            'The hit must be yours and unexpired (422 naming /hitId otherwise), the signal visible (422 naming ' +
            '/signalId), open (409) and yours to change (403). A process director of a municipality the person ' +
            'is known to decides.' +
            intakeOnly,
          body: LinkRequestCreate,
          response: { 201: LinkRequest, ...signedInProblems, ...problems(409, 422) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await linkRequests.createLinkRequest(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/person-link-requests',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: linkTags,
          summary: 'Link requests to decide (incoming, process directors) or for your signals (outgoing)',
          description:
            'Incoming requests carry the matched person; outgoing ones only the municipalities it is known to, ' +
            'the status and the decision. Every request shown is recorded in the access log.' +
            intakeOnly,
          querystring: LinkRequestListQuery,
          response: { 200: listOf(LinkRequest), ...signedInProblems },
        },
      },
      async (req) => linkRequests.listLinkRequests(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/person-link-requests/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: linkTags,
          summary: 'One link request, if you asked it, it is for your municipality’s signal, or you may decide it',
          params: IdParams,
          response: { 200: LinkRequest, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => linkRequests.getLinkRequest(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/person-link-requests/:id/acceptance',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: linkTags,
          summary: 'Accept a link request: the person is linked to the requesting signal',
          description:
            'Process directors of a municipality the person is known to (403 for others who see the request, ' +
            '404 for everyone else). 409 when it was already decided, the version is stale or the signal is no ' +
            'longer open.',
          params: IdParams,
          body: LinkRequestAcceptance,
          response: { 200: LinkRequest, ...signedInProblems, ...problems(404, 409) },
        },
      },
      async (req) => linkRequests.decideLinkRequest(deps, actorOf(req), req.id, req.params.id, 'accepted', req.body),
    );
    r.post(
      '/person-link-requests/:id/refusal',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: linkTags,
          summary: 'Refuse a link request with a reason; nothing else changes',
          params: IdParams,
          body: LinkRequestRefusal,
          response: { 200: LinkRequest, ...signedInProblems, ...problems(404, 409) },
        },
      },
      async (req) => linkRequests.decideLinkRequest(deps, actorOf(req), req.id, req.params.id, 'refused', req.body),
    );
  };
}
