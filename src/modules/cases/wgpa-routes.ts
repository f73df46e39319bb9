import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import { getSafeguards, recordInclusionReview, recordInforming } from './wgpa.js';
import {
  CaseSafeguards,
  InclusionReview,
  InclusionReviewCreate,
  InformingRecord,
  InformingRecordCreate,
} from './wgpa-schemas.js';

/** The Wgpa's safeguards on a case: inclusion, informing the person, the inclusion review. */
export function caseSafeguardRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['cases'];
    const access = 'cases:work' as const;
    const writeProblems = { ...signedInProblems, ...problems(404, 422) };
    r.get(
      '/cases/:id/safeguards',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The case’s Wgpa safeguards: inclusion (weging), informing the person, inclusion reviews, retention',
          params: IdParams,
          response: { 200: CaseSafeguards, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => getSafeguards(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/cases/:id/informing-records',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record that the person was informed, or why informing is deferred and until when',
          params: IdParams,
          body: InformingRecordCreate,
          response: { 201: InformingRecord, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordInforming(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.post(
      '/cases/:id/inclusion-reviews',
      {
        config: { access },
        schema: {
          tags,
          summary:
            'Record an inclusion review: does the person still belong in the approach? Sets the next review date',
          params: IdParams,
          body: InclusionReviewCreate,
          response: { 201: InclusionReview, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordInclusionReview(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
  };
}
