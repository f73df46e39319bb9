import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { signedInProblems } from '../../platform/http/openapi.js';
import { createRoute, updateRoute } from '../../platform/http/route-options.js';
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
      createRoute('organisations:manage', { tags, summary: 'Create a region', body: RegionCreate }, Region),
      async (req, reply) => reply.code(201).send(await service.createRegion(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/regions/:id',
      updateRoute('organisations:manage', { tags, summary: 'Rename a region', body: RegionUpdate }, Region),
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
      createRoute(
        'organisations:manage',
        { tags, summary: 'Add an organisation to the current region', body: OrganisationCreate },
        Organisation,
      ),
      async (req, reply) => reply.code(201).send(await service.createOrganisation(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/organisations/:id',
      updateRoute(
        'organisations:manage',
        { tags, summary: 'Change an organisation', body: OrganisationUpdate },
        Organisation,
      ),
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
      createRoute(
        'organisations:manage',
        { tags, summary: 'Add a municipality', body: MunicipalityCreate },
        Municipality,
      ),
      async (req, reply) => reply.code(201).send(await service.createMunicipality(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/municipalities/:id',
      updateRoute(
        'organisations:manage',
        { tags, summary: 'Change a municipality', body: MunicipalityUpdate },
        Municipality,
      ),
      async (req) => service.updateMunicipality(deps, actorOf(req), req.params.id, req.body),
    );
  };
}
