import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams } from '../../platform/http/openapi.js';
import {
  acceptedRoute,
  createRoute,
  getRoute,
  listRoute,
  noContentRoute,
  readProblems,
  updateRoute,
} from '../../platform/http/route-options.js';
import { PageQuery } from '../networks/common.js';
import {
  Delivery,
  ExportQuery,
  IssueCreate,
  IssueListQuery,
  IssueUpdate,
  NewsletterIssue,
  SendingRequest,
  SendingResult,
  Subscriber,
  SubscriberCreate,
  SubscriberListQuery,
  SubscriberUpdate,
} from './schemas.js';
import * as service from './service.js';

const PERSONAL = 'Subscribers are people: every read and change is recorded in the access log (purpose newsletter).';

export function newsletterRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['newsletter'];

    // Subscribers: personal data, the network director (programme:contacts) ---------------------------
    r.get(
      '/newsletter-subscribers',
      listRoute(
        'programme:contacts',
        {
          tags,
          summary: 'Subscribers (partners and professionals)',
          description: PERSONAL,
          querystring: SubscriberListQuery,
        },
        Subscriber,
      ),
      async (req) => service.listSubscribers(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/newsletter-subscribers/:id',
      getRoute('programme:contacts', { tags, summary: 'One subscriber' }, Subscriber),
      async (req) => service.getSubscriber(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/newsletter-subscribers',
      createRoute(
        'programme:contacts',
        { tags, summary: 'Subscribe someone', description: PERSONAL, body: SubscriberCreate },
        Subscriber,
      ),
      async (req, reply) => reply.code(201).send(await service.createSubscriber(deps, actorOf(req), req.id, req.body)),
    );
    r.patch(
      '/newsletter-subscribers/:id',
      updateRoute(
        'programme:contacts',
        { tags, summary: 'Change a subscriber; unsubscribed: true unsubscribes', body: SubscriberUpdate },
        Subscriber,
      ),
      async (req) => service.updateSubscriber(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.delete(
      '/newsletter-subscribers/:id',
      noContentRoute('programme:contacts', { tags, summary: 'Erase a subscriber' }, 'Erased'),
      async (req, reply) => {
        await service.deleteSubscriber(deps, actorOf(req), req.id, req.params.id);
        return reply.code(204).send(null);
      },
    );

    // Issues: composed, sent and exported by the programme's staff ------------------------------------
    r.get(
      '/newsletter-issues',
      listRoute(
        'programme:work',
        { tags, summary: 'Newsletter issues, newest period first', querystring: IssueListQuery },
        NewsletterIssue,
      ),
      async (req) => service.listIssues(deps, actorOf(req), req.query),
    );
    r.get(
      '/newsletter-issues/:id',
      getRoute('programme:work', { tags, summary: 'One newsletter issue' }, NewsletterIssue),
      async (req) => service.getIssue(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/newsletter-issues',
      createRoute(
        'programme:work',
        { tags, summary: 'Compose an issue (twice a year: period YYYY-1 or YYYY-2)', body: IssueCreate },
        NewsletterIssue,
      ),
      async (req, reply) => reply.code(201).send(await service.createIssue(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/newsletter-issues/:id',
      updateRoute(
        'programme:work',
        { tags, summary: 'Change a draft issue (a sent issue is final: 409)', body: IssueUpdate },
        NewsletterIssue,
      ),
      async (req) => service.updateIssue(deps, actorOf(req), req.params.id, req.body),
    );
    r.post(
      '/newsletter-issues/:id/sending',
      acceptedRoute(
        'programme:work',
        {
          tags,
          summary: 'Send the issue by e-mail to every active subscriber with consent who has not received it yet',
          description:
            'Accepted (202): the issue is claimed ("sending") and the messages go out in the background, on the job ' +
            'queue, one per subscriber through the SMTP server of the configuration (SMTP_HOST, SMTP_PORT, ' +
            'SMTP_SECURE, SMTP_USER, SMTP_PASSWORD, SMTP_FROM), so that no subscriber sees another’s address; each ' +
            'delivery is recorded as it happens (GET the issue for its status and counts, or its deliveries). 422 ' +
            'when sending is not configured or there is nobody to send to; 409 on a stale version, while it is being ' +
            'sent, or when everyone has received it. Sending again after a failure reaches only those who did not ' +
            'receive it.',
          body: SendingRequest,
        },
        SendingResult,
      ),
      async (req, reply) =>
        reply.code(202).send(await service.sendIssue(deps, actorOf(req), req.id, req.params.id, req.body.version)),
    );
    r.get(
      '/newsletter-issues/:id/deliveries',
      listRoute(
        'programme:contacts',
        {
          tags,
          summary: 'The delivery of an issue per subscriber',
          description: PERSONAL,
          params: IdParams,
          querystring: PageQuery,
        },
        Delivery,
      ),
      async (req) => service.listDeliveries(deps, actorOf(req), req.id, req.params.id, req.query),
    );
    r.get(
      '/newsletter-issues/:id/export',
      {
        config: { access: 'programme:work' },
        schema: {
          tags,
          summary: 'Download the issue as HTML or as an .eml message (opened as a draft by mail programs)',
          params: IdParams,
          querystring: ExportQuery,
          response: {
            200: {
              description: 'The issue as a file',
              content: {
                'text/html': { schema: z.string() },
                'message/rfc822': { schema: z.string().meta({ format: 'binary' }) },
              },
            },
            ...readProblems,
          },
        },
      },
      async (req, reply) => {
        const file = await service.exportIssue(deps, actorOf(req), req.params.id, req.query.format);
        return (
          reply
            .type(file.type)
            .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
            // A Buffer or string goes out as is; the type provider only knows the schema.
            .send(file.body as unknown as string)
        );
      },
    );
  };
}
