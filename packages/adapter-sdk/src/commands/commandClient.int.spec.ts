import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BackboneError } from '@backbone/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { createCommandClient } from './commandClient.ts';
import { problemOfError } from './problemError.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A real HTTP server answering each request with the next reply (the last one repeats). */
async function backboneStandIn(replies: Reply[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const reply = replies[Math.min(seen.length - 1, replies.length - 1)]!;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body ?? '');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const answer = JSON.stringify({ id: 'task-1', version: 3, eventIds: ['e-1'] });
const noWait = async () => {};

describe('createCommandClient', () => {
  it('sends the credential and a fresh Idempotency-Key per command, and none on reads', async () => {
    const server = await backboneStandIn([{ status: 200, body: answer }]);
    let tokens = 0;
    const client = createCommandClient({ baseUrl: `${server.url}/`, token: () => `token-${++tokens}` });

    expect(await client.progress('task-1', { percent: 40, note: 'half way' })).toEqual({ id: 'task-1', version: 3, eventIds: ['e-1'] });
    await client.accept('task 2');
    await client.task('task-1');

    const [progress, accept, read] = server.seen;
    expect(progress).toMatchObject({ method: 'POST', url: '/api/tasks/task-1/progress', body: '{"percent":40,"note":"half way"}' });
    expect(progress!.headers.authorization).toBe('Bearer token-1');
    expect(progress!.headers['content-type']).toBe('application/json');
    expect(progress!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(accept).toMatchObject({ url: '/api/tasks/task%202/accept', body: '{}' });
    expect(accept!.headers['idempotency-key']).not.toBe(progress!.headers['idempotency-key']);
    expect(read).toMatchObject({ method: 'GET', url: '/api/tasks/task-1' });
    expect(read!.headers['idempotency-key']).toBeUndefined();
    expect(read!.headers.authorization).toBe('Bearer token-3');
  });

  it('sends a given Idempotency-Key and If-Match as they are', async () => {
    const server = await backboneStandIn([{ status: 200, body: answer }]);
    const client = createCommandClient({ baseUrl: server.url, token: 't' });
    await client.changeDueDate('task-1', { dueDate: '2025-06-30T00:00:00.000Z', reason: 'venue delayed' }, { idempotencyKey: 'row-17', ifMatch: 4 });
    expect(server.seen[0]).toMatchObject({ method: 'PATCH', url: '/api/tasks/task-1' });
    expect(server.seen[0]!.headers['idempotency-key']).toBe('row-17');
    expect(server.seen[0]!.headers['if-match']).toBe('4');
  });

  it('turns a problem answer into a BackboneError with its code, rule, issues and the problem as cause', async () => {
    const problem = {
      type: 'urn:backbone:problem:rule-violation',
      title: 'Conflict',
      status: 409,
      detail: 'only an assignee that accepted reports progress',
      code: 'rule_violation',
      rule: 'only-accepted-assignee-reports-progress',
      correlationId: 'c-1',
    };
    const server = await backboneStandIn([{ status: 409, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) }]);
    const client = createCommandClient({ baseUrl: server.url, token: 't', sleep: noWait });
    const error = await client.progress('task-1', { percent: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackboneError);
    expect(error).toMatchObject({ code: 'rule_violation', rule: problem.rule, message: problem.detail, canRetry: false });
    expect(problemOfError(error)).toMatchObject({ status: 409, correlationId: 'c-1' });
    expect(server.seen).toHaveLength(1);
  });

  it('lists every invalid field of a 400', async () => {
    const issues = [{ path: 'body.percent', message: 'Too big: expected number to be <=100' }];
    const server = await backboneStandIn([{ status: 400, body: JSON.stringify({ status: 400, code: 'invalid_input', detail: 'invalid request', issues }) }]);
    const client = createCommandClient({ baseUrl: server.url, token: 't' });
    await expect(client.progress('task-1', { percent: 140 })).rejects.toMatchObject({ code: 'invalid_input', issues });
  });

  it('repeats a 503 with the same Idempotency-Key, honouring Retry-After', async () => {
    const server = await backboneStandIn([
      { status: 503, headers: { 'retry-after': '1' }, body: JSON.stringify({ status: 503, code: 'unavailable', detail: 'directory not projected yet' }) },
      { status: 200, body: answer },
    ]);
    const waits: number[] = [];
    const client = createCommandClient({ baseUrl: server.url, token: 't', sleep: async (ms) => void waits.push(ms) });
    await expect(client.complete('task-1', { summary: 'done' })).resolves.toMatchObject({ version: 3 });
    expect(waits).toEqual([1000]);
    expect(server.seen.map((s) => s.headers['idempotency-key'])).toEqual([server.seen[0]!.headers['idempotency-key'], server.seen[0]!.headers['idempotency-key']]);
  });

  it('maps an answer that is not a problem by its status, and gives up after the bounded retries', async () => {
    const server = await backboneStandIn([{ status: 502, headers: { 'content-type': 'text/html' }, body: '<h1>Bad gateway</h1>' }]);
    const client = createCommandClient({ baseUrl: server.url, token: 't', retries: 1, sleep: noWait });
    await expect(client.accept('task-1')).rejects.toMatchObject({ code: 'internal', canRetry: true, message: 'the backbone answered HTTP 502' });
    expect(server.seen).toHaveLength(2);
  });

  it('says the backbone is unavailable when nothing answers', async () => {
    const server = await backboneStandIn([{ status: 200 }]);
    const url = server.url;
    await new Promise((resolve) => servers.splice(0)[0]!.close(resolve));
    const client = createCommandClient({ baseUrl: url, token: 't', retries: 0 });
    await expect(client.accept('task-1')).rejects.toMatchObject({ code: 'unavailable', canRetry: true });
  });
});
