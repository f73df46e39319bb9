import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as des from './destruction.js';
import * as lh from './legal-hold.js';
import * as rq from './requests.js';

/**
 * The destruction side of privacy (issue 4 parts 3 and 4): legal holds, erasure and rectification
 * requests with four-eyes approval, and the retention job's runs. Every route is for the privacy
 * officer and the admin only (other roles: 403); records of another region are 404.
 */
export function destructionRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const who = '(privacy officer, admin)';
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // --- Legal holds ---------------------------------------------------------------------------------
    const ht = ['legal-holds'];
    r.get(
      '/legal-holds',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ht,
          summary: `Legal holds of the region, newest first; filter on active, caseId, personId ${who}`,
          querystring: lh.LegalHoldListQuery,
          response: { 200: listOf(lh.LegalHold), ...signedInProblems },
        },
      },
      async (req) => lh.listHolds(deps, actorOf(req), req.id, req.query),
    );
    r.post(
      '/legal-holds',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ht,
          summary: `Set a legal hold on a case or a person with a reason: the retention job and erasure skip held data ${who}`,
          description:
            'Give caseId or personId (400 naming /caseId when both or neither). An unknown id or one of another region is 404 naming the field; a hold already in force is 409 (code CONFLICT, field code already_held).',
          body: lh.LegalHoldCreate,
          response: { 201: lh.LegalHold, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await lh.createHold(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/legal-holds/:id',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ht,
          summary: `One legal hold ${who}`,
          params: IdParams,
          response: { 200: lh.LegalHold, ...readProblems },
        },
      },
      async (req) => lh.getHold(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/legal-holds/:id/lifting',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ht,
          summary: `Lift a legal hold with a reason; destruction of the data resumes at the next run when due ${who}`,
          description: 'A stale version is 409 STALE_VERSION; a hold already lifted is 409 ILLEGAL_TRANSITION.',
          params: IdParams,
          body: lh.LegalHoldLift,
          response: { 200: lh.LegalHold, ...writeProblems },
        },
      },
      async (req) => lh.liftHold(deps, actorOf(req), req.id, req.params.id, req.body),
    );

    // --- Erasure and rectification requests ----------------------------------------------------------
    const decisionDoc =
      'Four eyes: the approver is not the requester (403 with code FOUR_EYES_REQUIRED). A decided request is 409 ILLEGAL_TRANSITION; a stale version 409 STALE_VERSION.';
    for (const kind of ['erasure', 'rectification'] as const) {
      const base = `/${kind}-requests`;
      const tags = [`${kind}-requests`];
      const Item = kind === 'erasure' ? rq.ErasureRequest : rq.RectificationRequest;
      const label = kind === 'erasure' ? 'erasure (AVG art. 17)' : 'rectification (AVG art. 16)';
      r.get(
        base,
        {
          config: { access: 'signed-in' },
          schema: {
            tags,
            summary: `Requests for ${label}, newest first; filter on status and personId ${who}`,
            querystring: rq.RequestListQuery,
            response: { 200: listOf(Item), ...signedInProblems },
          },
        },
        async (req) => rq.listRequests(deps, actorOf(req), req.id, kind, req.query),
      );
      r.get(
        `${base}/:id`,
        {
          config: { access: 'signed-in' },
          schema: {
            tags,
            summary: `One request for ${label} ${who}`,
            params: IdParams,
            response: { 200: Item, ...readProblems },
          },
        },
        async (req) => rq.getRequest(deps, actorOf(req), req.id, kind, req.params.id),
      );
      r.post(
        `${base}/:id/approval`,
        {
          config: { access: 'signed-in' },
          schema: {
            tags,
            summary:
              kind === 'erasure'
                ? `Approve an erasure request: the data in its scope is destroyed at once, as by the retention job ${who}`
                : `Approve a rectification request: the corrected values are written to the person at once ${who}`,
            description: `${decisionDoc} Refused with 422 naming /personId, /caseId or /signalId when a legal hold applies (field code legal_hold) or the subject no longer exists (gone).`,
            params: IdParams,
            body: rq.RequestDecision,
            response: { 200: Item, ...writeProblems },
          },
        },
        async (req) => rq.approveRequest(deps, actorOf(req), req.id, kind, req.params.id, req.body),
      );
      r.post(
        `${base}/:id/rejection`,
        {
          config: { access: 'signed-in' },
          schema: {
            tags,
            summary: `Reject a request for ${label}, with a note (required) ${who}`,
            description: decisionDoc,
            params: IdParams,
            body: rq.RequestDecision,
            response: { 200: Item, ...writeProblems },
          },
        },
        async (req) => rq.rejectRequest(deps, actorOf(req), req.id, kind, req.params.id, req.body),
      );
    }
    r.post(
      '/erasure-requests',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['erasure-requests'],
          summary: `Record a request for erasure with its reason and scope; a second person approves it ${who}`,
          description:
            'scope person: every case with the person as subject, every signal about only them, and the person (their links to other cases and signals are removed and their names redacted there); scope case: one case of which the person is the subject (caseId); scope signal: one signal about the person (signalId). Errors name the field: 400 /caseId or /signalId (scope_mismatch), 404 /personId, /caseId or /signalId (not in this region), 422 (not_about_person).',
          body: rq.ErasureRequestCreate,
          response: { 201: rq.ErasureRequest, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await rq.createErasureRequest(deps, actorOf(req), req.id, req.body)),
    );
    r.post(
      '/rectification-requests',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['rectification-requests'],
          summary: `Record a request for rectification of a person's recorded data; a second person approves it ${who}`,
          description: 'change holds the corrected values (at least one; 400 naming /change otherwise).',
          body: rq.RectificationRequestCreate,
          response: { 201: rq.RectificationRequest, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await rq.createRectificationRequest(deps, actorOf(req), req.id, req.body)),
    );

    // --- Retention job runs ------------------------------------------------------------------------------
    r.get(
      '/retention/runs',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: ['retention'],
          summary: `The retention job's runs, newest first, with what each destroyed in this region ${who}`,
          querystring: des.RetentionRunsQuery,
          response: { 200: listOf(des.RetentionRunItem), ...signedInProblems },
        },
      },
      async (req) => des.listRuns(deps, actorOf(req), req.query),
    );
  };
}
