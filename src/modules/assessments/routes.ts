import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as frameworks from './frameworks-service.js';
import {
  Assessment,
  AssessmentCreate,
  AssessmentFramework,
  AssessmentSummary,
  AssessmentUpdate,
  FrameworkCreate,
  FrameworkListQuery,
  FrameworkUpdate,
  PersonAssessmentsQuery,
  VersionBody,
} from './schemas.js';
import * as service from './service.js';

export function assessmentsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // Frameworks (beoordelingskaders) ------------------------------------------------------------------
    const frameworkTags = ['assessment-frameworks'];
    r.get(
      '/assessment-frameworks',
      {
        // Read by case workers (to assess) and by the functional administrator (to configure).
        config: { access: 'signed-in' },
        schema: {
          tags: frameworkTags,
          summary: 'Assessment frameworks of the region, each with its domains and factors',
          querystring: FrameworkListQuery,
          response: { 200: listOf(AssessmentFramework), ...signedInProblems },
        },
      },
      async (req) => frameworks.listFrameworks(deps, actorOf(req), req.query),
    );
    r.get(
      '/assessment-frameworks/:id',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: frameworkTags,
          summary: 'One assessment framework',
          params: IdParams,
          response: { 200: AssessmentFramework, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => frameworks.getFramework(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/assessment-frameworks',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: frameworkTags,
          summary: "Configure a region's own framework (factors are fixed once created)",
          body: FrameworkCreate,
          response: { 201: AssessmentFramework, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await frameworks.createFramework(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/assessment-frameworks/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: frameworkTags,
          summary: 'Rename, deactivate or reactivate a framework',
          params: IdParams,
          body: FrameworkUpdate,
          response: { 200: AssessmentFramework, ...writeProblems },
        },
      },
      async (req) => frameworks.updateFramework(deps, actorOf(req), req.params.id, req.body),
    );

    // Assessments (duiding en inschatting) --------------------------------------------------------------
    const tags = ['assessments'];
    r.post(
      '/assessments',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Start a draft assessment of a person, bound to a case or to a signal',
          body: AssessmentCreate,
          response: { 201: Assessment, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createAssessment(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/assessments/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'One assessment with its factor ratings',
          params: IdParams,
          response: { 200: Assessment, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getAssessment(deps, actorOf(req), req.id, req.params.id),
    );
    r.put(
      '/assessments/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Change a draft: the ratings (replaced as a whole), concern level and rationale',
          params: IdParams,
          body: AssessmentUpdate,
          response: { 200: Assessment, ...writeProblems },
        },
      },
      async (req) => service.updateAssessment(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/assessments/:id/finalisation',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Finalise a draft; needs the chosen concern level and a written rationale',
          params: IdParams,
          body: VersionBody,
          response: { 200: Assessment, ...writeProblems },
        },
      },
      async (req) => service.finaliseAssessment(deps, actorOf(req), req.id, req.params.id, req.body.version),
    );
    r.get(
      '/persons/:id/assessments',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: "A person's assessments you may see, oldest first (the trend)",
          params: IdParams,
          querystring: PersonAssessmentsQuery,
          response: { 200: listOf(AssessmentSummary), ...signedInProblems },
        },
      },
      async (req) => service.listPersonAssessments(deps, actorOf(req), req.id, req.params.id, req.query),
    );
  };
}
