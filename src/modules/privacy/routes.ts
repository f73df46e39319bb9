import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/auth-hook.js';
import { IdParams, listOf, problems, signedInProblems } from '../../platform/http/openapi.js';
import * as alr from './access-log-review.js';
import * as bg from './break-glass.js';
import * as consent from './consent-requests.js';
import * as cov from './covenants.js';
import { destructionRoutes } from './destruction-routes.js';
import * as ret from './retention.js';
import * as sar from './subject-access.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Privacy officer and data protection (issue 4): break-the-glass, covenants, subject access, retention. */
export function privacyRoutes(deps: Deps): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const writeProblems = { ...signedInProblems, ...problems(404, 409, 422) };
    // Legal holds, erasure and rectification requests, retention runs (destruction-routes.ts).
    await app.register(destructionRoutes(deps));

    // --- Break-the-glass ---------------------------------------------------------------------------
    r.post(
      '/break-glass',
      {
        config: { access: 'cases:work' },
        schema: {
          tags: ['break-glass'],
          summary: `Emergency access to a case outside your need-to-know (process director; ${bg.BREAK_GLASS_HOURS} hours, written reason, reviewed by the privacy officer)`,
          body: bg.BreakGlassCreate,
          response: { 201: bg.BreakGlassGrant, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await bg.breakGlass(deps, actorOf(req), req.id, req.body)),
    );
    r.get(
      '/break-glass',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: ['break-glass'],
          summary: "The privacy officer's review queue of break-the-glass use (newest first)",
          querystring: bg.BreakGlassListQuery,
          response: { 200: listOf(bg.BreakGlassGrant), ...signedInProblems },
        },
      },
      async (req) => bg.listGrants(deps, actorOf(req), req.id, req.query),
    );
    r.post(
      '/break-glass/:id/review',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: ['break-glass'],
          summary: 'Record the privacy officer’s review of one break-the-glass use',
          params: IdParams,
          body: bg.BreakGlassReview,
          response: { 200: bg.BreakGlassGrant, ...writeProblems },
        },
      },
      async (req) => bg.reviewGrant(deps, actorOf(req), req.id, req.params.id, req.body),
    );

    // --- Covenant register -------------------------------------------------------------------------
    const ct = ['covenants'];
    r.get(
      '/covenants',
      {
        config: { access: 'organisations:read' },
        schema: {
          tags: ct,
          summary: 'The covenants of the current region with their parties (admin, privacy officer, process director)',
          querystring: cov.CovenantListQuery,
          response: { 200: listOf(cov.Covenant), ...signedInProblems },
        },
      },
      async (req) => cov.listCovenants(deps, actorOf(req), req.query),
    );
    r.get(
      '/covenants/:id',
      {
        config: { access: 'organisations:read' },
        schema: {
          tags: ct,
          summary: 'One covenant with its parties',
          params: IdParams,
          response: { 200: cov.Covenant, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => cov.getCovenant(deps, actorOf(req), req.params.id),
    );
    r.post(
      '/covenants',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ct,
          summary: 'Register a covenant with its parties (admin)',
          body: cov.CovenantCreate,
          response: { 201: cov.Covenant, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await cov.createCovenant(deps, actorOf(req), req.body)),
    );
    r.put(
      '/covenants/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ct,
          summary: 'Change a covenant; its parties are replaced by the ones given (admin)',
          params: IdParams,
          body: cov.CovenantUpdate,
          response: { 200: cov.Covenant, ...writeProblems },
        },
      },
      async (req) => cov.updateCovenant(deps, actorOf(req), req.params.id, req.body),
    );
    r.delete(
      '/covenants/:id',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: ct,
          summary: 'Delete a draft covenant (admin); a signed one is ended instead',
          params: IdParams,
          response: { 204: z.null().describe('Deleted'), ...signedInProblems, ...problems(404, 409) },
        },
      },
      async (req, reply) => {
        await cov.deleteCovenant(deps, actorOf(req), req.params.id);
        return reply.code(204).send(null);
      },
    );

    // --- Access-log review (privacy officer) ------------------------------------------------------
    const at = ['access-log'];
    r.get(
      '/access-log/verification',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: at,
          summary: "Verify the hash chain of the current region's access log now (the result is stored)",
          response: { 200: alr.Verification, ...signedInProblems },
        },
      },
      async (req) => alr.verifyRegion(deps, actorOf(req), req.id),
    );
    r.get(
      '/access-log/verifications',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: at,
          summary: "The latest stored verification results of the region's access-log chain (newest first)",
          querystring: alr.VerificationListQuery,
          response: { 200: listOf(alr.StoredVerification), ...signedInProblems },
        },
      },
      async (req) => alr.listVerifications(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/access-log/anomalies',
      {
        config: { access: 'access-log:read' },
        schema: {
          tags: at,
          summary:
            'Anomalies for review: reads outside office hours (Mon–Fri 07:00–19:00 Europe/Amsterdam), users reading more than `threshold` persons in a day, break-the-glass use',
          querystring: alr.AnomalyQuery,
          response: { 200: listOf(alr.Anomaly), ...signedInProblems },
        },
      },
      async (req) => alr.anomalies(deps, actorOf(req), req.id, req.query),
    );

    // --- Subject access requests (privacy officer) -------------------------------------------------
    const st = ['subject-access-requests'];
    const sa = 'access-log:read' as const;
    r.post(
      '/subject-access-requests',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'Record a subject access request (inzageverzoek); the deadline is one month after receipt',
          body: sar.SarCreate,
          response: { 201: sar.Sar, ...writeProblems },
        },
      },
      async (req, reply) => reply.code(201).send(await sar.createSar(deps, actorOf(req), req.id, req.body)),
    );
    r.post(
      '/subject-access-requests/person-matches',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary:
            'Persons held in the region who may be the requester (similar name, same date of birth first; at most five; logged)',
          body: sar.SarPersonQuery,
          response: { 200: sar.SarPersonMatchList, ...signedInProblems, ...problems(422) },
        },
      },
      async (req) => sar.matchSarPersons(deps, actorOf(req), req.id, req.body),
    );
    r.get(
      '/subject-access-requests',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'Subject access requests of the region, earliest deadline first',
          querystring: sar.SarListQuery,
          response: { 200: listOf(sar.Sar), ...signedInProblems },
        },
      },
      async (req) => sar.listSars(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/subject-access-requests/:id',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'One subject access request with its items',
          params: IdParams,
          response: { 200: sar.SarDetail, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => sar.getSar(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/subject-access-requests/:id',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'Change the status and decision of a subject access request',
          params: IdParams,
          body: sar.SarUpdate,
          response: { 200: sar.Sar, ...writeProblems },
        },
      },
      async (req) => sar.updateSar(deps, actorOf(req), req.id, req.params.id, req.body),
    );
    r.post(
      '/subject-access-requests/:id/compilation',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary:
            'Collect every record held about the person as items (logged with the request as purpose; earlier decisions are kept)',
          params: IdParams,
          body: z.strictObject({}).optional(),
          response: { 200: sar.SarDetail, ...writeProblems },
        },
      },
      async (req) => sar.compileSar(deps, actorOf(req), req.id, req.params.id),
    );
    r.patch(
      '/subject-access-requests/:id/items/:itemId',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary:
            'Decide one item: release, redact or withhold with a ground; Wpg/Wjsg items are released only with the source’s consent',
          params: sar.SarItemParams,
          body: sar.SarItemUpdate,
          response: { 200: sar.SarItem, ...writeProblems },
        },
      },
      async (req) => sar.updateItem(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body),
    );
    r.get(
      '/subject-access-requests/:id/export.json',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'The answer as JSON: released and redacted items (never withheld ones) and every access to the data',
          params: IdParams,
          response: { 200: sar.SarExport, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => sar.exportSar(deps, actorOf(req), req.id, req.params.id),
    );
    r.get(
      '/subject-access-requests/:id/export.pdf',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'The answer as PDF (same content as export.json)',
          params: IdParams,
          response: {
            200: {
              description: 'The answer as PDF',
              content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...signedInProblems,
            ...problems(404),
          },
        },
      },
      async (req, reply) => {
        const { pdf, fileName } = await sar.exportSarPdf(deps, actorOf(req), req.id, req.params.id);
        return reply
          .type('application/pdf')
          .header('Content-Disposition', `attachment; filename="${fileName}"`)
          .send(pdf as unknown as string); // a Buffer goes out as is
      },
    );

    r.get(
      '/subject-access-requests/:id/export.docx',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'The answer as an editable Word document (same content as the PDF)',
          params: IdParams,
          response: {
            200: {
              description: 'The answer as a Word document',
              content: { [DOCX]: { schema: z.string().meta({ format: 'binary' }) } },
            },
            ...signedInProblems,
            ...problems(404),
          },
        },
      },
      async (req, reply) => {
        const { docx, fileName } = await sar.exportSarDocx(deps, actorOf(req), req.id, req.params.id);
        return reply
          .type(DOCX)
          .header('Content-Disposition', `attachment; filename="${fileName}"`)
          .send(docx as unknown as string); // a Buffer goes out as is
      },
    );

    // --- Consent asked of the source (privacy contacts of the source organisations) ----------------
    const cq = ['consent-requests'];
    r.post(
      '/subject-access-requests/:id/items/:itemId/consent-requests',
      {
        config: { access: sa },
        schema: {
          tags: st,
          summary: 'Ask the item’s source organisation for consent to disclose it (Wpg, Wjsg, professional secrecy)',
          description: 'The source’s privacy contacts are notified; the item can be released only after they consent.',
          params: sar.SarItemParams,
          body: consent.ConsentAsk,
          response: { 201: consent.ConsentRequest, ...writeProblems },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await consent.askConsent(deps, actorOf(req), req.id, req.params.id, req.params.itemId, req.body)),
    );
    r.get(
      '/consent-requests',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: cq,
          summary:
            'Consent requests addressed to your organisation (privacy contact), or all of the region (privacy officer)',
          querystring: consent.ConsentListQuery,
          response: { 200: consent.ConsentRequestList, ...signedInProblems },
        },
      },
      async (req) => consent.listConsentRequests(deps, actorOf(req), req.id, req.query),
    );
    r.get(
      '/consent-requests/:id',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: cq,
          summary: 'One consent request: the item and the deadline, nothing else of the file',
          params: IdParams,
          response: { 200: consent.ConsentRequest, ...signedInProblems, ...problems(404) },
        },
      },
      async (req) => consent.getConsentRequest(deps, actorOf(req), req.id, req.params.id),
    );
    r.post(
      '/consent-requests/:id/decision',
      {
        config: { access: 'consent:decide' },
        schema: {
          tags: cq,
          summary: 'Grant or refuse consent, with a reason (the source organisation’s privacy contact)',
          params: IdParams,
          body: consent.ConsentDecision,
          response: { 200: consent.ConsentRequest, ...writeProblems },
        },
      },
      async (req) => consent.decideConsent(deps, actorOf(req), req.id, req.params.id, req.body),
    );

    // --- Retention (terms and dry-run preview; the job and its runs: destruction.ts) ----------------
    const rt = ['retention'];
    r.get(
      '/retention-terms',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: rt,
          summary: 'Retention terms per record type and closing type, with their sources (admin, privacy officer)',
          response: { 200: listOf(ret.RetentionTerm), ...signedInProblems },
        },
      },
      async (req) => ret.listTerms(deps, actorOf(req)),
    );
    r.put(
      '/retention-terms/:key',
      {
        config: { access: 'organisations:manage' },
        schema: {
          tags: rt,
          summary: 'Set a retention term of the region (admin); version 0 replaces the default',
          params: ret.RetentionTermParams,
          body: ret.RetentionTermUpdate,
          response: { 200: ret.RetentionTerm, ...writeProblems },
        },
      },
      async (req) => ret.updateTerm(deps, actorOf(req), req.params.key, req.body),
    );
    r.get(
      '/retention/preview',
      {
        config: { access: 'signed-in' },
        schema: {
          tags: rt,
          summary:
            'Dry run: the cases and signals whose retention term has ended (legal holds excepted); ids and references only',
          response: { 200: ret.RetentionPreview, ...signedInProblems },
        },
      },
      async (req) => ret.preview(deps, actorOf(req), req.id),
    );
  };
}
