import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openAdapterBus, openDeadLetters } from '@backbone/adapter-sdk';
import type { Adapter, AdapterBusConfig } from '@backbone/adapter-sdk';
import { envelopeOf } from '@backbone/adapter-sdk/testing';
import { deadLetterTopic, inboxTopic } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { envelopeToRecord } from '@backbone/messaging';
import type { DeadLetter } from '@backbone/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach } from 'vitest';
import { startReceiver } from './receiver.fixture.ts';
import type { Behaviour, Receiver } from './receiver.fixture.ts';

export const SECRET = 'the-civil-affairs-webhook-secret-0123456789';

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A progress report of `task` by `department`, as its inbox carries it. */
export const progressOf = (task: string, department: string, percent: number, streamversion: number): Envelope =>
  envelopeOf('TaskProgressReported', { department, percent }, { subject: task, streamversion, actor: department });

/**
 * One suite's bus (a temporary embedded log, or Kafka with cleanup), receivers and adapters,
 * all stopped after each test; unique department ids keep inboxes and groups apart.
 */
export function useWebhookFixture(kafkaBrokers?: readonly string[]) {
  let dir: string | undefined;
  const adapters: Adapter[] = [];
  const receivers: Receiver[] = [];
  const topics: string[] = [];
  const groups: string[] = [];

  const bus = (): AdapterBusConfig => {
    if (kafkaBrokers) return { kind: 'kafka', brokers: kafkaBrokers, clientId: 'webhook-test' };
    dir ??= mkdtempSync(join(tmpdir(), 'webhook-'));
    return { kind: 'embedded', path: join(dir, 'bus.db') };
  };

  afterEach(async () => {
    await Promise.allSettled(adapters.splice(0).map((a) => a.stop()));
    await Promise.allSettled(receivers.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (!kafkaBrokers) return;
    const admin = new Kafka({ brokers: [...kafkaBrokers], clientId: 'webhook-test-cleanup', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const owned = [...new Set(topics)].filter((t) => existing.has(t));
      if (owned.length > 0) await admin.deleteTopics({ topics: owned });
      await admin.deleteGroups([...new Set(groups)]).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  });

  return {
    bus,
    aDepartment(): string {
      const department = `d${randomUUID().slice(0, 8)}`;
      topics.push(inboxTopic(department));
      return department;
    },
    async receiver(behaviour?: Behaviour): Promise<Receiver> {
      const receiver = await startReceiver(SECRET, behaviour);
      receivers.push(receiver);
      return receiver;
    },
    async started(adapter: Adapter): Promise<Adapter> {
      adapters.push(adapter);
      groups.push(adapter.group, `${adapter.group}.dlq.replayer`);
      topics.push(deadLetterTopic(adapter.group));
      await adapter.start();
      return adapter;
    },
    async publish(department: string, envelopes: readonly Envelope[]): Promise<void> {
      const publisher = openAdapterBus(bus());
      try {
        await publisher.ensureTopics([inboxTopic(department)]);
        await publisher.publish(inboxTopic(department), envelopes.map(envelopeToRecord));
      } finally {
        await publisher.close();
      }
    },
    async deadLetters(group: string): Promise<DeadLetter[]> {
      const tool = openDeadLetters(bus());
      try {
        return await tool.list(group);
      } finally {
        await tool.close();
      }
    },
  };
}

/**
 * The test process's environment without the variables that pick an adapter's bus, so a child
 * process uses the bus the test names (CI sets KAFKA_BROKERS for the Kafka suites).
 */
export function envWithoutBus(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { KAFKA_BROKERS: _brokers, KAFKA_TOPIC_PREFIX: _prefix, BUS_PATH: _path, BACKBONE_DATA_DIR: _dataDir, ...rest } = env;
  return rest;
}
