import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as evaluations from './evaluations-service.js';
import * as catalogue from './interventions-service.js';
import * as plans from './plans-service.js';
import {
  ActionLine,
  ComparisonQuery,
  DistrictComparison,
  Evaluation,
  EvaluationCreate,
  EvaluationQuery,
  EvaluationUpdate,
  ImplementationPlan,
  ImplementationPlanLine,
  ImplementationPlanSummary,
  Intervention,
  InterventionCreate,
  InterventionQuery,
  InterventionUpdate,
  PlanCreate,
  PlanLineCreate,
  PlanLineUpdate,
  PlanQuery,
  PlanUpdate,
  ProtectiveFactor,
} from './schemas.js';

/**
 * The programme around the case approach: action lines and the intervention catalogue, implementation
 * plans per municipality per year, and evaluations of interventions. No personal data.
 *
 * Reading needs programme:work or reports:read; every role with programme:work also has reports:read
 * (checked in programme.test.ts), so reads declare reports:read. Changing needs programme:work.
 */
export function programmeRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const read = 'reports:read' as const;
    const write = 'programme:work' as const;
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // Action lines and interventions -----------------------------------------------------------------
    const catalogueTags = ['programme'];
    r.get(
      '/action-lines',
      {
        config: { access: read },
        schema: {
          tags: catalogueTags,
          summary: 'The action lines of the programme, with the number of active interventions of each',
          response: { 200: listOf(ActionLine), ...signedInProblems },
        },
      },
      async (req) => catalogue.listActionLines(deps, actorOf(req)),
    );
    r.get(
      '/protective-factors',
      {
        config: { access: read },
        schema: {
          tags: catalogueTags,
          summary: 'The NJI top ten protective factors that interventions address (codes 1–10)',
          response: { 200: listOf(ProtectiveFactor), ...signedInProblems },
        },
      },
      async () => catalogue.protectiveFactorList(),
    );
    r.get(
      '/interventions',
      {
        config: { access: read },
        schema: {
          tags: catalogueTags,
          summary:
            'The intervention catalogue by action line; q searches name, goal, target groups, execution, provider; ' +
            'aspect, targetGroup (target groups only) and protectiveFactor narrow it down',
          querystring: InterventionQuery,
          response: { 200: listOf(Intervention), ...signedInProblems },
        },
      },
      async (req) => catalogue.listInterventions(deps, actorOf(req), req.query),
    );
    r.get(
      '/interventions/:id',
      {
        config: { access: read },
        schema: {
          tags: catalogueTags,
          summary: 'One intervention',
          params: IdParams,
          response: { 200: Intervention, ...readProblems },
        },
      },
      async (req) => catalogue.getIntervention(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/interventions',
      {
        config: { access: write },
        schema: {
          tags: catalogueTags,
          summary: 'Add an intervention to the catalogue',
          body: InterventionCreate,
          response: { 201: Intervention, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await catalogue.createIntervention(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/interventions/:id',
      {
        config: { access: write },
        schema: {
          tags: catalogueTags,
          summary: 'Change an intervention (only the fields sent); active: false takes it out of the catalogue',
          params: IdParams,
          body: InterventionUpdate,
          response: { 200: Intervention, ...writeProblems },
        },
      },
      async (req) => catalogue.updateIntervention(deps, actorOf(req), req.params.id, req.body),
    );

    // Implementation plans -----------------------------------------------------------------------------
    const planTags = ['implementation-plans'];
    r.get(
      '/implementation-plans',
      {
        config: { access: read },
        schema: {
          tags: planTags,
          summary:
            'Implementation plans of your own municipality; the coordinating municipality sees those of its whole district',
          querystring: PlanQuery,
          response: { 200: listOf(ImplementationPlanSummary), ...signedInProblems },
        },
      },
      async (req) => plans.listPlans(deps, actorOf(req), req.query),
    );
    r.get(
      '/implementation-plans/district-comparison',
      {
        config: { access: read },
        schema: {
          tags: planTags,
          summary:
            'The district overview for the coordinating municipality: planned and actual activities and budgets per ' +
            'municipality and intervention, with totals per action line (403 for other municipalities)',
          querystring: ComparisonQuery,
          response: { 200: DistrictComparison, ...signedInProblems },
        },
      },
      async (req) => plans.districtComparison(deps, actorOf(req), req.query),
    );
    r.get(
      '/implementation-plans/:id',
      {
        config: { access: read },
        schema: {
          tags: planTags,
          summary: 'One implementation plan with its lines (404 when it is not visible to you)',
          params: IdParams,
          response: { 200: ImplementationPlan, ...readProblems },
        },
      },
      async (req) => plans.getPlan(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/implementation-plans',
      {
        config: { access: write },
        schema: {
          tags: planTags,
          summary: 'Start the implementation plan of your municipality for a year (one per municipality per year)',
          body: PlanCreate,
          response: { 201: ImplementationPlan, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await plans.createPlan(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/implementation-plans/:id',
      {
        config: { access: write },
        schema: {
          tags: planTags,
          summary: 'Change status (draft, adopted, reported), total budget or note of your municipality’s plan',
          params: IdParams,
          body: PlanUpdate,
          response: { 200: ImplementationPlan, ...writeProblems },
        },
      },
      async (req) => plans.updatePlan(deps, actorOf(req), req.params.id, req.body),
    );
    r.post(
      '/implementation-plans/:id/lines',
      {
        config: { access: write },
        schema: {
          tags: planTags,
          summary: 'Add an intervention to the plan with planned (and actual) numbers and its budget in euro cents',
          params: IdParams,
          body: PlanLineCreate,
          response: { 201: ImplementationPlanLine, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await plans.addLine(deps, actorOf(req), req.params.id, req.body)),
    );
    r.patch(
      '/implementation-plan-lines/:id',
      {
        config: { access: write },
        schema: {
          tags: planTags,
          summary: 'Change a line of the plan (numbers, budget, status, note)',
          params: IdParams,
          body: PlanLineUpdate,
          response: { 200: ImplementationPlanLine, ...writeProblems },
        },
      },
      async (req) => plans.updateLine(deps, actorOf(req), req.params.id, req.body),
    );

    // Evaluations ----------------------------------------------------------------------------------------
    const evaluationTags = ['evaluations'];
    r.get(
      '/evaluations',
      {
        config: { access: read },
        schema: {
          tags: evaluationTags,
          summary: 'Plan, process and effect evaluations of interventions, newest first',
          querystring: EvaluationQuery,
          response: { 200: listOf(Evaluation), ...signedInProblems },
        },
      },
      async (req) => evaluations.listEvaluations(deps, actorOf(req), req.query),
    );
    r.get(
      '/evaluations/:id',
      {
        config: { access: read },
        schema: {
          tags: evaluationTags,
          summary: 'One evaluation',
          params: IdParams,
          response: { 200: Evaluation, ...readProblems },
        },
      },
      async (req) => evaluations.getEvaluation(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/evaluations',
      {
        config: { access: write },
        schema: {
          tags: evaluationTags,
          summary: 'Record an evaluation of an intervention with its findings and follow-up actions',
          body: EvaluationCreate,
          response: { 201: Evaluation, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await evaluations.createEvaluation(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/evaluations/:id',
      {
        config: { access: write },
        schema: {
          tags: evaluationTags,
          summary: 'Change an evaluation (only the fields sent; followUpActions replaces the list)',
          params: IdParams,
          body: EvaluationUpdate,
          response: { 200: Evaluation, ...writeProblems },
        },
      },
      async (req) => evaluations.updateEvaluation(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
