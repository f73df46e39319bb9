import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
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
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // Key figures: people, so the network director only (programme:contacts), every access logged.
    const kfTags = ['key figures'];
    r.get(
      '/key-figures',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags: kfTags,
          summary: 'The standing list of key figures (sleutelfiguren)',
          description: 'Personal data: every read is recorded in the access log (purpose key-figure-network).',
          querystring: KeyFigureListQuery,
          response: { 200: listOf(KeyFigure), ...signedInProblems },
        },
      },
      async (req) => keyFigures.listKeyFigures(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/key-figures/:id',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags: kfTags,
          summary: 'One key figure',
          params: IdParams,
          response: { 200: KeyFigure, ...readProblems },
        },
      },
      async (req) => keyFigures.getKeyFigure(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/key-figures',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags: kfTags,
          summary: 'Add a key figure to the standing list',
          description:
            'Record consent (consentGivenOn with consentScope) before the key figure is invited to a contact circle or made a network member.',
          body: KeyFigureCreate,
          response: { 201: KeyFigure, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await keyFigures.createKeyFigure(deps, actorOf(req), req.id, req.body)),
    );
    r.patch(
      '/key-figures/:id',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags: kfTags,
          summary: 'Change a key figure (absent fields stay; null clears). Withdrawn consent: both consent fields null',
          params: IdParams,
          body: KeyFigureUpdate,
          response: { 200: KeyFigure, ...writeProblems },
        },
      },
      async (req) => keyFigures.updateKeyFigure(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.delete(
      '/key-figures/:id',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags: kfTags,
          summary: 'Erase a key figure who never took part in a network or contact circle (otherwise 409: deactivate)',
          params: IdParams,
          response: { 204: z.null().meta({ description: 'Erased' }), ...writeProblems },
        },
      },
      async (req, reply) => {
        await keyFigures.deleteKeyFigure(deps, actorOf(req), req.id, req.params.id);
        return reply.code(204).send(null);
      },
    );

    // Networks ----------------------------------------------------------------------------------------
    const tags = ['networks'];
    r.get(
      '/networks',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Networks of the region (e.g. the SNRP)',
          querystring: PageQuery,
          response: { 200: listOf(Network), ...signedInProblems },
        },
      },
      async (req) => networks.listNetworks(deps, actorOf(req), req.query),
    );
    r.get(
      '/networks/:id',
      {
        config: { access: 'programme:work' },
        schema: { tags, summary: 'One network', params: IdParams, response: { 200: Network, ...readProblems } },
      },
      async (req) => networks.getNetwork(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/networks',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Create a network',
          body: NetworkCreate,
          response: { 201: Network, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await networks.createNetwork(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/networks/:id',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Change a network',
          params: IdParams,
          body: NetworkUpdate,
          response: { 200: Network, ...writeProblems },
        },
      },
      async (req) => networks.updateNetwork(deps, actorOf(req), req.params.id, req.body),
    );

    r.get(
      '/networks/:id/members',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags,
          summary: 'Members of a network (key figures and users)',
          description: 'Personal data: every read is recorded in the access log (purpose key-figure-network).',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(NetworkMember), ...readProblems },
        },
      },
      async (req) => networks.listMembers(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/networks/:id/members',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags,
          summary: 'Add a key figure (active, with consent) or a user of the region as a member',
          params: IdParams,
          body: NetworkMemberAdd,
          response: { 201: NetworkMember, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await networks.addMember(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.post(
      '/networks/:id/members/:memberId/removal',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags,
          summary: 'End a membership',
          params: NetworkMemberParams,
          body: z.strictObject({}).optional(),
          response: { 204: z.null().meta({ description: 'Removed' }), ...writeProblems },
        },
      },
      async (req, reply) => {
        await networks.removeMember(deps, actorOf(req), req.id, req.params.id, req.params.memberId);
        return reply.code(204).send(null);
      },
    );

    r.get(
      '/networks/:id/meetings',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Meetings of a network, newest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(NetworkMeeting), ...readProblems },
        },
      },
      async (req) => networks.listMeetings(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/meetings',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Record a meeting of the network',
          description: 'Notes record what was shared and agreed, not personal data of residents.',
          params: IdParams,
          body: NetworkMeetingCreate,
          response: { 201: NetworkMeeting, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await networks.addMeeting(deps, actorOf(req), req.params.id, req.body)),
    );
    r.get(
      '/networks/:id/signals',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Signals shared in the network (non-personal), newest first',
          description: NO_PERSONAL_DATA,
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(NetworkSignal), ...readProblems },
        },
      },
      async (req) => networks.listSignals(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/signals',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Record a signal shared in the network — never personal data',
          description: NO_PERSONAL_DATA,
          params: IdParams,
          body: NetworkSignalCreate,
          response: { 201: NetworkSignal, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await networks.addSignal(deps, actorOf(req), req.params.id, req.body)),
    );
    r.get(
      '/networks/:id/activities',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Activities of the network (local activities, seminars), newest first',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: listOf(NetworkActivity), ...readProblems },
        },
      },
      async (req) => networks.listActivities(deps, actorOf(req), req.params.id, req.query),
    );
    r.post(
      '/networks/:id/activities',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Record an activity of the network',
          params: IdParams,
          body: NetworkActivityCreate,
          response: { 201: NetworkActivity, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await networks.addActivity(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
