import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, signedInProblems } from '../../platform/http/openapi.js';
import {
  createRoute,
  getRoute,
  listRoute,
  noContentRoute,
  readProblems,
  updateRoute,
} from '../../platform/http/route-options.js';
import { PageQuery } from '../networks/common.js';
import * as officers from './officers-service.js';
import * as pool from './pool-service.js';
import {
  AttentionOfficer,
  AttentionOfficerCreate,
  AttentionOfficerListQuery,
  AttentionOfficerUpdate,
  OperationalNetworkOrganisation,
  Participant,
  ParticipantCreate,
  ParticipantParams,
  ParticipantUpdate,
  PoolMatch,
  PoolMatchCreate,
  PoolMatchListQuery,
  PoolMeeting,
  PoolMeetingListQuery,
  PoolMeetingUpdate,
  PoolMember,
  PoolScheduleRequest,
  Training,
  TrainingCreate,
  TrainingListQuery,
  TrainingSession,
  TrainingSessionCreate,
  TrainingSessionListQuery,
  TrainingSessionUpdate,
  TrainingUpdate,
} from './schemas.js';
import * as trainings from './trainings-service.js';

export function expertiseRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    // Trainings and sessions (no personal data): the programme's staff ---------------------------------
    const tags = ['expertise'];
    r.get(
      '/trainings',
      listRoute(
        'programme:work',
        {
          tags,
          summary: 'The trainings catalogue (RoR and Behr trainings of the programme)',
          querystring: TrainingListQuery,
        },
        Training,
      ),
      async (req) => trainings.listTrainings(deps, actorOf(req), req.query),
    );
    r.get('/trainings/:id', getRoute('programme:work', { tags, summary: 'One training' }, Training), async (req) =>
      trainings.getTraining(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/trainings',
      createRoute('programme:work', { tags, summary: 'Add a training', body: TrainingCreate }, Training),
      async (req, reply) => reply.code(201).send(await trainings.createTraining(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/trainings/:id',
      updateRoute(
        'programme:work',
        { tags, summary: 'Change a training (active: false takes it out of the offer)', body: TrainingUpdate },
        Training,
      ),
      async (req) => trainings.updateTraining(deps, actorOf(req), req.params.id, req.body),
    );
    r.get(
      '/training-sessions',
      listRoute(
        'programme:work',
        {
          tags,
          summary: 'Training sessions, most recent first, with participant and attendance counts',
          querystring: TrainingSessionListQuery,
        },
        TrainingSession,
      ),
      async (req) => trainings.listSessions(deps, actorOf(req), req.query),
    );
    r.get(
      '/training-sessions/:id',
      getRoute('programme:work', { tags, summary: 'One training session' }, TrainingSession),
      async (req) => trainings.getSession(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/training-sessions',
      createRoute(
        'programme:work',
        { tags, summary: 'Plan a session of a training', body: TrainingSessionCreate },
        TrainingSession,
      ),
      async (req, reply) => reply.code(201).send(await trainings.createSession(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/training-sessions/:id',
      updateRoute(
        'programme:work',
        { tags, summary: 'Change a session', body: TrainingSessionUpdate },
        TrainingSession,
      ),
      async (req) => trainings.updateSession(deps, actorOf(req), req.params.id, req.body),
    );

    // Participants and attention officers: people, the network director (programme:contacts) -----------
    const participantsNote =
      'Personal data: every read and change is recorded in the access log (purpose training-administration).';
    r.get(
      '/training-sessions/:id/participants',
      listRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Participants of a session and their attendance',
          description: participantsNote,
          params: IdParams,
          querystring: PageQuery,
        },
        Participant,
      ),
      async (req) => trainings.listParticipants(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.post(
      '/training-sessions/:id/participants',
      createRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Register a participant',
          description: participantsNote,
          params: IdParams,
          body: ParticipantCreate,
        },
        Participant,
      ),
      async (req, reply) =>
        reply.code(201).send(await trainings.addParticipant(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.patch(
      '/training-sessions/:id/participants/:participantId',
      updateRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Change a participant or record attendance',
          description: participantsNote,
          params: ParticipantParams,
          body: ParticipantUpdate,
        },
        Participant,
      ),
      async (req) =>
        trainings.updateParticipant(deps, actorOf(req), req.id, req.params.id, req.params.participantId, req.body),
    );
    r.delete(
      '/training-sessions/:id/participants/:participantId',
      noContentRoute(
        'programme:contacts',
        { tags, summary: 'Remove a participant (their data is erased)', params: ParticipantParams },
        'Deleted',
      ),
      async (req, reply) => {
        await trainings.removeParticipant(deps, actorOf(req), req.id, req.params.id, req.params.participantId);
        return reply.code(204).send(null);
      },
    );

    const officersNote =
      'Attention officers (aandachtsfunctionarissen) are people: every read and change is recorded in the access log.';
    r.get(
      '/attention-officers',
      listRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Attention officers per organisation',
          description: officersNote,
          querystring: AttentionOfficerListQuery,
        },
        AttentionOfficer,
      ),
      async (req) => officers.listOfficers(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/attention-officers/:id',
      getRoute(
        'programme:contacts',
        { tags, summary: 'One attention officer', description: officersNote },
        AttentionOfficer,
      ),
      async (req) => officers.getOfficer(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/attention-officers',
      createRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Register an attention officer: a user of the region (userId) or a named person with organisationId',
          description: officersNote,
          body: AttentionOfficerCreate,
        },
        AttentionOfficer,
      ),
      async (req, reply) => reply.code(201).send(await officers.createOfficer(deps, actorOf(req), req.id, req.body)),
    );
    r.patch(
      '/attention-officers/:id',
      updateRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Change an attention officer (trainedOn; name and organisation of one without an account)',
          body: AttentionOfficerUpdate,
        },
        AttentionOfficer,
      ),
      async (req) => officers.updateOfficer(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.delete(
      '/attention-officers/:id',
      noContentRoute('programme:contacts', { tags, summary: 'Remove an attention officer' }, 'Deleted'),
      async (req, reply) => {
        await officers.deleteOfficer(deps, actorOf(req), req.id, req.params.id);
        return reply.code(204).send(null);
      },
    );
    r.get(
      '/operational-network',
      {
        config: { access: 'programme:contacts' },
        schema: {
          tags,
          summary: 'The operational network: per organisation its attention officers and trained participants',
          description: officersNote,
          response: { 200: listOf(OperationalNetworkOrganisation), ...signedInProblems },
        },
      },
      async (req) => officers.operationalNetwork(deps, actorOf(req), req.id),
    );

    // Expertise pool -------------------------------------------------------------------------------------
    const poolTags = ['expertise pool'];
    r.post(
      '/expertise-pool/schedule',
      createRoute(
        'programme:work',
        {
          tags: poolTags,
          summary: 'Plan pool meetings: every three weeks from firstOn, every third one thematic',
          description:
            'Continues the region’s series: numbering carries on (so every third meeting stays thematic) and firstOn ' +
            'must come after the last planned meeting (else 422).',
          body: PoolScheduleRequest,
        },
        listOf(PoolMeeting),
      ),
      async (req, reply) => reply.code(201).send(await pool.scheduleMeetings(deps, actorOf(req), req.body)),
    );
    r.get(
      '/expertise-pool/meetings',
      listRoute(
        'signed-in',
        { tags: poolTags, summary: 'The meetings of the expertise pool in order', querystring: PoolMeetingListQuery },
        PoolMeeting,
      ),
      async (req) => pool.listMeetings(deps, actorOf(req), req.query),
    );
    r.patch(
      '/expertise-pool/meetings/:id',
      updateRoute(
        'programme:work',
        { tags: poolTags, summary: 'Set the theme or notes of a pool meeting', body: PoolMeetingUpdate },
        PoolMeeting,
      ),
      async (req) => pool.updateMeeting(deps, actorOf(req), req.params.id, req.body),
    );
    r.get(
      '/expertise-pool/members',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: poolTags,
          summary: 'Members of the expertise pool (users with role expert), to match to a case',
          description: 'For process directors, who match them (403 for the other roles).',
          response: { 200: listOf(PoolMember), ...signedInProblems },
        },
      },
      async (req) => pool.listMembers(deps, actorOf(req), req.id),
    );
    r.post(
      '/expertise-pool/matches',
      createRoute(
        'cases:work',
        {
          tags: poolTags,
          summary: 'Match a pool member to a case: the expert becomes a case member with purpose "expert"',
          description:
            'By the process director of the case’s directing municipality (404 when the case is not visible, 403 when ' +
            'it is but is not theirs to direct). The pool’s organisation takes part in the case, the expert is added, ' +
            'the timeline and the access log (purpose: the case) record the match.',
          body: PoolMatchCreate,
        },
        PoolMatch,
      ),
      async (req, reply) => reply.code(201).send(await pool.matchExpert(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/expertise-pool/matches',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: poolTags,
          summary: 'The pool members matched to a case (the case must be visible to you)',
          querystring: PoolMatchListQuery,
          response: { 200: listOf(PoolMatch), ...readProblems },
        },
      },
      async (req) => pool.listMatches(deps, actorOf(req), req.id, req.query),
    );
  };
}
