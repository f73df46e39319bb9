import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, problems, signedInProblems } from '../../platform/http/openapi.js';
import {
  Municipality,
  MunicipalityCreate,
  MunicipalityUpdate,
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  Region,
  RegionCreate,
  RegionUpdate,
} from './schemas.js';
import * as service from './service.js';

const all = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.null() });
const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

export function organisationRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['organisations'];

    r.get(
      '/regions',
      {
        config: { access: 'organisations:read' },
        schema: {
          tags,
          summary: 'Regions your organisation takes part in',
          response: { 200: all(Region), ...signedInProblems },
        },
      },
      async (req) => ({ items: await service.listRegions(deps, actorOf(req)), nextCursor: null }),
    );
    r.post(
      '/regions',
      {
        config: { access: 'organisations:manage' },
        schema: { tags, summary: 'Create a region', body: RegionCreate, response: { 201: Region, ...writeProblems } },
      },
      async (req, reply) => reply.code(201).send(await service.createRegion(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/regions/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags,
          summary: 'Rename a region',
          params: IdParams,
          body: RegionUpdate,
          response: { 200: Region, ...writeProblems },
        },
      },
      async (req) => service.updateRegion(deps, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/organisations',
      {
        config: { access: 'organisations:read' },
        schema: {
          tags,
          summary: 'Organisations taking part in the current region',
          response: { 200: all(Organisation), ...signedInProblems },
        },
      },
      async (req) => ({ items: await service.listOrganisations(deps, actorOf(req)), nextCursor: null }),
    );
    r.post(
      '/organisations',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags,
          summary: 'Add an organisation to the current region',
          body: OrganisationCreate,
          response: { 201: Organisation, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createOrganisation(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/organisations/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags,
          summary: 'Change an organisation',
          params: IdParams,
          body: OrganisationUpdate,
          response: { 200: Organisation, ...writeProblems },
        },
      },
      async (req) => service.updateOrganisation(deps, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/municipalities',
      {
        config: { access: 'organisations:read' },
        schema: {
          tags,
          summary: 'Municipalities of the current region',
          response: { 200: all(Municipality), ...signedInProblems },
        },
      },
      async (req) => ({ items: await service.listMunicipalities(deps, actorOf(req)), nextCursor: null }),
    );
    r.post(
      '/municipalities',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags,
          summary: 'Add a municipality',
          body: MunicipalityCreate,
          response: { 201: Municipality, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createMunicipality(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/municipalities/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags,
          summary: 'Change a municipality',
          params: IdParams,
          body: MunicipalityUpdate,
          response: { 200: Municipality, ...writeProblems },
        },
      },
      async (req) => service.updateMunicipality(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
