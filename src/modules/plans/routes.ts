import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as actions from './actions-service.js';
import { planPdf } from './plan-pdf.js';
import * as plans from './plan-service.js';
import {
  Action,
  ActionCreate,
  ActionListQuery,
  ActionNote,
  ActionUpdate,
  EvaluationCreate,
  InterventionCreate,
  InterventionEvaluation,
  InterventionUpdate,
  NoteCreate,
  PageQuery,
  Plan,
  PlanCreate,
  PlanIntervention,
  PlanUpdate,
  ToolboxCreate,
  ToolboxItem,
  ToolboxQuery,
  ToolboxUpdate,
  VersionBody,
} from './schemas.js';
import * as toolbox from './toolbox-service.js';

export function plansRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const access = 'cases:work' as const;
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // Toolbox (instrumentenkoffer) ---------------------------------------------------------------------
    const toolboxTags = ['toolbox'];
    r.get(
      '/toolbox',
      {
        // Case workers choose from it; the functional administrator maintains it.
        config: { access: 'signed-in' },
        schema: {
          tags: toolboxTags,
          summary: 'Measures and powers of the toolbox, by target group, organisation type and category',
          description:
            'Twbmt measures are left out while the region has switched the temporary law off. Sorted by ' +
            'category (limiting, influencing, duiding), then name.',
          querystring: ToolboxQuery,
          response: { 200: listOf(ToolboxItem), ...signedInProblems },
        },
      },
      async (req) => toolbox.listToolbox(deps, actorOf(req), req.query),
    );
    r.post(
      '/toolbox',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: toolboxTags,
          summary: 'Add an item to the toolbox of the region',
          body: ToolboxCreate,
          response: { 201: ToolboxItem, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await toolbox.createToolboxItem(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/toolbox/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: toolboxTags,
          summary: 'Change or deactivate a toolbox item',
          params: IdParams,
          body: ToolboxUpdate,
          response: { 200: ToolboxItem, ...writeProblems },
        },
      },
      async (req) => toolbox.updateToolboxItem(deps, actorOf(req), req.params.id, req.body),
    );

    // Plans of approach --------------------------------------------------------------------------------
    const tags = ['plans'];
    r.get(
      '/cases/:id/plan',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The plan of approach of a case, with its interventions (404 while it has none)',
          params: IdParams,
          response: { 200: Plan, ...readProblems },
        },
      },
      async (req) => plans.getPlan(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/cases/:id/plan',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Start the plan of approach of a case (process director or case coordinator; 409 if it exists)',
          params: IdParams,
          body: PlanCreate,
          response: { 201: Plan, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await plans.createPlan(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.put(
      '/cases/:id/plan',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Change the problem analysis, goals (keep a goal’s id to keep the goal) and next review date',
          params: IdParams,
          body: PlanUpdate,
          response: { 200: Plan, ...writeProblems },
        },
      },
      async (req) => plans.updatePlan(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/cases/:id/plan/adoption',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Adopt the plan; a case in preparation or analysis moves on to execution',
          params: IdParams,
          body: VersionBody,
          response: { 200: Plan, ...writeProblems },
        },
      },
      async (req) => plans.adoptPlan(deps, actorOf(req), req.id, req.params.id, req.body.version),
    );
    r.get(
      '/cases/:id/plan.pdf',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The plan of approach as PDF (named by the case reference, never the person)',
          params: IdParams,
          response: {
            200: {
              description: 'The plan of approach as PDF',
              content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...readProblems,
          },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await planPdf(deps, actorOf(req), req.id, req.params.id);
        return (
          reply
            .type('application/pdf')
            .header('Content-Disposition', `attachment; filename="${fileName}"`)
            // A Buffer goes out as is (Fastify skips serialisation); the type provider only knows the schema.
            .send(pdf as unknown as string)
        );
      },
    );

    // Interventions and their evaluations ------------------------------------------------------------------
    r.post(
      '/plans/:id/interventions',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Add an intervention from the toolbox to a plan',
          params: IdParams,
          body: InterventionCreate,
          response: { 201: PlanIntervention, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await plans.addIntervention(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.get(
      '/plan-interventions/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'One intervention of a plan',
          params: IdParams,
          response: { 200: PlanIntervention, ...readProblems },
        },
      },
      async (req) => plans.getIntervention(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/plan-interventions/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Change an intervention: status (planned → active → completed | stopped), goal, responsible, dates',
          params: IdParams,
          body: InterventionUpdate,
          response: { 200: PlanIntervention, ...writeProblems },
        },
      },
      async (req) => plans.updateIntervention(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/plan-interventions/:id/evaluations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record a plan, process or effect evaluation of an intervention',
          params: IdParams,
          body: EvaluationCreate,
          response: { 201: InterventionEvaluation, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await plans.addEvaluation(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.get(
      '/plan-interventions/:id/evaluations',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The evaluations of an intervention, oldest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(InterventionEvaluation), ...readProblems },
        },
      },
      async (req) => plans.listEvaluations(deps, actorOf(req), req.id, req.params.id, req.query),
    );

    // Actions and progress notes ---------------------------------------------------------------------------
    const actionTags = ['actions'];
    r.post(
      '/cases/:id/actions',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'Add an action with an owner organisation (taking part in the case) and a due date',
          params: IdParams,
          body: ActionCreate,
          response: { 201: Action, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await actions.addAction(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.get(
      '/cases/:id/actions',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'The actions of a case by due date',
          params: IdParams,
          querystring: ActionListQuery,
          response: { 200: listOf(Action), ...readProblems },
        },
      },
      async (req) => actions.listActions(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.get(
      '/actions/:id',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'One action',
          params: IdParams,
          response: { 200: Action, ...readProblems },
        },
      },
      async (req) => actions.getAction(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/actions/:id',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'Change an action: status (done sets completedAt), due date, owner person, title, description',
          params: IdParams,
          body: ActionUpdate,
          response: { 200: Action, ...writeProblems },
        },
      },
      async (req) => actions.updateAction(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/actions/:id/notes',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'Add a progress note to an action',
          params: IdParams,
          body: NoteCreate,
          response: { 201: ActionNote, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await actions.addNote(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.get(
      '/actions/:id/notes',
      {
        config: { access },
        schema: {
          tags: actionTags,
          summary: 'The progress notes of an action, oldest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(ActionNote), ...readProblems },
        },
      },
      async (req) => actions.listNotes(deps, actorOf(req), req.id, req.params.id, req.query),
    );
  };
}
