import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as agenda from './agenda.js';
import * as documents from './documents.js';
import {
  AgendaItem,
  AgendaItemCreate,
  AgendaItemDetail,
  AgendaItemParams,
  AgendaItemUpdate,
  Attendance,
  AttendanceUpdate,
  Contribution,
  ContributionCreate,
  Decision,
  DecisionCreate,
  JudgementUpdate,
  Meeting,
  MeetingCreate,
  MeetingDetail,
  MeetingListQuery,
  MeetingTransition,
  MeetingUpdate,
  Minutes,
  MinutesApproval,
  MinutesUpdate,
} from './schemas.js';
import * as service from './service.js';

const AttendanceList = z.object({ items: z.array(Attendance) }).meta({ id: 'MeetingAttendanceList' });

export function meetingsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['meetings'];
    const access = 'cases:work' as const;
    const readProblems = { ...signedInProblems, ...problems(404) };
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    r.get(
      '/meetings',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Case conferences you chair or that have a case you can see on their agenda',
          description:
            '`when=upcoming` (default): meetings that have not ended yet, soonest first; `when=past`: latest first.',
          querystring: MeetingListQuery,
          response: { 200: listOf(Meeting), ...signedInProblems },
        },
      },
      async (req) => service.listMeetings(deps, actorOf(req), req.query),
    );
    r.post(
      '/meetings',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Schedule a case conference (process directors; the creator chairs it)',
          body: MeetingCreate,
          response: { 201: Meeting, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createMeeting(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/meetings/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'A case conference with attendance and the agenda items of the cases you can see',
          params: IdParams,
          response: { 200: MeetingDetail, ...readProblems },
        },
      },
      async (req) => service.getMeeting(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/meetings/:id',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Change title, times or location (chair)',
          params: IdParams,
          body: MeetingUpdate,
          response: { 200: Meeting, ...writeProblems },
        },
      },
      async (req) => service.updateMeeting(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/meetings/:id/transitions',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Move the meeting along its lifecycle (chair)',
          description:
            'scheduled → in_progress → held → minutes_approved; scheduled → cancelled. Anything else is 409.',
          params: IdParams,
          body: MeetingTransition,
          response: { 200: Meeting, ...writeProblems },
        },
      },
      async (req) => service.transitionMeeting(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.put(
      '/meetings/:id/attendance',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Replace the attendance per organisation (chair); attendees are staff, never subjects',
          params: IdParams,
          body: AttendanceUpdate,
          response: { 200: AttendanceList, ...writeProblems },
        },
      },
      async (req) => ({ items: await service.putAttendance(deps, actorOf(req), req.id, req.params.id, req.body) }),
    );

    // Agenda and BOB ---------------------------------------------------------------------------------

    r.post(
      '/meetings/:id/agenda-items',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Put a case on the agenda (chair); a case in preparation moves to analysis',
          params: IdParams,
          body: AgendaItemCreate,
          response: { 201: AgendaItem, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await agenda.addAgendaItem(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.get(
      '/meetings/:id/agenda-items/:itemId',
      {
        config: { access },
        schema: {
          tags,
          summary: 'One agenda item: picture (contributions, scope-filtered), judgement and decisions',
          params: AgendaItemParams,
          response: { 200: AgendaItemDetail, ...readProblems },
        },
      },
      async (req) => agenda.getAgendaItem(deps, actorOf(req), req.id, req.params.id, req.params.itemId),
    );
    r.patch(
      '/meetings/:id/agenda-items/:itemId',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Move an agenda item (position 1 = first) or set its status (chair)',
          params: AgendaItemParams,
          body: AgendaItemUpdate,
          response: { 200: AgendaItem, ...writeProblems },
        },
      },
      async (req) => agenda.updateAgendaItem(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body),
    );
    r.delete(
      '/meetings/:id/agenda-items/:itemId',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Take a case off the agenda before the meeting starts (chair)',
          params: AgendaItemParams,
          response: { 204: z.null(), ...writeProblems },
        },
      },
      async (req, reply) => {
        await agenda.removeAgendaItem(deps, actorOf(req), req.id, req.params.id, req.params.itemId);
        return reply.code(204).send(null);
      },
    );
    r.post(
      '/meetings/:id/agenda-items/:itemId/contributions',
      {
        config: { access },
        schema: {
          tags,
          summary: "Add your organisation's contribution to the picture (beeldvorming)",
          params: AgendaItemParams,
          body: ContributionCreate,
          response: { 201: Contribution, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await agenda.addContribution(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body)),
    );
    r.put(
      '/meetings/:id/agenda-items/:itemId/judgement',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Record the shared judgement (oordeelsvorming, chair)',
          params: AgendaItemParams,
          body: JudgementUpdate,
          response: { 200: AgendaItemDetail, ...writeProblems },
        },
      },
      async (req) => agenda.putJudgement(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body),
    );
    r.post(
      '/meetings/:id/agenda-items/:itemId/decisions',
      {
        config: { access },
        schema: {
          tags,
          summary: "Record a decision (besluitvorming, chair); it becomes an action in the case's plan",
          params: AgendaItemParams,
          body: DecisionCreate,
          response: { 201: Decision, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await agenda.addDecision(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body)),
    );

    // Minutes and documents ----------------------------------------------------------------------------

    r.get(
      '/meetings/:id/minutes',
      {
        config: { access },
        schema: { tags, summary: 'The minutes', params: IdParams, response: { 200: Minutes, ...readProblems } },
      },
      async (req) => service.getMinutes(deps, actorOf(req), req.id, req.params.id),
    );
    r.put(
      '/meetings/:id/minutes',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Draft the general notes of the minutes while the meeting is in progress or held (chair)',
          params: IdParams,
          body: MinutesUpdate,
          response: { 200: Minutes, ...writeProblems },
        },
      },
      async (req) => service.putMinutes(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/meetings/:id/minutes/approval',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Approve the minutes of a held meeting (chair); afterwards the meeting is immutable',
          params: IdParams,
          body: MinutesApproval,
          response: { 200: Minutes, ...writeProblems },
        },
      },
      async (req) => service.approveMinutes(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.get(
      '/meetings/:id/minutes.pdf',
      {
        config: { access },
        schema: {
          tags,
          summary: 'The minutes as PDF, with the cases you can see (marked "concept" until approved)',
          params: IdParams,
          response: {
            200: {
              description: 'The minutes as PDF',
              content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...readProblems,
          },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await documents.minutesPdf(deps, actorOf(req), req.id, req.params.id);
        return (
          reply
            .type('application/pdf')
            .header('Content-Disposition', `attachment; filename="${fileName}"`)
            // A Buffer goes out as is (Fastify skips serialisation); the type provider only knows the schema.
            .send(pdf as unknown as string)
        );
      },
    );
    r.get(
      '/meetings/:id/invitation.ics',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Calendar invitation (ICS) without personal data of subjects',
          params: IdParams,
          response: {
            200: {
              description: 'An iCalendar file with one event',
              content: { 'text/calendar': { schema: z.string() } },
            },
            ...readProblems,
          },
        },
      },
      async (req, reply) => {
        const { ics, fileName } = await documents.invitationIcs(deps, actorOf(req), req.params.id);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${fileName}"`)
          .send(ics);
      },
    );
  };
}
