import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectProblem, jsonRequest } from '../app/problem.fixture.ts';
import { thingsApi } from '../app/thingsApi.fixture.ts';
import { startTestServiceApp } from '../testing/testServiceApp.ts';
import type { TestServiceApp } from '../testing/testServiceApp.ts';
import { createKeyStore } from './keyStore.ts';
import { issueToken } from './token.ts';

describe('department credentials at the HTTP edge', () => {
  const things = thingsApi();
  const known = new Set(['science-tech-bureau', 'civil-affairs-bureau']);
  let service: TestServiceApp;
  let writesBefore: number;

  beforeAll(async () => {
    service = await startTestServiceApp({
      mounts: { '/api/things': things.api },
      isKnownDepartment: (department) => known.has(department),
    });
  });
  afterAll(() => service.close());
  beforeEach(() => {
    writesBefore = things.writes.length;
  });

  const create = (token: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/api/things`, jsonRequest(token, { title: 'A thing' }, { headers }));

  const expectUnauthenticated = async (response: Response) => {
    const problem = await expectProblem(response, 401, 'unauthenticated');
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="test-service"/);
    expect(things.writes.length).toBe(writesBefore);
    return problem;
  };

  it('no credential → 401 with WWW-Authenticate: Bearer', async () => {
    const response = await create(undefined);
    await expectUnauthenticated(response);
    expect(response.headers.get('www-authenticate')).not.toMatch(/invalid_token/);
  });

  it('a credential that is not a bearer token → 401', async () => {
    await expectUnauthenticated(await create(undefined, { authorization: 'Basic c2NpZW5jZTpzZWNyZXQ=' }));
  });

  it('a token signed by another key set (forged) → 401 invalid_token', async () => {
    const forger = createKeyStore();
    const forged = await issueToken({
      department: 'science-tech-bureau', keys: forger, issuer: 'backbone-test', audience: 'backbone-api', ttlSeconds: 60,
    });
    const response = await create(forged);
    const problem = await expectUnauthenticated(response);
    expect(problem.detail).toMatch(/unknown key/);
    expect(response.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });

  it('a token whose kid is ours but whose signature is not → 401', async () => {
    const genuine = await service.token('science-tech-bureau');
    const [header, payload] = genuine.split('.');
    const forger = createKeyStore();
    const other = await issueToken({ department: 'x', keys: forger, issuer: 'i', audience: 'a', ttlSeconds: 60 });
    const problem = await expectUnauthenticated(await create(`${header}.${payload}.${other.split('.')[2]}`));
    expect(problem.detail).toMatch(/signature/);
  });

  it('an expired token → 401', async () => {
    const twoHoursAgo = () => new Date(Date.now() - 2 * 3600_000);
    const expired = await service.token('science-tech-bureau', { now: twoHoursAgo, ttlSeconds: 60 });
    expect((await expectUnauthenticated(await create(expired))).detail).toMatch(/expired/);
  });

  it('a token for another audience → 401', async () => {
    const elsewhere = await service.token('science-tech-bureau', { audience: 'some-other-api' });
    expect((await expectUnauthenticated(await create(elsewhere))).detail).toMatch(/audience/);
  });

  it('a token from another issuer → 401', async () => {
    const elsewhere = await service.token('science-tech-bureau', { issuer: 'someone-else' });
    expect((await expectUnauthenticated(await create(elsewhere))).detail).toMatch(/issuer/);
  });

  it('a token for a department the reference data does not know → 401', async () => {
    const stranger = await service.token(`unknown-${randomUUID()}`);
    expect((await expectUnauthenticated(await create(stranger))).detail).toMatch(/unknown department/);
  });

  it('a valid token → the handler sees the department of its subject', async () => {
    const response = await create(await service.token('civil-affairs-bureau'));
    expect(response.status).toBe(201);
    expect(things.writes.at(-1)?.department).toBe('civil-affairs-bureau');
  });

  it('a public query answers without a credential, but still refuses a bad one', async () => {
    const anonymous = await fetch(`${service.url}/api/things/public/hello`);
    expect(await anonymous.json()).toEqual({ hello: 'anonymous' });
    const known = await fetch(`${service.url}/api/things/public/hello`, {
      headers: { authorization: `Bearer ${await service.token('science-tech-bureau')}` },
    });
    expect(await known.json()).toEqual({ hello: 'science-tech-bureau' });
    const bad = await fetch(`${service.url}/api/things/public/hello`, { headers: { authorization: 'Bearer not.a.token' } });
    await expectProblem(bad, 401, 'unauthenticated');
  });

  it('serves the public keys at /.well-known/jwks.json, without private parts', async () => {
    const response = await fetch(`${service.url}/.well-known/jwks.json`);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    const { kid } = await service.keys.signingKey();
    expect(jwks.keys).toEqual([expect.objectContaining({ kid, kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });
});
