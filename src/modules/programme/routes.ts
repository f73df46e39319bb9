import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, signedInProblems } from '../../platform/http/openapi.js';
import { createRoute, getRoute, listRoute, updateRoute } from '../../platform/http/route-options.js';
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
      listRoute(
        read,
        {
          tags: catalogueTags,
          summary:
            'The intervention catalogue by action line; q searches name, goal, target groups, execution, provider; ' +
            'aspect, targetGroup (target groups only) and protectiveFactor narrow it down',
          querystring: InterventionQuery,
        },
        Intervention,
      ),
      async (req) => catalogue.listInterventions(deps, actorOf(req), req.query),
    );
    r.get(
      '/interventions/:id',
      getRoute(read, { tags: catalogueTags, summary: 'One intervention' }, Intervention),
      async (req) => catalogue.getIntervention(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/interventions',
      createRoute(
        write,
        { tags: catalogueTags, summary: 'Add an intervention to the catalogue', body: InterventionCreate },
        Intervention,
      ),
      async (req, reply) => reply.code(201).send(await catalogue.createIntervention(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/interventions/:id',
      updateRoute(
        write,
        {
          tags: catalogueTags,
          summary: 'Change an intervention (only the fields sent); active: false takes it out of the catalogue',
          body: InterventionUpdate,
        },
        Intervention,
      ),
      async (req) => catalogue.updateIntervention(deps, actorOf(req), req.params.id, req.body),
    );

    // Implementation plans -----------------------------------------------------------------------------
    const planTags = ['implementation-plans'];
    r.get(
      '/implementation-plans',
      listRoute(
        read,
        {
          tags: planTags,
          summary:
            'Implementation plans of your own municipality; the coordinating municipality sees those of its whole district',
          querystring: PlanQuery,
        },
        ImplementationPlanSummary,
      ),
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
      getRoute(
        read,
        { tags: planTags, summary: 'One implementation plan with its lines (404 when it is not visible to you)' },
        ImplementationPlan,
      ),
      async (req) => plans.getPlan(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/implementation-plans',
      createRoute(
        write,
        {
          tags: planTags,
          summary: 'Start the implementation plan of your municipality for a year (one per municipality per year)',
          body: PlanCreate,
        },
        ImplementationPlan,
      ),
      async (req, reply) => reply.code(201).send(await plans.createPlan(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/implementation-plans/:id',
      updateRoute(
        write,
        {
          tags: planTags,
          summary: 'Change status (draft, adopted, reported), total budget or note of your municipality’s plan',
          body: PlanUpdate,
        },
        ImplementationPlan,
      ),
      async (req) => plans.updatePlan(deps, actorOf(req), req.params.id, req.body),
    );
    r.post(
      '/implementation-plans/:id/lines',
      createRoute(
        write,
        {
          tags: planTags,
          summary: 'Add an intervention to the plan with planned (and actual) numbers and its budget in euro cents',
          params: IdParams,
          body: PlanLineCreate,
        },
        ImplementationPlanLine,
      ),
      async (req, reply) => reply.code(201).send(await plans.addLine(deps, actorOf(req), req.params.id, req.body)),
    );
    r.patch(
      '/implementation-plan-lines/:id',
      updateRoute(
        write,
        { tags: planTags, summary: 'Change a line of the plan (numbers, budget, status, note)', body: PlanLineUpdate },
        ImplementationPlanLine,
      ),
      async (req) => plans.updateLine(deps, actorOf(req), req.params.id, req.body),
    );

    // Evaluations ----------------------------------------------------------------------------------------
    const evaluationTags = ['evaluations'];
    r.get(
      '/evaluations',
      listRoute(
        read,
        {
          tags: evaluationTags,
          summary: 'Plan, process and effect evaluations of interventions, newest first',
          querystring: EvaluationQuery,
        },
        Evaluation,
      ),
      async (req) => evaluations.listEvaluations(deps, actorOf(req), req.query),
    );
    r.get(
      '/evaluations/:id',
      getRoute(read, { tags: evaluationTags, summary: 'One evaluation' }, Evaluation),
      async (req) => evaluations.getEvaluation(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/evaluations',
      createRoute(
        write,
        {
          tags: evaluationTags,
          summary: 'Record an evaluation of an intervention with its findings and follow-up actions',
          body: EvaluationCreate,
        },
        Evaluation,
      ),
      async (req, reply) => reply.code(201).send(await evaluations.createEvaluation(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/evaluations/:id',
      updateRoute(
        write,
        {
          tags: evaluationTags,
          summary: 'Change an evaluation (only the fields sent; followUpActions replaces the list)',
          body: EvaluationUpdate,
        },
        Evaluation,
      ),
      async (req) => evaluations.updateEvaluation(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
