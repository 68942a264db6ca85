import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createWebhookAdapter } from './webhookAdapter.ts';
import { envWithoutBus, eventually, progressOf, SECRET, useWebhookFixture } from './webhook.fixture.ts';

const WEBHOOK_PACKAGE = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../../node_modules/.bin/tsx', import.meta.url));

/** Runs the package's dead-letter CLI the way `pnpm --filter @backbone/adapter-webhook replay` does. */
function deadLetterCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ['src/cli/deadLetters.ts', ...args], { cwd: WEBHOOK_PACKAGE, env: { ...envWithoutBus(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

const fast = { maxAttempts: 4, initialMs: 100, maxMs: 1000 };

describe('the outbound webhook, against a real HTTP endpoint', () => {
  const fixture = useWebhookFixture();

  it("delivers the department's events as signed CloudEvents, in order per task", async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver();
    const registry = new Registry();
    await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), retry: fast, metrics: registry }));
    const task = `task-${randomUUID()}`;
    const events = [progressOf(task, department, 10, 3), progressOf(task, department, 20, 4), progressOf(task, department, 30, 5)];
    await fixture.publish(department, events);

    await eventually('three deliveries', () => receiver.accepted.length === 3);
    expect(receiver.deliveries.map((d) => d.eventId)).toEqual(events.map((e) => e.id));
    for (const delivery of receiver.deliveries) {
      expect(delivery.signature.ok).toBe(true);
      expect(delivery.contentType).toBe('application/cloudevents+json; charset=utf-8');
      expect(delivery.attempt).toBe(1);
    }
    expect(receiver.deliveries[1]!.body).toMatchObject({ specversion: '1.0', type: 'gov.backbone.tasks.TaskProgressReported.v1', subject: task, streamversion: 4, data: { percent: 20 } });
    // The receiver records a delivery before it answers; the adapter counts it once the answer arrives.
    const delivered = /backbone_webhook_deliveries_total\{department="d[0-9a-f]+",outcome="delivered"\} 3/;
    await eventually('three deliveries counted', async () => delivered.test(await registry.metrics()));
  });

  it('retries a 500 with exponential backoff until the endpoint takes it', async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver((d) => (d.attempt < 3 ? { status: 500 } : { status: 200 }));
    await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), retry: fast }));
    await fixture.publish(department, [progressOf('task-1', department, 10, 3)]);

    await eventually('the delivery on the third attempt', () => receiver.accepted.length === 1);
    const [first, second, third] = receiver.deliveries;
    expect(receiver.deliveries.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(90);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(190);
  });

  it('gives up on an attempt that gets no answer within the timeout, and tries again', async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver((d) => (d.attempt === 1 ? 'hang' : { status: 200 }));
    await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), timeoutMs: 300, retry: fast }));
    await fixture.publish(department, [progressOf('task-1', department, 10, 3)]);

    await eventually('the delivery after the timeout', () => receiver.accepted.length === 1);
    expect(receiver.deliveries.map((d) => d.attempt)).toEqual([1, 2]);
    expect(receiver.deliveries[1]!.at - receiver.deliveries[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('waits for an endpoint that answers slowly but within the timeout, without a second attempt', async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver(() => ({ status: 202, delayMs: 400 }));
    await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), timeoutMs: 1500, retry: fast }));
    await fixture.publish(department, [progressOf('task-1', department, 10, 3), progressOf('task-1', department, 20, 4)]);

    await eventually('both deliveries', () => receiver.accepted.length === 2);
    expect(receiver.deliveries.map((d) => d.attempt)).toEqual([1, 1]);
    expect(receiver.deliveries[1]!.at - receiver.deliveries[0]!.at).toBeGreaterThanOrEqual(400);
  });

  it('dead-letters an event after the bound, goes on with the next, and delivers it on a replay from the CLI', async () => {
    const department = fixture.aDepartment();
    const poison = progressOf('task-poison', department, 10, 3);
    const receiver = await fixture.receiver((d) => (d.eventId === poison.id ? { status: 500 } : { status: 200 }));
    const adapter = await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), retry: fast }));
    const next = progressOf('task-poison', department, 20, 4);
    await fixture.publish(department, [poison, next]);

    await eventually('the next event', () => receiver.accepted.some((d) => d.eventId === next.id));
    expect(receiver.deliveries.filter((d) => d.eventId === poison.id).map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
    const letters = await fixture.deadLetters(adapter.group);
    expect(letters.map((l) => [l.record.headers.ce_id, l.attempts, l.reason])).toEqual([[poison.id, 4, 'BackboneError: endpoint answered HTTP 500']]);

    receiver.answerWith(() => ({ status: 200 }));
    const bus = fixture.bus();
    const env = { BUS_PATH: bus.kind === 'embedded' ? bus.path : '' };
    const replay = await deadLetterCli(['replay', adapter.group], env);
    expect(replay).toMatchObject({ code: 0, out: expect.stringContaining(`replayed 1 dead letter(s) of ${adapter.group}`) });
    await eventually('the replayed event', () => receiver.accepted.some((d) => d.eventId === poison.id));
    expect((await deadLetterCli(['list', adapter.group], env)).out).toContain('1 dead letter(s)');
  });

  it('dead-letters at once an event the endpoint refuses (4xx), without retrying it', async () => {
    const department = fixture.aDepartment();
    const receiver = await fixture.receiver(() => ({ status: 410 }));
    const adapter = await fixture.started(createWebhookAdapter({ department, endpoint: { url: receiver.url, secret: SECRET }, bus: fixture.bus(), retry: fast }));
    await fixture.publish(department, [progressOf('task-1', department, 10, 3)]);

    await eventually('the dead letter', async () => (await fixture.deadLetters(adapter.group)).length === 1);
    expect(receiver.deliveries.map((d) => d.attempt)).toEqual([1]);
    expect((await fixture.deadLetters(adapter.group))[0]!.reason).toBe('invalid_input (webhook-endpoint-refused): endpoint refused the event: HTTP 410');
  });
});
