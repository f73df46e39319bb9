import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams } from '../../platform/http/openapi.js';
import { createRoute, getRoute, listRoute, noContentRoute, updateRoute } from '../../platform/http/route-options.js';
import { PageQuery } from './common.js';
import * as keyFigures from './key-figures-service.js';
import * as networks from './networks-service.js';
import {
  KeyFigure,
  KeyFigureCreate,
  KeyFigureListQuery,
  KeyFigureUpdate,
  Network,
  NetworkActivity,
  NetworkActivityCreate,
  NetworkCreate,
  NetworkMeeting,
  NetworkMeetingCreate,
  NetworkMember,
  NetworkMemberAdd,
  NetworkMemberParams,
  NetworkSignal,
  NetworkSignalCreate,
  NetworkUpdate,
} from './schemas.js';

const NO_PERSONAL_DATA =
  'Shared signals are about phenomena, places and sentiment in the community. They must not contain ' +
  'personal data: no names, addresses or other details that identify a person. Concerns about a person ' +
  'go to the process director as a signal (POST /signals).';

export function networksRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // Key figures: people, so the network director only (programme:contacts), every access logged.
    const kfTags = ['key figures'];
    r.get(
      '/key-figures',
      listRoute(
        'programme:contacts',
        {
          tags: kfTags,
          summary: 'The standing list of key figures (sleutelfiguren)',
          description: 'Personal data: every read is recorded in the access log (purpose key-figure-network).',
          querystring: KeyFigureListQuery,
        },
        KeyFigure,
      ),
      async (req) => keyFigures.listKeyFigures(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/key-figures/:id',
      getRoute('programme:contacts', { tags: kfTags, summary: 'One key figure' }, KeyFigure),
      async (req) => keyFigures.getKeyFigure(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/key-figures',
      createRoute(
        'programme:contacts',
        {
          tags: kfTags,
          summary: 'Add a key figure to the standing list',
          description:
            'Record consent (consentGivenOn with consentScope) before the key figure is invited to a contact circle or made a network member.',
          body: KeyFigureCreate,
        },
        KeyFigure,
      ),
      async (req, reply) =>
        reply.code(201).send(await keyFigures.createKeyFigure(deps, actorOf(req), req.id, req.body)),
    );
    r.patch(
      '/key-figures/:id',
      updateRoute(
        'programme:contacts',
        {
          tags: kfTags,
          summary: 'Change a key figure (absent fields stay; null clears). Withdrawn consent: both consent fields null',
          body: KeyFigureUpdate,
        },
        KeyFigure,
      ),
      async (req) => keyFigures.updateKeyFigure(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.delete(
      '/key-figures/:id',
      noContentRoute(
        'programme:contacts',
        {
          tags: kfTags,
          summary: 'Erase a key figure who never took part in a network or contact circle (otherwise 409: deactivate)',
        },
        'Erased',
      ),
      async (req, reply) => {
        await keyFigures.deleteKeyFigure(deps, actorOf(req), req.id, req.params.id);
        return reply.code(204).send(null);
      },
    );

    // Networks ----------------------------------------------------------------------------------------
    const tags = ['networks'];
    r.get(
      '/networks',
      listRoute(
        'programme:work',
        { tags, summary: 'Networks of the region (e.g. the SNRP)', querystring: PageQuery },
        Network,
      ),
      async (req) => networks.listNetworks(deps, actorOf(req), req.query),
    );
    r.get('/networks/:id', getRoute('programme:work', { tags, summary: 'One network' }, Network), async (req) =>
      networks.getNetwork(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/networks',
      createRoute('programme:work', { tags, summary: 'Create a network', body: NetworkCreate }, Network),
      async (req, reply) => reply.code(201).send(await networks.createNetwork(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/networks/:id',
      updateRoute('programme:work', { tags, summary: 'Change a network', body: NetworkUpdate }, Network),
      async (req) => networks.updateNetwork(deps, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/networks/:id/members',
      listRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Members of a network (key figures and users)',
          description: 'Personal data: every read is recorded in the access log (purpose key-figure-network).',
          params: IdParams,
          querystring: PageQuery,
        },
        NetworkMember,
      ),
      async (req) => networks.listMembers(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/networks/:id/members',
      createRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Add a key figure (active, with consent) or a user of the region as a member',
          params: IdParams,
          body: NetworkMemberAdd,
        },
        NetworkMember,
      ),
      async (req, reply) =>
        reply.code(201).send(await networks.addMember(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.post(
      '/networks/:id/members/:memberId/removal',
      noContentRoute(
        'programme:contacts',
        { tags, summary: 'End a membership', params: NetworkMemberParams, body: z.strictObject({}).optional() },
        'Removed',
      ),
      async (req, reply) => {
        await networks.removeMember(deps, actorOf(req), req.id, req.params.id, req.params.memberId);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/networks/:id/meetings',
      listRoute(
        'programme:work',
        { tags, summary: 'Meetings of a network, newest first', params: IdParams, querystring: PageQuery },
        NetworkMeeting,
      ),
      async (req) => networks.listMeetings(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/meetings',
      createRoute(
        'programme:work',
        {
          tags,
          summary: 'Record a meeting of the network',
          description: 'Notes record what was shared and agreed, not personal data of residents.',
          params: IdParams,
          body: NetworkMeetingCreate,
        },
        NetworkMeeting,
      ),
      async (req, reply) =>
        reply.code(201).send(await networks.addMeeting(deps, actorOf(req), req.params.id, req.body)),
    );
    r.get(
      '/networks/:id/signals',
      listRoute(
        'programme:work',
        {
          tags,
          summary: 'Signals shared in the network (non-personal), newest first',
          description: NO_PERSONAL_DATA,
          params: IdParams,
          querystring: PageQuery,
        },
        NetworkSignal,
      ),
      async (req) => networks.listSignals(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/signals',
      createRoute(
        'programme:work',
        {
          tags,
          summary: 'Record a signal shared in the network — never personal data',
          description: NO_PERSONAL_DATA,
          params: IdParams,
          body: NetworkSignalCreate,
        },
        NetworkSignal,
      ),
      async (req, reply) => reply.code(201).send(await networks.addSignal(deps, actorOf(req), req.params.id, req.body)),
    );
    r.get(
      '/networks/:id/activities',
      listRoute(
        'programme:work',
        {
          tags,
          summary: 'Activities of the network (local activities, seminars), newest first',
          params: IdParams,
          querystring: PageQuery,
        },
        NetworkActivity,
      ),
      async (req) => networks.listActivities(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/activities',
      createRoute(
        'programme:work',
        { tags, summary: 'Record an activity of the network', params: IdParams, body: NetworkActivityCreate },
        NetworkActivity,
      ),
      async (req, reply) =>
        reply.code(201).send(await networks.addActivity(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
