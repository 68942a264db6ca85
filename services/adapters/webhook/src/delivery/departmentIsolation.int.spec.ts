import { kafkaServer } from '@backbone/testkit';
import { describe, expect, it } from 'vitest';
import { createWebhookAdapter } from './webhookAdapter.ts';
import { eventually, progressOf, SECRET, useWebhookFixture } from './webhook.fixture.ts';

function isolationSuite(brokers?: readonly string[]) {
  const fixture = useWebhookFixture(brokers);

  it('never lets an endpoint that answers 500 forever hold up another department', async () => {
    const failing = fixture.aDepartment();
    const healthy = fixture.aDepartment();
    const down = await fixture.receiver(() => ({ status: 500 }));
    const up = await fixture.receiver();
    // The failing department retries each event for 1+2+4+8+8 = 23 s before dead-lettering it.
    const retry = { maxAttempts: 6, initialMs: 1000, maxMs: 8000 };
    const stuck = await fixture.started(createWebhookAdapter({ department: failing, endpoint: { url: down.url, secret: SECRET }, bus: fixture.bus(), retry }));
    await fixture.started(createWebhookAdapter({ department: healthy, endpoint: { url: up.url, secret: SECRET }, bus: fixture.bus(), retry }));

    await fixture.publish(failing, [1, 2, 3].map((n) => progressOf(`task-${n}`, failing, 10, 3)));
    await eventually('the failing endpoint being retried', () => down.deliveries.length >= 2);
    const published = Date.now();
    await fixture.publish(healthy, [1, 2, 3].map((n) => progressOf(`task-${n}`, healthy, 10, 3)));

    await eventually('every event of the healthy department', () => up.accepted.length === 3, 15_000);
    const slowest = Math.max(...up.accepted.map((d) => d.at)) - published;
    expect(slowest).toBeLessThan(8000);
    expect(down.accepted).toEqual([]);
    expect(await fixture.deadLetters(stuck.group)).toEqual([]);
  }, 60_000);
}

describe('department isolation of webhooks, on the embedded bus', () => {
  isolationSuite();
});

const kafka = await kafkaServer();
describe.skipIf(!kafka.available)('department isolation of webhooks, on Kafka', () => {
  isolationSuite(kafka.endpoint?.brokers);
});
