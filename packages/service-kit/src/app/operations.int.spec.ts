import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_DURATION_METRIC } from '../metrics/httpMetrics.ts';
import { startTestServiceApp } from '../testing/testServiceApp.ts';
import type { TestServiceApp } from '../testing/testServiceApp.ts';
import { expectProblem, jsonRequest } from './problem.fixture.ts';
import { thingsApi } from './thingsApi.fixture.ts';

describe('operations endpoints, correlation and logs', () => {
  let storeReachable = true;
  let service: TestServiceApp;
  let token: string;

  beforeAll(async () => {
    service = await startTestServiceApp({
      mounts: { '/api/things': thingsApi().api },
      readiness: [
        { name: 'event-store', check: async () => (storeReachable ? undefined : Promise.reject(new Error('ECONNREFUSED'))) },
        { name: 'bus', check: async () => undefined },
      ],
      publicPaths: ['GET /api/reference/:list'],
    });
    token = await service.token('science-tech-bureau');
  });
  afterAll(() => service.close());

  it('/healthz answers 200 while the process serves', async () => {
    const response = await fetch(`${service.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when every check passes and 503 naming the one that fails', async () => {
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
    storeReachable = false;
    try {
      const problem = await expectProblem(await fetch(`${service.url}/readyz`), 503, 'unavailable');
      expect(problem.detail).toBe('Not ready: event-store');
      expect(problem['checks']).toEqual([
        { name: 'event-store', ok: false, reason: 'failed' },
        { name: 'bus', ok: true },
      ]);
    } finally {
      storeReachable = true;
    }
  });

  it('/metrics exposes the HTTP histogram by method, route pattern and status', async () => {
    const id = randomUUID();
    await fetch(`${service.url}/api/things/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toContain(`# TYPE ${HTTP_DURATION_METRIC} histogram`);
    expect(text).toMatch(new RegExp(`${HTTP_DURATION_METRIC}_count\\{method="GET",route="/api/things/:id",status="200"\\} 1`));
    expect(text).not.toContain(id);
  });

  it('/openapi.json lists every route with its body schema, bearer security and problem responses', async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/things', '/api/things/{id}', '/api/things/{id}/explode', '/api/things/public/hello', '/healthz']),
    );
    const create = doc.paths['/api/things']?.['post'];
    expect(create).toMatchObject({
      summary: 'Create a thing',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              additionalProperties: false,
              required: ['title'],
              properties: { title: { type: 'string', minLength: 1, description: 'What the thing is called' } },
            },
          },
        },
      },
      responses: { '201': expect.anything(), '400': { $ref: '#/components/responses/Problem400' } },
    });
    expect(doc.paths['/api/things/{id}']?.['get']?.['parameters']).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) }),
      expect.objectContaining({ name: 'fields', in: 'query', required: false }),
    ]);
    expect(doc.paths['/api/things/{id}/explode']?.['post']?.['requestBody']).toMatchObject({ required: false });
    expect(doc.paths['/api/things/public/hello']?.['get']?.['security']).toEqual([]);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
  });

  it('echoes a caller correlation id, makes one when absent, and logs with it', async () => {
    const sent = `corr-${randomUUID()}`;
    const echoed = await fetch(`${service.url}/api/things/${randomUUID()}/explode`, {
      ...jsonRequest(token, {}),
      headers: { ...jsonRequest(token, {}).headers, 'x-correlation-id': sent },
    });
    expect(echoed.headers.get('x-correlation-id')).toBe(sent);
    expect(((await echoed.json()) as { correlationId: string }).correlationId).toBe(sent);
    const lines = service.logLines.filter((line) => line['correlationId'] === sent);
    // The handler's error log comes from the AsyncLocalStorage mixin, after body parsing.
    expect(lines.map((line) => line['msg'])).toEqual(expect.arrayContaining(['request failed', 'request completed']));
    expect(lines.find((line) => line['msg'] === 'request completed')).toMatchObject({
      department: 'science-tech-bureau',
      req: { method: 'POST', route: '/api/things/:id/explode' },
      res: { statusCode: 500 },
    });
    const generated = await fetch(`${service.url}/healthz`, { headers: { 'x-correlation-id': 'not ok!' } });
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('public paths given as patterns need no credential; others do', async () => {
    const open = await fetch(`${service.url}/api/reference/departments`);
    await expectProblem(open, 404, 'not_found'); // reached routing: no router is mounted there
    await expectProblem(await fetch(`${service.url}/api/reference/departments`, { method: 'DELETE' }), 401, 'unauthenticated');
  });
});

describe('rate limit per department', () => {
  let service: TestServiceApp;

  beforeAll(async () => {
    service = await startTestServiceApp({ mounts: { '/api/things': thingsApi().api }, rateLimit: { perMinute: 6, burst: 2 } });
  });
  afterAll(() => service.close());

  it('refuses the request past the burst with 429 and Retry-After; other departments keep their own bucket', async () => {
    const civil = await service.token('civil-affairs-bureau');
    const read = (token: string) =>
      fetch(`${service.url}/api/things/${randomUUID()}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read(civil)).status).toBe(200);
    expect((await read(civil)).status).toBe(200);
    const limited = await read(civil);
    await expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(10);
    expect((await read(await service.token('science-tech-bureau'))).status).toBe(200);
  });
});
