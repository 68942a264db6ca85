import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { deadLetterTopic, inboxTopic } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { envelopeToRecord } from '@backbone/messaging';
import type { Bus, BusRecord, DeadLetter } from '@backbone/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach } from 'vitest';
import { openAdapterBus, openDeadLetters } from '../bus/adapterBus.ts';
import type { AdapterBusConfig } from '../bus/adapterBus.ts';
import type { Adapter } from './createAdapter.ts';

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bus for a suite: a temporary embedded log, or a real Kafka broker. */
export type BusUnderTest = { readonly label: string; readonly config: () => AdapterBusConfig; readonly brokers?: readonly string[] };

export function embeddedBusUnderTest(): BusUnderTest {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    label: 'embedded',
    config: () => {
      dir ??= mkdtempSync(join(tmpdir(), 'adapter-sdk-'));
      return { kind: 'embedded', path: join(dir, 'bus.db') };
    },
  };
}

export function kafkaBusUnderTest(brokers: readonly string[]): BusUnderTest {
  return { label: 'Kafka', brokers, config: () => ({ kind: 'kafka', brokers, clientId: 'adapter-sdk-test' }) };
}

/**
 * Unique departments (so unique inbox topics and groups) per test, a publisher bus, and cleanup:
 * adapters and buses stop after each test; Kafka topics and groups are deleted after the suite.
 */
export function useAdapterFixture(bus: BusUnderTest) {
  const adapters: Adapter[] = [];
  const publishers: Bus[] = [];
  const topics: string[] = [];
  const groups: string[] = [];

  afterEach(async () => {
    await Promise.allSettled(adapters.splice(0).map((a) => a.stop()));
    await Promise.allSettled(publishers.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    if (!bus.brokers) return;
    const admin = new Kafka({ brokers: [...bus.brokers], clientId: 'adapter-sdk-cleanup', logLevel: logLevel.NOTHING }).admin();
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
    aDepartment(): string {
      const department = `d${randomUUID().slice(0, 8)}`;
      topics.push(inboxTopic(department));
      return department;
    },
    track(adapter: Adapter): Adapter {
      adapters.push(adapter);
      groups.push(adapter.group, `${adapter.group}.dlq.replayer`);
      topics.push(deadLetterTopic(adapter.group));
      return adapter;
    },
    async publish(topic: string, records: readonly (Envelope | BusRecord)[]): Promise<void> {
      const publisher = openAdapterBus(bus.config());
      publishers.push(publisher);
      await publisher.ensureTopics([topic]);
      await publisher.publish(topic, records.map((r) => ('specversion' in r ? envelopeToRecord(r) : r)));
    },
    async deadLetters(group: string): Promise<DeadLetter[]> {
      const tool = openDeadLetters(bus.config());
      try {
        return await tool.list(group);
      } finally {
        await tool.close();
      }
    },
  };
}
