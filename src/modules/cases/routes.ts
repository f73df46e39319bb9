import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import { addContribution, listContributions } from './contributions.js';
import { addEvaluation, listEvaluations } from './evaluations.js';
import { escalateCase, transitionCase } from './lifecycle.js';
import {
  addMember,
  addOrganisation,
  addRelatedPerson,
  listMemberCandidates,
  removeMember,
  removeOrganisation,
  removeRelatedPerson,
} from './membership.js';
import { listProportionalityReviews, recordProportionalityReview } from './reviews.js';
import {
  CaseDetail,
  CaseEvaluation,
  CaseEvaluationCreate,
  CaseListItem,
  CaseListQuery,
  CaseMember,
  CaseOrganisation,
  CaseRecord,
  CaseUpdate,
  Contribution,
  ContributionCreate,
  ContributionListQuery,
  EscalationRequest,
  MemberAdd,
  MemberCandidate,
  MemberCandidateQuery,
  MemberParams,
  OrganisationAdd,
  OrganisationParams,
  PageQuery,
  PersonParams,
  ProportionalityReview,
  ProportionalityReviewCreate,
  RelatedPerson,
  RelatedPersonAdd,
  Removal,
  TransitionRequest,
} from './schemas.js';
import { getCase, listCases, updateCase } from './service.js';

const NoContent = z.null().describe('No content');

export function casesRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['cases'];
    const access = 'cases:work' as const;
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    r.get(
      '/cases',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Cases the signed-in user may see (need-to-know), by reference',
          querystring: CaseListQuery,
          response: { 200: listOf(CaseListItem), ...signedInProblems },
        },
      },
      async (req) => listCases(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/cases/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The case page: subject, related persons, participants, concern trend, contributions, timeline',
          params: IdParams,
          response: { 200: CaseDetail, ...readProblems },
        },
      },
      async (req) => getCase(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/cases/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Change target group, risk group, ideology, priority or case coordinator',
          description: 'Process director of the directing municipality or case coordinator only.',
          params: IdParams,
          body: CaseUpdate,
          response: { 200: CaseRecord, ...writeProblems },
        },
      },
      async (req) => updateCase(deps, actorOf(req), req.id, req.params.id, req.body),
    );

    // Membership ---------------------------------------------------------------------------------
    r.post(
      '/cases/:id/organisations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Let a partner organisation of the region take part in the case',
          params: IdParams,
          body: OrganisationAdd,
          response: { 201: CaseOrganisation, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addOrganisation(deps, actorOf(req), req.id, req.params.id, req.body.organisationId)),
    );
    r.post(
      '/cases/:id/organisations/:organisationId/removal',
      {
        config: { access },
        schema: {
          tags,
          summary: 'End an organisation’s participation; its members lose access at once',
          params: OrganisationParams,
          body: Removal,
          response: { 204: NoContent, ...writeProblems },
        },
      },
      async (req, reply) => {
        await removeOrganisation(
          deps,
          actorOf(req),
          req.id,
          req.params.id,
          req.params.organisationId,
          req.body?.reason,
        );
        return reply.code(204).send(null);
      },
    );
    r.get(
      '/cases/:id/member-candidates',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Who can be added as a member (and, for its process directors, chosen as case coordinator)',
          description:
            'Members: active staff of the participating organisations (under a signed covenant) who are not ' +
            'members yet. Coordinators: active case coordinators and process directors of the region, offered ' +
            'to the process directors of the directing municipality only. Managers of the case only (403).',
          params: IdParams,
          querystring: MemberCandidateQuery,
          response: { 200: listOf(MemberCandidate), ...readProblems },
        },
      },
      async (req) => listMemberCandidates(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/cases/:id/members',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Add a user of a participating organisation to the case',
          params: IdParams,
          body: MemberAdd,
          response: { 201: CaseMember, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addMember(deps, actorOf(req), req.id, req.params.id, req.body.userId)),
    );
    r.post(
      '/cases/:id/members/:userId/removal',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Remove a member; they lose access at their next request',
          params: MemberParams,
          body: Removal,
          response: { 204: NoContent, ...writeProblems },
        },
      },
      async (req, reply) => {
        await removeMember(deps, actorOf(req), req.id, req.params.id, req.params.userId, req.body?.reason);
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/cases/:id/related-persons',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Relate a person (existing, or new) to the case: parent, sibling, partner, child, network',
          params: IdParams,
          body: RelatedPersonAdd,
          response: { 201: RelatedPerson, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addRelatedPerson(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.post(
      '/cases/:id/related-persons/:personId/removal',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Remove a related person from the case',
          params: PersonParams,
          body: Removal,
          response: { 204: NoContent, ...writeProblems },
        },
      },
      async (req, reply) => {
        await removeRelatedPerson(deps, actorOf(req), req.id, req.params.id, req.params.personId, req.body?.reason);
        return reply.code(204).send(null);
      },
    );

    // Contributions ------------------------------------------------------------------------------
    r.get(
      '/cases/:id/contributions',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Contributions visible to you (sharing scope applied), newest first',
          params: IdParams,
          querystring: ContributionListQuery,
          response: { 200: listOf(Contribution), ...readProblems },
        },
      },
      async (req) => listContributions(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/cases/:id/contributions',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Contribute information, with legal regime and sharing scope; source = your organisation',
          params: IdParams,
          body: ContributionCreate,
          response: { 201: Contribution, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addContribution(deps, actorOf(req), req.id, req.params.id, req.body)),
    );

    // Lifecycle ----------------------------------------------------------------------------------
    r.post(
      '/cases/:id/transitions',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Move the case to its next phase, close it (provisionally or definitively) or reopen it',
          description:
            'kind: discuss | adopt_plan | monitor | resume | close_provisionally (reason, revisitOn) | ' +
            'close_definitively (reason) | reopen (reason, to). Illegal: 409 ILLEGAL_TRANSITION; missing ' +
            'reason/revisitOn/to: 422 naming the field; stale version: 409 STALE_VERSION.',
          params: IdParams,
          body: TransitionRequest,
          response: { 200: CaseRecord, ...writeProblems },
        },
      },
      async (req) => transitionCase(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/cases/:id/escalations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Escalate (up) or de-escalate (down) one step: local ↔ regional ↔ national, with a reason',
          params: IdParams,
          body: EscalationRequest,
          response: { 200: CaseRecord, ...writeProblems },
        },
      },
      async (req) => escalateCase(deps, actorOf(req), req.id, req.params.id, req.body),
    );

    // Proportionality reviews --------------------------------------------------------------------
    r.get(
      '/cases/:id/proportionality-reviews',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Proportionality reviews of the case, newest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(ProportionalityReview), ...readProblems },
        },
      },
      async (req) => listProportionalityReviews(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/cases/:id/proportionality-reviews',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record a proportionality review; sets the case’s next review date',
          description:
            'nextReviewOn defaults to reviewedOn + the region’s interval (region-settings, default 91 days).',
          params: IdParams,
          body: ProportionalityReviewCreate,
          response: { 201: ProportionalityReview, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await recordProportionalityReview(deps, actorOf(req), req.id, req.params.id, req.body)),
    );

    // Evaluations --------------------------------------------------------------------------------
    r.get(
      '/cases/:id/evaluations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Evaluations of the case (process, cooperation), newest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(CaseEvaluation), ...readProblems },
        },
      },
      async (req) => listEvaluations(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/cases/:id/evaluations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Evaluate the process or the cooperation of the case',
          params: IdParams,
          body: CaseEvaluationCreate,
          response: { 201: CaseEvaluation, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addEvaluation(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
  };
}
