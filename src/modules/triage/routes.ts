import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as inclusion from './inclusion.js';
import {
  InclusionCriterion,
  InclusionCriterionCreate,
  InclusionCriterionList,
  InclusionCriterionListQuery,
  InclusionCriterionUpdate,
} from './inclusion-schemas.js';
import {
  AgendaItemCreate,
  TriageDecision,
  TriageDecisionCreate,
  TriageDecisionListQuery,
  TriageMeeting,
  TriageMeetingCreate,
  TriageMeetingListQuery,
  TriageMeetingSummary,
  TriageMeetingUpdate,
} from './schemas.js';
import * as service from './service.js';

/** Triage (afstemmingsoverleg): meetings with open signals on the agenda, and a decision per signal. */
export function triageRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['triage'];
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // Inclusion criteria (Wgpa weging): read by case workers and reporting roles, kept by the admin.
    r.get(
      '/inclusion-criteria',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['inclusion-criteria'],
          summary: 'The criteria persons are included in the approach by (active ones unless includeInactive=true)',
          querystring: InclusionCriterionListQuery,
          response: { 200: InclusionCriterionList, ...signedInProblems },
        },
      },
      async (req) => inclusion.listCriteria(deps, actorOf(req), req.query.includeInactive),
    );
    r.post(
      '/inclusion-criteria',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['inclusion-criteria'],
          summary: 'Add an inclusion criterion to the region’s list (admin)',
          body: InclusionCriterionCreate,
          response: { 201: InclusionCriterion, ...signedInProblems, ...problems(409, 422) },
        },
      },
      async (req, reply) => reply.code(201).send(await inclusion.createCriterion(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/inclusion-criteria/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['inclusion-criteria'],
          summary: 'Reword, reorder or (de)activate an inclusion criterion (admin); criteria are never deleted',
          params: IdParams,
          body: InclusionCriterionUpdate,
          response: { 200: InclusionCriterion, ...writeProblems },
        },
      },
      async (req) => inclusion.updateCriterion(deps, actorOf(req), req.params.id, req.body),
    );

    r.post(
      '/triage-meetings',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Plan a triage meeting for your municipality (process directors)',
          body: TriageMeetingCreate,
          response: { 201: TriageMeeting, ...signedInProblems, ...problems(422) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.createTriageMeeting(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/triage-meetings',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Triage meetings of your municipality, latest first',
          querystring: TriageMeetingListQuery,
          response: { 200: listOf(TriageMeetingSummary), ...signedInProblems },
        },
      },
      async (req) => service.listTriageMeetings(deps, actorOf(req), req.query),
    );
    r.get(
      '/triage-meetings/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'One triage meeting with its agenda of signals and the decisions taken',
          params: IdParams,
          response: { 200: TriageMeeting, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getTriageMeeting(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/triage-meetings/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Move a triage meeting or mark it held (optimistic locking with version)',
          params: IdParams,
          body: TriageMeetingUpdate,
          response: { 200: TriageMeeting, ...writeProblems },
        },
      },
      async (req) => service.updateTriageMeeting(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/triage-meetings/:id/agenda',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Put an open signal on the agenda (the signal’s status becomes "triage")',
          params: IdParams,
          body: AgendaItemCreate,
          response: { 201: TriageMeeting, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.addToAgenda(deps, actorOf(req), req.id, req.params.id, req.body.signalId)),
    );
    r.post(
      '/triage-decisions',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Decide on a signal (process directors of its municipality), always with a rationale',
          description:
            'open_case opens a case (body "case") in the same transaction; handle_locally and refer (with ' +
            'referredTo) mark the signal decided; no_action closes it. A signal is decided once: 409 after that.',
          body: TriageDecisionCreate,
          response: { 201: TriageDecision, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.decide(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/triage-decisions',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Triage decisions on signals you can see, latest first',
          querystring: TriageDecisionListQuery,
          response: { 200: listOf(TriageDecision), ...signedInProblems },
        },
      },
      async (req) => service.listDecisions(deps, actorOf(req), req.id, req.query),
    );
  };
}
