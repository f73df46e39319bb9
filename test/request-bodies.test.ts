/**
 * Input that used to reach the database or the framework unchecked and came back as a 500 or a raw
 * framework code: dates of year 0000, versions beyond int4, an empty JSON body, a text/plain body and
 * a multipart body without boundary. Each is answered with problem+json naming the problem.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './fixtures.js';
import { type Client, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
let director: Client;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  director = await t.signIn('regisseur@delft.demo');
  admin = await t.signIn('beheer@delft.demo');
});
afterAll(async () => {
  await t?.close();
});

const pointers = (body: { errors?: Array<{ location: { pointer: string } }> }) =>
  (body.errors ?? []).map((e) => e.location.pointer);

describe('dates, versions and integers fit their columns', () => {
  it('a date of year 0000 is a 400 naming the field; years 0001 and 9999 are accepted as dates', async () => {
    const res = await director.get('/api/v1/reports/annual?year=2026&from=0000-01-01');
    // Whatever the route's own checks, never a 500.
    expect(res.status).toBeLessThan(500);
    const person = await director.post('/api/v1/persons', {
      firstName: 'Jaar',
      lastName: 'Nul',
      dateOfBirth: '0000-06-15',
    });
    expectProblem(person, 400, 'INVALID_INPUT');
    expect(pointers(person.body)).toContain('/dateOfBirth');
    expect(person.body.errors[0].detail).toContain('0001 and 9999');
  });

  it('a version beyond int4 is a 400 naming /version, not a database error', async () => {
    const org = (await admin.post('/api/v1/organisations', { name: 'Int4 BV', type: 'other' })).body;
    const res = await admin.patch(`/api/v1/organisations/${org.id}`, {
      name: 'Int4 BV',
      type: 'other',
      version: 2147483648,
    });
    expectProblem(res, 400, 'INVALID_INPUT');
    expect(pointers(res.body)).toEqual(['/version']);
    const max = await admin.patch(`/api/v1/organisations/${org.id}`, {
      name: 'Int4 BV',
      type: 'other',
      version: 2147483647,
    });
    expectProblem(max, 409);
  });
});

describe('request bodies', () => {
  it('an empty JSON body is a 400 EMPTY_BODY, never the framework code', async () => {
    const res = await admin.request('POST', '/api/v1/organisations', '', { 'content-type': 'application/json' });
    expectProblem(res, 400, 'EMPTY_BODY');
    expect(JSON.stringify(res.body)).not.toContain('FST_');
    expect(pointers(res.body)).toEqual(['']);
  });

  it('a text/plain body is a 415 naming the content type', async () => {
    const res = await admin.request('POST', '/api/v1/organisations', '{"name":"x","type":"other"}', {
      'content-type': 'text/plain',
    });
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.detail).toContain('text/plain');
    expect(res.body.errors[0]).toMatchObject({ in: 'header', location: { pointer: '/content-type' } });
  });

  it('a multipart body without boundary, or cut off, is a 400 on /file', async () => {
    const path = `/api/v1/signals/${randomUUID()}/attachments`;
    const noBoundary = await director.request('POST', path, '--x\r\nContent-Disposition: form-data; name="file"\r\n', {
      'content-type': 'multipart/form-data',
    });
    expectProblem(noBoundary, 400, 'INVALID_INPUT');
    expect(noBoundary.body.errors[0]).toMatchObject({ location: { pointer: '/file' }, code: 'malformed_multipart' });
    const cutOff = await director.request(
      'POST',
      path,
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf',
      { 'content-type': 'multipart/form-data; boundary=b' },
    );
    expect(cutOff.status).toBeLessThan(500);
    expectProblem(cutOff, cutOff.status);
    expect(JSON.stringify(cutOff.body)).not.toContain('FST_');
  });
});
