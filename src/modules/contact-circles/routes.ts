import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams } from '../../platform/http/openapi.js';
import {
  createRoute,
  getRoute,
  listRoute,
  noContentRoute,
  updateRoute,
  writeProblems,
} from '../../platform/http/route-options.js';
import {
  ActionAdd,
  ActionParams,
  ActionUpdate,
  ContactCircle,
  ContactCircleAction,
  ContactCircleCreate,
  ContactCircleInvitee,
  ContactCircleListQuery,
  ContactCircleObservation,
  ContactCircleSummary,
  ContactCircleUpdate,
  EvaluationWrite,
  InviteeAdd,
  InviteeParams,
  MeetingDetails,
  ObservationAdd,
  ReportWrite,
  StepCompletion,
  StepParams,
} from './schemas.js';
import * as service from './service.js';

const STEPS_DESCRIPTION =
  'The five steps of the contact circle, completed in order: 1 align the approach with the mayor and draft ' +
  'the invitation; 2 choose which key figures to invite (needs at least one invitee); 3 arrange the meeting ' +
  '(needs time and place, PUT /contact-circles/{id}/meeting); 4 collect hard and soft signals and needs (needs ' +
  'at least one); 5 set out and carry out the actions. Completing a step out of order, or with a stale ' +
  'version, is 409; a step whose work is missing is 422.';

export function contactCirclesRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // The circle names the key figures it invites: the network director only.
    const access = 'programme:contacts' as const;
    const tags = ['contact circles'];

    r.get(
      '/contact-circles',
      listRoute(
        access,
        { tags, summary: 'Contact circles, newest incident first', querystring: ContactCircleListQuery },
        ContactCircleSummary,
      ),
      async (req) => service.listContactCircles(deps, actorOf(req), req.query),
    );
    r.post(
      '/contact-circles',
      createRoute(
        access,
        {
          tags,
          summary: 'Open a contact circle after an incident',
          description: STEPS_DESCRIPTION,
          body: ContactCircleCreate,
        },
        ContactCircle,
      ),
      async (req, reply) =>
        reply.code(201).send(await service.createContactCircle(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/contact-circles/:id',
      getRoute(
        access,
        {
          tags,
          summary: 'A contact circle: steps, meeting, invitees, signals and needs, actions, report, evaluation',
          description: 'Reading the invitees is recorded in the access log (purpose contact-circle).',
        },
        ContactCircle,
      ),
      async (req) => service.getContactCircle(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/contact-circles/:id',
      updateRoute(
        access,
        { tags, summary: 'Change the incident details (until the circle is closed)', body: ContactCircleUpdate },
        ContactCircle,
      ),
      async (req) => service.updateContactCircle(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/contact-circles/:id/steps/:step/completion',
      updateRoute(
        access,
        {
          tags,
          summary: 'Complete a step (1–5), in order',
          description: STEPS_DESCRIPTION,
          params: StepParams,
          body: StepCompletion,
        },
        ContactCircle,
      ),
      async (req) => service.completeStep(deps, actorOf(req), req.id, req.params.id, req.params.step, req.body),
    );
    r.put(
      '/contact-circles/:id/meeting',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record when and where the meeting is held (steps 1–3)',
          params: IdParams,
          body: MeetingDetails,
          response: { 200: ContactCircle, ...writeProblems },
        },
      },
      async (req) => service.setMeeting(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/contact-circles/:id/invitees',
      createRoute(
        access,
        {
          tags,
          summary: 'Invite a key figure from the standing list (steps 2–3); consent must be recorded, else 422',
          params: IdParams,
          body: InviteeAdd,
        },
        ContactCircleInvitee,
      ),
      async (req, reply) =>
        reply.code(201).send(await service.addInvitee(deps, actorOf(req), req.id, req.params.id, req.body.keyFigureId)),
    );
    r.post(
      '/contact-circles/:id/invitees/:inviteeId/removal',
      noContentRoute(
        access,
        {
          tags,
          summary: 'Withdraw an invitation (steps 2–3)',
          params: InviteeParams,
          body: z.strictObject({}).optional(),
        },
        'Withdrawn',
      ),
      async (req, reply) => {
        await service.removeInvitee(deps, actorOf(req), req.id, req.params.id, req.params.inviteeId);
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/contact-circles/:id/signals-and-needs',
      createRoute(
        access,
        {
          tags,
          summary: 'Record a hard signal, soft signal or need collected at the meeting (steps 4–5)',
          description:
            'Hard signals are facts and incidents; soft signals are sentiment and worries about physical and social ' +
            'safety in the community. They describe the community, not a person: no personal data.',
          params: IdParams,
          body: ObservationAdd,
        },
        ContactCircleObservation,
      ),
      async (req, reply) =>
        reply.code(201).send(await service.addObservation(deps, actorOf(req), req.params.id, req.body)),
    );
    r.post(
      '/contact-circles/:id/actions',
      createRoute(
        access,
        { tags, summary: 'Add an action that came out of the circle (steps 4–5)', params: IdParams, body: ActionAdd },
        ContactCircleAction,
      ),
      async (req, reply) => reply.code(201).send(await service.addAction(deps, actorOf(req), req.params.id, req.body)),
    );
    r.patch(
      '/contact-circles/:id/actions/:actionId',
      updateRoute(
        access,
        {
          tags,
          summary: 'Change an action or its status (from step 4 until the circle is closed)',
          params: ActionParams,
          body: ActionUpdate,
        },
        ContactCircleAction,
      ),
      async (req) => service.updateAction(deps, actorOf(req), req.params.id, req.params.actionId, req.body),
    );
    r.put(
      '/contact-circles/:id/report',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Write the report (verslag) — after step 5, revisable until the evaluation',
          params: IdParams,
          body: ReportWrite,
          response: { 200: ContactCircle, ...writeProblems },
        },
      },
      async (req) => service.writeReport(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.put(
      '/contact-circles/:id/evaluation',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record the process evaluation — after the report; closes the circle',
          params: IdParams,
          body: EvaluationWrite,
          response: { 200: ContactCircle, ...writeProblems },
        },
      },
      async (req) => service.writeEvaluation(deps, actorOf(req), req.id, req.params.id, req.body),
    );
  };
}
