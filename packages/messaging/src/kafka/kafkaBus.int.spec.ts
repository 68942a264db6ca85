import { randomUUID } from 'node:crypto';
import { kafkaServer } from '@backbone/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { describeBusContract } from '../bus/bus.contract.ts';
import type { BusRecord, DeliveredRecord } from '../bus/bus.ts';
import { aRecord, useBusFixture } from '../bus/testing/busFixture.ts';
import type { Cleanup, CreateBus } from '../bus/testing/busFixture.ts';
import { eventually, pause } from '../bus/testing/eventually.ts';
import { createKafkaBus } from './kafkaBus.ts';
import { deleteKafkaTopicsAndGroups } from './kafkaTestCleanup.ts';

const kafka = await kafkaServer();

describe.skipIf(!kafka.available)('Kafka bus', () => {
  const brokers = kafka.endpoint?.brokers ?? [];
  const createBus: CreateBus = ({ metrics }) => createKafkaBus({ brokers, clientId: 'bus-contract', metrics, lagRefreshMs: 200 });
  const cleanup: Cleanup = (names) => deleteKafkaTopicsAndGroups(brokers, names);
  describeBusContract('kafka', createBus, { cleanup });

  describe('partitions at once', () => {
    const RECORDS_PER_KEY = 5;
    const { aBus, aTopic, aGroup, consume } = useBusFixture(createBus, cleanup);

    /**
     * Publishes 5 records for each of 48 keys, then consumes them with slow chunks. The keys are
     * random, so they cover the topic's 3 partitions only by chance: with 12 keys, one run in
     * about forty left a partition empty; with 48, about one in a hundred million.
     */
    async function consumeSlowly(partitionsAtOnce: number | undefined) {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const keys = Array.from({ length: 48 }, (_, i) => `at-once-${i}-${randomUUID()}`);
      const records: BusRecord[] = [];
      for (let n = 0; n < RECORDS_PER_KEY; n++) for (const key of keys) records.push(aRecord(key, String(n)));
      await bus.publish(topic, records);
      const received: DeliveredRecord[] = [];
      let inHand = 0;
      let mostInHand = 0;
      await consume(bus, {
        group: aGroup(),
        topics: [topic],
        partitionsAtOnce,
        handle: async () => {
          throw new Error('every chunk should go to handleBatch');
        },
        handleBatch: async (chunk) => {
          mostInHand = Math.max(mostInHand, ++inHand);
          await pause(300);
          received.push(...chunk);
          inHand--;
        },
      });
      await eventually('every record', () => received.length >= records.length, 30_000);
      for (const key of keys) {
        expect(received.filter((r) => r.key === key).map((r) => Number(r.value))).toEqual(Array.from({ length: RECORDS_PER_KEY }, (_, n) => n));
      }
      expect(new Set(received.map((r) => r.partition)).size).toBe(3);
      return { mostInHand, delivered: received.length };
    }

    it('hands chunks of different partitions over at the same time when asked, each partition still in order', async () => {
      const { mostInHand, delivered } = await consumeSlowly(3);
      expect(delivered).toBe(240);
      expect(mostInHand).toBeGreaterThan(1);
    });

    it('hands one chunk at a time by default', async () => {
      const { mostInHand, delivered } = await consumeSlowly(undefined);
      expect(delivered).toBe(240);
      expect(mostInHand).toBe(1);
    });
  });

  describe('a consumer stuck in its handler', () => {
    // Seconds, not minutes: silent for 3 s counts as dead; the broker's smallest session timeout.
    const stuckBus: CreateBus = ({ metrics }) => createKafkaBus({ brokers, clientId: 'bus-stuck', metrics, consumerSilenceMs: 3000, sessionTimeoutMs: 6000 });
    const { aBus, aTopic, aGroup, consume } = useBusFixture(stuckBus, cleanup);

    it('is left behind, and a new consumer handles its record again', async () => {
      const registry = new Registry();
      const bus = await aBus(registry);
      const topic = await aTopic(bus);
      await bus.publish(topic, [aRecord(`stuck-${randomUUID()}`, 'only')]);
      const group = aGroup();
      let calls = 0;
      let handled = false;
      await consume(bus, {
        group,
        topics: [topic],
        handle: async () => {
          // The first delivery never returns: kafkajs can then neither fetch, heartbeat nor stop.
          if (++calls === 1) await new Promise<never>(() => {});
          handled = true;
        },
      });
      await eventually('the record handled by the consumer that replaced the stuck one', () => handled, 60_000);
      expect(calls).toBe(2);
      const restarts = await registry.getSingleMetric('backbone_consumer_restarts_total')?.get();
      expect(restarts?.values.find((value) => value.labels.group === group)?.value).toBe(1);
    }, 90_000);
  });
});
