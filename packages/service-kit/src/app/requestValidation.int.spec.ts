import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServiceApp } from '../testing/testServiceApp.ts';
import type { TestServiceApp } from '../testing/testServiceApp.ts';
import { expectProblem, jsonRequest } from './problem.fixture.ts';
import { thingsApi } from './thingsApi.fixture.ts';

describe('a command through the real app: bad input is refused and writes nothing', () => {
  const things = thingsApi({ slowMs: 400 });
  let service: TestServiceApp;
  let token: string;
  let writesBefore: number;

  beforeAll(async () => {
    service = await startTestServiceApp({
      mounts: { '/api/things': things.api },
      bodyLimit: '1kb',
      maxJsonDepth: 8,
      requestTimeoutMs: 150,
    });
    token = await service.token('science-tech-bureau');
  });
  afterAll(() => service.close());

  const post = (path: string, init: RequestInit) => fetch(`${service.url}/api/things${path}`, init);
  const expectNoWrite = () => expect(things.writes.length).toBe(writesBefore);
  beforeEach(() => {
    writesBefore = things.writes.length;
  });

  it('malformed JSON → 400', async () => {
    await expectProblem(await post('/', jsonRequest(token, '{"title": "x",')), 400, 'invalid_input');
    expectNoWrite();
  });

  it('a JSON scalar at the top → 400 (strict)', async () => {
    await expectProblem(await post('/', jsonRequest(token, '"just a string"')), 400, 'invalid_input');
    expectNoWrite();
  });

  it('text/plain body → 415', async () => {
    const init = jsonRequest(token, '{"title":"x"}', { headers: { 'content-type': 'text/plain' } });
    await expectProblem(await post('/', init), 415, 'unsupported_media_type');
    expectNoWrite();
  });

  it('a body with no content type → 415', async () => {
    const response = await post('/', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new Blob(['{"title":"x"}']),
    });
    await expectProblem(response, 415, 'unsupported_media_type');
    expectNoWrite();
  });

  it('a body over the limit → 413', async () => {
    const init = jsonRequest(token, { title: 'x'.repeat(2048) });
    await expectProblem(await post('/', init), 413, 'payload_too_large');
    expectNoWrite();
  });

  it('JSON nested deeper than maxJsonDepth → 400', async () => {
    const deep = `{"title":"x","tags":${'['.repeat(10)}${']'.repeat(10)}}`;
    const problem = await expectProblem(await post('/', jsonRequest(token, deep)), 400, 'invalid_input');
    expect(problem.detail).toMatch(/deeper than 8/);
    expectNoWrite();
  });

  it('unknown fields → 400 listing every issue with its path', async () => {
    const body = { title: '', department: 'civil-affairs', tags: ['a', 'b', 'c', 'd'], owner: { unit: 'u', extra: 1 } };
    const problem = await expectProblem(await post('/', jsonRequest(token, body)), 400, 'invalid_input');
    expect(problem.issues?.map((issue) => issue.path).sort()).toEqual(
      ['body.department', 'body.owner.extra', 'body.tags', 'body.title'].sort(),
    );
    expectNoWrite();
  });

  it('a bad path parameter → 400 on params.id', async () => {
    const problem = await expectProblem(await post('/not-a-uuid/slow', jsonRequest(token, {})), 400, 'invalid_input');
    expect(problem.issues).toEqual([{ path: 'params.id', message: expect.any(String) }]);
    expectNoWrite();
  });

  it('a bad Idempotency-Key → 400 on the header', async () => {
    const init = jsonRequest(token, { title: 'x' }, { headers: { 'idempotency-key': 'k'.repeat(201) } });
    const problem = await expectProblem(await post('/', init), 400, 'invalid_input');
    expect(problem.issues?.[0]?.path).toBe('headers.idempotency-key');
    expectNoWrite();
  });

  it('an unknown route → 404 problem', async () => {
    await expectProblem(await post('/nowhere/at/all/x', jsonRequest(token, {})), 404, 'not_found');
    expectNoWrite();
  });

  it('a valid command → 201 { id, version, eventIds }; the department comes from the credential', async () => {
    const key = randomUUID();
    const response = await post('/', jsonRequest(token, { title: 'Night-shift riders', tags: ['new-employment'] }, {
      headers: { 'idempotency-key': key },
    }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: expect.any(String), version: expect.any(Number), eventIds: [expect.any(String)] });
    expect(things.writes.at(-1)).toMatchObject({
      body: { title: 'Night-shift riders', tags: ['new-employment'] },
      department: 'science-tech-bureau',
      idempotencyKey: key,
      correlationId: response.headers.get('x-correlation-id'),
    });
  });

  it('a command with no body at all reaches its handler as an empty object', async () => {
    const response = await post(`/${randomUUID()}/close`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    await expectProblem(response, 409, 'rule_violation'); // thrown by the handler, so the body passed
  });

  it('a handler throwing a plain Error → 500 problem without internals', async () => {
    const response = await post(`/${randomUUID()}/explode`, jsonRequest(token, {}));
    const problem = await expectProblem(response, 500, 'internal');
    expect(JSON.stringify(problem)).not.toMatch(/secret|sqlite|stack/);
    const logged = service.logLines.find((line) => line['msg'] === 'request failed');
    expect(JSON.stringify(logged)).toMatch(/secret internals/); // the operator still sees it
  });

  it('a broken rule → 409 naming the rule', async () => {
    const problem = await expectProblem(await post(`/${randomUUID()}/close`, jsonRequest(token, {})), 409, 'rule_violation');
    expect(problem.rule).toBe('close-once');
  });

  it('no answer within requestTimeoutMs → 503 with Retry-After, and the late answer is dropped', async () => {
    const response = await post(`/${randomUUID()}/slow`, jsonRequest(token, {}));
    await expectProblem(response, 503, 'unavailable');
    expect(response.headers.get('retry-after')).toBe('1');
    // The handler still finishes (clients retry with the same Idempotency-Key); its late answer goes nowhere.
    await expect.poll(() => things.writes.length, { timeout: 2000 }).toBe(writesBefore + 1);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });

  it('a query parses params and query with zod', async () => {
    const id = randomUUID();
    const response = await fetch(`${service.url}/api/things/${id}?fields=summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(await response.json()).toEqual({ id, readBy: 'science-tech-bureau', fields: 'summary' });
    const bad = await fetch(`${service.url}/api/things/${id}?fields=everything`, { headers: { authorization: `Bearer ${token}` } });
    expect((await expectProblem(bad, 400, 'invalid_input')).issues?.[0]?.path).toBe('query.fields');
  });
});
