import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import {
  contentDisposition,
  downloadAttachment,
  fileMissing,
  fileTooLarge,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  multipartUnreadable,
  uploadAttachment,
} from './attachments.js';
import * as indicators from './indicators.js';
import {
  Attachment,
  AttachmentParams,
  AttachmentUpload,
  Indicator,
  IndicatorCreate,
  IndicatorListQuery,
  IndicatorUpdate,
  Signal,
  SignalCreate,
  SignalListQuery,
  SignalSummary,
  SignalUpdate,
  SubjectLinkCreate,
  SubjectParams,
  SubjectUnlink,
} from './schemas.js';
import * as service from './service.js';

export function signalsRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    // Multipart only for this module's routes (attachments); the file is kept in memory, never on disk.
    await app.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 1024, headerPairs: 100 },
    });
    const r = app.withTypeProvider<ZodTypeProvider>();
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };

    // --- Indicators catalogue -------------------------------------------------------------------
    r.get(
      '/indicators',
      {
        // Read by whoever registers signals (cases:work) and by the admin who keeps the catalogue.
        config: { access: 'signed-in' },
        schema: {
          tags: ['indicators'],
          summary: 'The indicators a signal can record (active ones unless includeInactive=true)',
          querystring: IndicatorListQuery,
          response: { 200: listOf(Indicator), ...signedInProblems },
        },
      },
      async (req) => indicators.listIndicators(deps, actorOf(req), req.query),
    );
    r.post(
      '/indicators',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['indicators'],
          summary: 'Add an indicator to the region’s catalogue (admin)',
          body: IndicatorCreate,
          response: { 201: Indicator, ...signedInProblems, ...problems(409) },
        },
      },
      async (req, reply) => reply.code(201).send(await indicators.createIndicator(deps, actorOf(req), req.body)),
    );
    r.patch(
      '/indicators/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ['indicators'],
          summary: 'Change or deactivate an indicator (admin); indicators are never deleted',
          params: IdParams,
          body: IndicatorUpdate,
          response: { 200: Indicator, ...signedInProblems, ...problems(404, 409) },
        },
      },
      async (req) => indicators.updateIndicator(deps, actorOf(req), req.params.id, req.body),
    );

    // --- Signals --------------------------------------------------------------------------------
    const tags = ['signals'];
    r.post(
      '/signals',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Register a signal (melding) with its subject persons, or "subject unknown yet"',
          body: SignalCreate,
          response: { 201: Signal, ...signedInProblems, ...problems(422) },
        },
      },
      async (req, reply) => reply.code(201).send(await service.createSignal(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/signals',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Signals you may see (registered by you, of your municipality, or behind a case you see)',
          querystring: SignalListQuery,
          response: { 200: listOf(SignalSummary), ...signedInProblems },
        },
      },
      async (req) => service.listSignals(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/signals/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'One signal with its subjects and the history of its subject links',
          params: IdParams,
          response: { 200: Signal, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => service.getSignal(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/signals/:id',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Change the intake data of an open signal (optimistic locking with version)',
          params: IdParams,
          body: SignalUpdate,
          response: { 200: Signal, ...writeProblems },
        },
      },
      async (req) => service.updateSignal(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/signals/:id/subjects',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Link a person to the signal: an existing one (after matching) or a new one (created here)',
          description:
            'Give personId (with the reason it was chosen) or newPerson; a new person is created and linked in ' +
            'one transaction, as at intake. Whoever may change the signal may do this (403 otherwise).',
          params: IdParams,
          body: SubjectLinkCreate,
          response: { 201: Signal, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.linkSubject(deps, actorOf(req), req.id, req.params.id, req.body)),
    );
    r.post(
      '/signals/:id/subjects/:subjectId/unlink',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Undo a subject link, with a reason; the link stays in the history',
          params: SubjectParams,
          body: SubjectUnlink,
          response: { 200: Signal, ...writeProblems },
        },
      },
      async (req) => service.unlinkSubject(deps, actorOf(req), req.id, req.params.id, req.params.subjectId, req.body),
    );

    // --- Attachments ----------------------------------------------------------------------------
    r.post(
      '/signals/:id/attachments',
      {
        config: { access: 'cases:work' },
        // The multipart body is read in the handler; the body schema only documents it.
        validatorCompiler: (route) =>
          route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route as never),
        schema: {
          tags,
          summary: 'Attach a file (pdf, png, jpeg, docx, txt, eml; at most 10 MiB), stored encrypted',
          consumes: ['multipart/form-data'],
          params: IdParams,
          body: AttachmentUpload,
          response: { 201: Attachment, ...writeProblems },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        if (!req.isMultipart()) throw fileMissing();
        // Reading the body can fail only on what the client sent (no boundary, a cut-off body): a 400.
        let file: Awaited<ReturnType<typeof req.file>>;
        try {
          file = await req.file();
        } catch {
          throw multipartUnreadable();
        }
        if (file?.fieldname !== 'file') throw fileMissing();
        let content: Buffer;
        try {
          content = await file.toBuffer();
        } catch (error) {
          if (error instanceof app.multipartErrors.RequestFileTooLargeError) throw fileTooLarge();
          throw multipartUnreadable();
        }
        // busboy may mark the stream truncated only after its last chunk was read: never store a cut-off file.
        if (file.file.truncated) throw fileTooLarge();
        const saved = await uploadAttachment(deps, actor, req.id, req.params.id, {
          filename: file.filename,
          content,
        });
        return reply.code(201).send(saved);
      },
    );
    r.get(
      '/signals/:id/attachments',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'The attachments of a signal (metadata)',
          params: IdParams,
          response: { 200: listOf(Attachment), ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => listAttachments(deps, actorOf(req), req.id, req.params.id),
    );
    r.get(
      '/signals/:id/attachments/:attachmentId',
      {
        config: { access: 'cases:work' },
        schema: {
          tags,
          summary: 'Download an attachment (decrypted; never cached)',
          params: AttachmentParams,
          response: {
            200: {
              description: 'The file, as an attachment',
              content: {
                'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
              },
            },
            ...signedInProblems,
            ...problems(404),
          },
        },
      },
      async (req, reply) => {
        const file = await downloadAttachment(deps, actorOf(req), req.id, req.params.id, req.params.attachmentId);
        return reply
          .header('Content-Type', file.mediaType)
          .header('Content-Disposition', contentDisposition(file.filename))
          .header('Cache-Control', 'no-store')
          .header('X-Content-Type-Options', 'nosniff')
          .send(file.content as never);
      },
    );
  };
}
