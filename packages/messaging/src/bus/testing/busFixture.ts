import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from '@backbone/contracts';
import type { Registry } from 'prom-client';
import { afterAll, afterEach } from 'vitest';
import type { Bus, BusRecord, DeliveredRecord, RunningConsumer, Subscription } from '../bus.ts';

/** How a contract run makes a bus; every bus it makes must see the same topics and groups. */
export type CreateBus = (options: { metrics?: Registry }) => Bus | Promise<Bus>;

/** Removes what a suite created (topics, groups) once it is done. */
export type Cleanup = (names: { topics: string[]; groups: string[] }) => Promise<void>;

export const aRecord = (key: string, value: string, headers: Record<string, string> = {}): BusRecord => ({ key, value, headers });

/** A subscription that records what it receives. */
export function collecting(group: string, topics: string[], extra: Partial<Subscription> = {}) {
  const received: DeliveredRecord[] = [];
  const subscription: Subscription = { group, topics, handle: async (record) => void received.push(record), ...extra };
  return { received, subscription };
}

/**
 * Buses, unique topics and groups for one describe block; consumers and buses are closed
 * after each test, and `cleanup` gets every name once the block is done.
 */
export function useBusFixture(createBus: CreateBus, cleanup?: Cleanup) {
  const buses: Bus[] = [];
  const consumers: RunningConsumer[] = [];
  const topics: string[] = [];
  const groups: string[] = [];

  afterEach(async () => {
    await Promise.allSettled(consumers.splice(0).map((c) => c.stop()));
    await Promise.allSettled(buses.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await cleanup?.({ topics: [...new Set(topics)], groups: [...new Set(groups)] });
  });

  return {
    async aBus(metrics?: Registry): Promise<Bus> {
      const bus = await createBus({ metrics });
      buses.push(bus);
      return bus;
    },
    async aTopic(bus: Bus): Promise<string> {
      const topic = `contract-${randomUUID()}`;
      topics.push(topic);
      await bus.ensureTopics([topic]);
      return topic;
    },
    aGroup(): string {
      const group = `contract-group-${randomUUID()}`;
      groups.push(group);
      topics.push(deadLetterTopic(group));
      return group;
    },
    async consume(bus: Bus, subscription: Subscription): Promise<RunningConsumer> {
      const consumer = await bus.subscribe(subscription);
      consumers.push(consumer);
      return consumer;
    },
  };
}
