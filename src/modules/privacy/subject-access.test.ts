/**
 * Subject access request from start to export: every record about the person with its source and
 * legal regime; Wpg items only released with the source's consent; a withheld item never appears in
 * the JSON or the PDF, a redacted one as "[weggelakt]" with its ground; every access is listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointersOf } from '../../../test/fixtures.js';
import { type Client, startTestApp, type TestApp } from '../../../test/harness.js';
import { docxText, machineValuesIn, pdfText } from '../../platform/test-support.js';
import { catalogues } from '../../shared/labels/index.js';
import { seedCase } from '../cases/testing.js';
import { deadlineOf, REDACTED } from './subject-access.js';

let t: TestApp;
let fg: Client;
let director: Client;
let police: Client;
let policePrivacy: Client;

beforeAll(async () => {
  t = await startTestApp();
  [fg, director, police, policePrivacy] = await Promise.all([
    t.signIn('fg@delft.demo'),
    t.signIn('regisseur@delft.demo'),
    t.signIn('politie@politie.demo'),
    t.signIn('privacy@politie.demo'),
  ]);
});
afterAll(async () => {
  await t?.close();
});

const WITHHELD = 'Geheime bron meldt een ontmoeting op het station, niet delen met betrokkene.';
const POLICE = 'Politie: betrokkene twee keer aangehouden bij demonstraties in 2025.';
const RELEASED = 'Betrokkene volgt sinds maart een opleiding en heeft werk gevonden.';
const REDACT = 'De broer van betrokkene heeft zorgen gemeld over zijn vrienden.';

describe('subject access request', () => {
  it('computes the deadline one month after receipt', () => {
    expect(deadlineOf('2026-01-31')).toBe('2026-02-28');
    expect(deadlineOf('2026-03-15')).toBe('2026-04-15');
    expect(deadlineOf('2026-12-20')).toBe('2027-01-20');
  });

  it('finds the requester among the persons held, logged, for the privacy officer only', async () => {
    const c = await seedCase(t.deps);
    const person = await t.db.owner
      .selectFrom('persons')
      .select(['first_name', 'name_prefix', 'last_name', 'date_of_birth'])
      .where('id', '=', c.personId)
      .executeTakeFirstOrThrow();
    const query = {
      firstName: person.first_name,
      namePrefix: person.name_prefix,
      lastName: person.last_name,
      dateOfBirth: person.date_of_birth,
    };
    const res = await fg.post('/api/v1/subject-access-requests/person-matches', query);
    expect(res.status).toBe(200);
    const found = res.body.items.find((m: { personId: string }) => m.personId === c.personId);
    expect(found).toMatchObject({ dateOfBirth: person.date_of_birth });
    expect(found.birthMatches).toBe(person.date_of_birth === null ? null : true);
    expect(res.body.items.length).toBeLessThanOrEqual(5);
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['purpose_type'])
      .where('record_type', '=', 'person')
      .where('subject_id', '=', c.personId)
      .where('actor_role', '=', 'privacy_officer')
      .execute();
    expect(logged).toEqual([{ purpose_type: 'subject-access-request' }]);
    const nobody = await fg.post('/api/v1/subject-access-requests/person-matches', {
      firstName: 'Xqzw',
      lastName: 'Vbnmkjhg',
    });
    expect(nobody.status, JSON.stringify(nobody.body)).toBe(200);
    expect(nobody.body.items).toEqual([]);
    expect((await director.post('/api/v1/subject-access-requests/person-matches', query)).status).toBe(403);
    const created = await fg.post('/api/v1/subject-access-requests', {
      personId: c.personId,
      receivedOn: '2026-11-02',
    });
    expect(created.body.personName).toBe(
      [person.first_name, person.name_prefix, person.last_name].filter(Boolean).join(' '),
    );
  });

  it('is answered from start to export without a withheld item', async () => {
    const c = await seedCase(t.deps, { members: ['politie@politie.demo'] });
    for (const [client, body, legalRegime] of [
      [director, WITHHELD, 'avg'],
      [police, POLICE, 'wpg'],
      [director, RELEASED, 'avg'],
      [director, REDACT, 'avg'],
    ] as const) {
      const res = await client.post(`/api/v1/cases/${c.caseId}/contributions`, {
        body,
        legalRegime,
        scope: 'conference',
      });
      expect(res.status).toBe(201);
    }
    // The privacy officer reads no case content otherwise.
    expect((await fg.get(`/api/v1/cases/${c.caseId}`)).status).toBe(403);
    expect(
      (await director.post('/api/v1/subject-access-requests', { personId: c.personId, receivedOn: '2026-11-02' }))
        .status,
    ).toBe(403);

    const created = await fg.post('/api/v1/subject-access-requests', {
      personId: c.personId,
      receivedOn: '2026-11-02',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'received', deadlineOn: '2026-12-02', compiledAt: null });
    const id = created.body.id;
    const bad = await fg.post('/api/v1/subject-access-requests', {
      personId: '00000000-0000-4000-8000-000000000000',
      receivedOn: '2026-11-02',
    });
    expect(bad.status).toBe(422);
    expect(pointersOf(bad)).toEqual(['/personId']);

    const compiled = await fg.post(`/api/v1/subject-access-requests/${id}/compilation`, {});
    expect(compiled.status).toBe(200);
    expect(compiled.body.status).toBe('in_progress');
    const items = compiled.body.items as Array<{
      id: string;
      recordType: string;
      content: string;
      legalRegime: string;
      sourceOrganisationName: string;
      version: number;
    }>;
    expect(items.map((i) => i.recordType)).toEqual(expect.arrayContaining(['person', 'case', 'case_contribution']));
    const byContent = (s: string) => items.find((i) => i.content === s) as (typeof items)[number];
    expect(byContent(POLICE)).toMatchObject({ legalRegime: 'wpg', sourceOrganisationName: 'Politie' });
    expect(byContent(RELEASED)).toMatchObject({ legalRegime: 'avg', sourceOrganisationName: 'Gemeente Delft' });
    // The compilation is logged with the request as purpose.
    const logged = await t.db.owner
      .selectFrom('access_log')
      .select(['subject_id', 'purpose_type'])
      .where('record_type', '=', 'subject_access_compilation')
      .where('record_id', '=', id)
      .execute();
    expect(logged).toEqual([{ subject_id: c.personId, purpose_type: 'subject-access-request' }]);

    const patch = (item: (typeof items)[number], body: object) =>
      fg.patch(`/api/v1/subject-access-requests/${id}/items/${item.id}`, { version: item.version, ...body });

    // Police data needs the source's consent before release; withholding needs a ground.
    const noConsent = await patch(byContent(POLICE), { disposition: 'release' });
    expect(noConsent.status).toBe(422);
    expect(pointersOf(noConsent)).toEqual(['/disposition']);
    const noGround = await patch(byContent(WITHHELD), { disposition: 'withhold' });
    expect(noGround.status).toBe(422);
    expect(pointersOf(noGround)).toEqual(['/ground']);
    // The consent is asked of the police, and only the police's decision releases the item.
    const asked = await fg.post(
      `/api/v1/subject-access-requests/${id}/items/${byContent(POLICE).id}/consent-requests`,
      {
        dueOn: '2099-01-15',
      },
    );
    expect(asked.status).toBe(201);
    const itemNow = async () =>
      (await fg.get(`/api/v1/subject-access-requests/${id}`)).body.items.find(
        (i: { content: string }) => i.content === POLICE,
      );
    const early = await patch(await itemNow(), { disposition: 'release' });
    expect(early.status).toBe(422);
    expect(pointersOf(early)).toEqual(['/disposition']);
    const decided1 = await policePrivacy.post(`/api/v1/consent-requests/${asked.body.id}/decision`, {
      decision: 'granted',
      reason: 'Geen lopend onderzoek; verstrekking kan.',
      version: asked.body.version,
    });
    expect(decided1.status).toBe(200);
    const policeItem = await itemNow();
    expect(policeItem).toMatchObject({ consentStatus: 'granted', consentNeeded: true });
    expect((await patch(policeItem, { disposition: 'release' })).status).toBe(200);
    expect(
      (
        await patch(byContent(WITHHELD), {
          disposition: 'withhold',
          ground: 'Art. 41 lid 1 sub i UAVG: bescherming van een ander.',
        })
      ).status,
    ).toBe(200);
    expect(
      (await patch(byContent(REDACT), { disposition: 'redact', ground: 'Art. 15 lid 4 AVG: rechten van de broer.' }))
        .status,
    ).toBe(200);
    for (const i of items.filter((i) => ![POLICE, WITHHELD, REDACT].includes(i.content))) {
      expect((await patch(i, { disposition: 'release' })).status).toBe(200);
    }
    const detail = await fg.get(`/api/v1/subject-access-requests/${id}`);
    const decided = await fg.patch(`/api/v1/subject-access-requests/${id}`, {
      status: 'decided',
      decision: 'Inzage verleend; één stuk geweigerd, één deels.',
      version: detail.body.version,
    });
    expect(decided.status).toBe(200);

    const json = await fg.get(`/api/v1/subject-access-requests/${id}/export.json`);
    expect(json.status).toBe(200);
    const text = JSON.stringify(json.body);
    expect(text).not.toContain(WITHHELD);
    expect(text).not.toContain(REDACT);
    expect(text).toContain(RELEASED);
    expect(text).toContain(POLICE);
    const redacted = json.body.items.find((i: { redacted: boolean }) => i.redacted);
    expect(redacted).toMatchObject({ content: REDACTED, ground: 'Art. 15 lid 4 AVG: rechten van de broer.' });
    // Every access to the person: who, organisation, when, purpose.
    expect(json.body.accesses.length).toBeGreaterThan(0);
    expect(json.body.accesses).toEqual(
      expect.arrayContaining([expect.objectContaining({ actorName: 'Bram Wijkagent', organisation: 'Politie' })]),
    );

    // The letter, as PDF and as Word: built from the export only (no withheld or redacted text), and in
    // plain Dutch — no code, enum value, UUID or ISO date anywhere.
    const pdf = await fg.download(`/api/v1/subject-access-requests/${id}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const docx = await fg.download(`/api/v1/subject-access-requests/${id}/export.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    const codes = Object.values(catalogues.nl)
      .flatMap((group) => Object.keys(group))
      .filter((k) => /[_-]/.test(k));
    codes.push(
      'male',
      'female',
      'returnee',
      'jihadist',
      'execution',
      'avg',
      'wpg',
      'release',
      'redact',
      'case_contribution',
    );
    for (const [kind, text] of [
      ['pdf', pdfText(pdf.bytes)],
      ['docx', docxText(docx.bytes)],
    ] as const) {
      expect(text, kind).not.toContain(WITHHELD);
      expect(text, kind).not.toContain(REDACT);
      expect(text, kind).toContain(RELEASED);
      expect(text, kind).toContain(REDACTED);
      expect(text, kind).toContain('Wie uw gegevens heeft ingezien of verwerkt');
      expect(text, kind).toContain('Bram Wijkagent');
      expect(machineValuesIn(text, codes), kind).toEqual([]);
    }

    const list = await fg.get('/api/v1/subject-access-requests');
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
  });
});
