import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from '@backbone/contracts';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { recordToEnvelope } from '../cloudEvents/kafkaBinding.ts';
import { MAX_BATCH_RECORDS, type BusRecord, type DeliveredRecord } from './bus.ts';
import { aRecord, collecting, useBusFixture } from './testing/busFixture.ts';
import type { Cleanup, CreateBus } from './testing/busFixture.ts';
import { eventually, pause } from './testing/eventually.ts';

export type { CreateBus } from './testing/busFixture.ts';

export interface BusContractOptions {
  /** Removes what the suite created (topics, groups) once it is done. */
  readonly cleanup?: Cleanup;
}

/** The behaviour every adapter of the bus port must have. */
export function describeBusContract(name: string, createBus: CreateBus, contractOptions: BusContractOptions = {}): void {
  describe(`${name}: the bus contract`, () => {
    const { aBus, aTopic, aGroup, consume } = useBusFixture(createBus, contractOptions.cleanup);

    it('delivers published records with their key, value, headers and position', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      await bus.publish(topic, [aRecord('k1', '{"n":1}', { ce_id: 'a' }), aRecord('k2', '{"n":2}', { ce_id: 'b' })]);
      const { received, subscription } = collecting(aGroup(), [topic]);
      await consume(bus, subscription);
      await eventually('2 records', () => received.length === 2);
      const byKey = Object.fromEntries(received.map((r) => [r.key, r]));
      expect(byKey.k1).toMatchObject({ topic, value: '{"n":1}', headers: { ce_id: 'a' }, attempt: 1 });
      expect(byKey.k2).toMatchObject({ topic, value: '{"n":2}', headers: { ce_id: 'b' }, attempt: 1 });
      for (const record of received) {
        expect(record.offset).toMatch(/^[0-9]+$/);
        expect(Number.isInteger(record.partition)).toBe(true);
      }
    });

    it('delivers header values as strings', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const headers = { ce_streamversion: '12', ce_subject: 'task-社工', 'content-type': 'application/json', empty: '' };
      await bus.publish(topic, [aRecord('k', '{}', headers)]);
      const { received, subscription } = collecting(aGroup(), [topic]);
      await consume(bus, subscription);
      await eventually('the record', () => received.length === 1);
      expect(received[0]!.headers).toEqual(headers);
      for (const value of Object.values(received[0]!.headers)) expect(typeof value).toBe('string');
    });

    it('preserves the order of records with the same key', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const keys = Array.from({ length: 8 }, (_, i) => `key-${i}-${randomUUID()}`);
      for (let round = 0; round < 4; round++) {
        const batch: BusRecord[] = [];
        for (let n = round * 5; n < round * 5 + 5; n++) for (const key of keys) batch.push(aRecord(key, String(n)));
        await bus.publish(topic, batch);
      }
      const { received, subscription } = collecting(aGroup(), [topic]);
      await consume(bus, subscription);
      await eventually('160 records', () => received.length >= 160);
      for (const key of keys) {
        expect(received.filter((r) => r.key === key).map((r) => Number(r.value))).toEqual(Array.from({ length: 20 }, (_, n) => n));
      }
    });

    it('takes a publish larger than a broker takes in one request, keeping its order', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      // 3 MB to one key (one partition), as the inbox router's copies of a large chunk can be:
      // Kafka refuses a record batch over message.max.bytes (1 MB by default).
      const key = `key-${randomUUID()}`;
      const body = 'x'.repeat(1500);
      const records = Array.from({ length: 2_000 }, (_, n) => aRecord(key, `${n}:${body}`));
      await bus.publish(topic, records);
      const { received, subscription } = collecting(aGroup(), [topic]);
      await consume(bus, subscription);
      await eventually('2,000 records', () => received.length >= 2_000, 60_000);
      expect(received.map((r) => Number(r.value.split(':', 1)[0]))).toEqual(Array.from({ length: 2_000 }, (_, n) => n));
    });

    it('shares the partitions between two consumers of one group', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      const first = collecting(group, [topic]);
      const second = collecting(group, [topic]);
      await consume(bus, first.subscription);
      await consume(bus, second.subscription);
      const published = new Set<string>();
      // Keep publishing until the group has settled and both members received some.
      for (let batch = 0; batch < 60 && (first.received.length === 0 || second.received.length === 0); batch++) {
        const records = Array.from({ length: 12 }, () => aRecord(randomUUID(), randomUUID()));
        await bus.publish(topic, records);
        for (const record of records) published.add(record.value);
        await pause(250);
      }
      const seen = () => new Set([...first.received, ...second.received].map((r) => r.value));
      await eventually('every published record', () => seen().size === published.size);
      expect(first.received.length).toBeGreaterThan(0);
      expect(second.received.length).toBeGreaterThan(0);
      expect(seen()).toEqual(published);
    });

    it('gives every group all the records', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const records = Array.from({ length: 30 }, (_, i) => aRecord(`k${i % 7}`, String(i)));
      await bus.publish(topic, records);
      const one = collecting(aGroup(), [topic]);
      const other = collecting(aGroup(), [topic]);
      await consume(bus, one.subscription);
      await consume(bus, other.subscription);
      await eventually('30 records in both groups', () => one.received.length >= 30 && other.received.length >= 30);
      const values = (r: DeliveredRecord[]) => r.map((x) => Number(x.value)).sort((a, b) => a - b);
      expect(values(one.received)).toEqual(records.map((_, i) => i));
      expect(values(other.received)).toEqual(records.map((_, i) => i));
    });

    it('commits a record only after its handler succeeded', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      await bus.publish(topic, ['r1', 'r2', 'r3'].map((v) => aRecord('one-key', v)));
      const deliveries: string[] = [];
      const consumer = await consume(bus, {
        group,
        topics: [topic],
        handle: async (record) => {
          deliveries.push(`${record.value}#${record.attempt}`);
          if (record.value === 'r2' && record.attempt === 1) throw new Error('transient failure');
        },
      });
      await eventually('r3', () => deliveries.includes('r3#1'));
      expect(deliveries).toEqual(['r1#1', 'r2#1', 'r2#2', 'r3#1']);
      await consumer.stop();

      // A new member of the group starts after the last commit: nothing is delivered twice.
      await bus.publish(topic, [aRecord('one-key', 'r4')]);
      const next = collecting(group, [topic]);
      await consume(await aBus(), next.subscription);
      await eventually('r4', () => next.received.length >= 1);
      await pause(500);
      expect(next.received.map((r) => r.value)).toEqual(['r4']);
    });

    it('redelivers a record whose handler was cut off before the commit', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      await bus.publish(topic, [aRecord('crash-key', 'in-flight')]);
      let crash: (error: Error) => void = () => {};
      let inFlight = false;
      const consumer = await consume(bus, {
        group,
        topics: [topic],
        handle: () =>
          new Promise<void>((_resolve, reject) => {
            inFlight = true;
            crash = reject;
          }),
      });
      await eventually('the handler to be in flight', () => inFlight);
      const stopping = consumer.stop();
      crash(new Error('process killed'));
      await stopping;

      const restarted = collecting(group, [topic]);
      await consume(await aBus(), restarted.subscription);
      await eventually('the redelivery', () => restarted.received.length >= 1);
      expect(restarted.received[0]).toMatchObject({ value: 'in-flight', key: 'crash-key', attempt: 1 });
    });

    it('finishes and commits the record in hand when stopped', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      await bus.publish(topic, [aRecord('stop-key', 'in-hand')]);
      let finish: () => void = () => {};
      let inFlight = false;
      const consumer = await consume(bus, {
        group,
        topics: [topic],
        handle: () =>
          new Promise<void>((resolve) => {
            inFlight = true;
            finish = resolve;
          }),
      });
      await eventually('the handler to be in flight', () => inFlight);
      const stopping = consumer.stop();
      finish();
      await stopping;

      await bus.publish(topic, [aRecord('stop-key', 'after-stop')]);
      const next = collecting(group, [topic]);
      await consume(await aBus(), next.subscription);
      await eventually('the record published after the stop', () => next.received.length >= 1);
      await pause(500);
      expect(next.received.map((r) => r.value)).toEqual(['after-stop']);
    });

    it('retries a poison record a bounded number of times, dead-letters it and moves on', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      const valid = (id: string): BusRecord =>
        aRecord('poison-key', '{"ok":true}', {
          ce_specversion: '1.0',
          ce_id: id,
          ce_source: '/backbone/tasks',
          ce_type: 'gov.backbone.tasks.TaskCreated.v1',
          ce_time: '2025-03-14T08:30:00Z',
          ce_subject: 'poison-key',
          ce_correlationid: 'c',
          ce_causationid: 'c',
          ce_actor: 'system',
          ce_streamversion: '1',
          'content-type': 'application/json',
        });
      const before = valid(randomUUID());
      const after = valid(randomUUID());
      // Headers that do not even parse as an envelope still reach the handler.
      const poison = aRecord('poison-key', 'not json', { ce_type: 'garbage' });
      await bus.publish(topic, [before, poison, after]);
      const handled: string[] = [];
      const poisonAttempts: DeliveredRecord[] = [];
      await consume(bus, {
        group,
        topics: [topic],
        maxAttempts: 3,
        handle: async (record) => {
          if (record.value === 'not json') poisonAttempts.push(record);
          handled.push(recordToEnvelope(record).id);
        },
      });
      await eventually('the record after the poison one', () => handled.includes(after.headers.ce_id!));
      expect(handled).toEqual([before.headers.ce_id, after.headers.ce_id]);
      expect(poisonAttempts.map((r) => r.attempt)).toEqual([1, 2, 3]);

      const dlq = collecting(aGroup(), [deadLetterTopic(group)]);
      await consume(bus, dlq.subscription);
      await eventually('the dead letter', () => dlq.received.length >= 1);
      expect(dlq.received).toHaveLength(1);
      const dead = dlq.received[0]!;
      expect(dead).toMatchObject({ key: 'poison-key', value: 'not json' });
      expect(dead.headers).toMatchObject({
        ce_type: 'garbage',
        dlq_original_topic: topic,
        dlq_partition: String(poisonAttempts[0]!.partition),
        dlq_offset: poisonAttempts[0]!.offset,
        dlq_group: group,
        dlq_attempts: '3',
      });
      expect(dead.headers.dlq_reason).toContain('not JSON');
    });

    it('hands records to handleBatch in chunks of one partition, each once, in order per key, and commits them', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      const keys = Array.from({ length: 6 }, (_, i) => `batch-key-${i}-${randomUUID()}`);
      for (let round = 0; round < 3; round++) {
        const records: BusRecord[] = [];
        for (let n = round * 10; n < round * 10 + 10; n++) for (const key of keys) records.push(aRecord(key, String(n)));
        await bus.publish(topic, records);
      }
      const chunks: (readonly DeliveredRecord[])[] = [];
      const one: DeliveredRecord[] = [];
      const consumer = await consume(bus, {
        group,
        topics: [topic],
        handle: async (record) => void one.push(record),
        handleBatch: async (records) => void chunks.push(records),
      });
      const received = () => chunks.flat();
      await eventually('180 records', () => received().length >= 180);
      expect(one).toEqual([]);
      for (const chunk of chunks) {
        expect(chunk.length).toBeGreaterThan(0);
        expect(chunk.length).toBeLessThanOrEqual(MAX_BATCH_RECORDS);
        expect(new Set(chunk.map((r) => `${r.topic}/${r.partition}`)).size).toBe(1);
        const offsets = chunk.map((r) => BigInt(r.offset));
        expect(offsets.every((offset, i) => i === 0 || offset > offsets[i - 1]!)).toBe(true);
        for (const record of chunk) expect(record.attempt).toBe(1);
      }
      for (const key of keys) {
        expect(received().filter((r) => r.key === key).map((r) => Number(r.value))).toEqual(Array.from({ length: 30 }, (_, n) => n));
      }
      await consumer.stop();

      // A new member of the group starts after the last chunk: nothing is delivered twice.
      await bus.publish(topic, [aRecord(keys[0]!, 'after')]);
      const next = collecting(group, [topic]);
      await consume(await aBus(), next.subscription);
      await eventually('the record published after the stop', () => next.received.length >= 1);
      await pause(500);
      expect(next.received.map((r) => r.value)).toEqual(['after']);
    });

    it('hands the records of a failing batch to handle one at a time: the poison record alone is dead-lettered', async () => {
      const bus = await aBus();
      const topic = await aTopic(bus);
      const group = aGroup();
      const values = ['b1', 'b2', 'b3', 'poison', 'a1', 'a2', 'a3'];
      await bus.publish(topic, values.map((v) => aRecord('batch-poison-key', v)));
      const inBatches: string[] = [];
      const oneByOne: string[] = [];
      const poisonAttempts: number[] = [];
      await consume(bus, {
        group,
        topics: [topic],
        maxAttempts: 2,
        handleBatch: async (records) => {
          if (records.some((r) => r.value === 'poison')) throw new Error('cannot handle this batch');
          inBatches.push(...records.map((r) => r.value));
        },
        handle: async (record) => {
          if (record.value === 'poison') {
            poisonAttempts.push(record.attempt);
            throw new Error('cannot handle');
          }
          oneByOne.push(record.value);
        },
      });
      await eventually('every other record', () => inBatches.length + oneByOne.length >= 6);
      expect(poisonAttempts).toEqual([1, 2]);
      // The seven were published in one go before the subscription, so they reach it as one chunk:
      // after the batch failed, each went through handle, in order, once.
      expect([...inBatches, ...oneByOne].sort()).toEqual(values.filter((v) => v !== 'poison').sort());
      expect(oneByOne).toContain('b3');
      expect(oneByOne).toContain('a1');
      expect(oneByOne).toEqual(values.filter((v) => v !== 'poison' && oneByOne.includes(v)));

      const dlq = collecting(aGroup(), [deadLetterTopic(group)]);
      await consume(bus, dlq.subscription);
      await eventually('the dead letter', () => dlq.received.length >= 1);
      await pause(300);
      expect(dlq.received.map((r) => r.value)).toEqual(['poison']);
      expect(dlq.received[0]!.headers).toMatchObject({ dlq_group: group, dlq_attempts: '2' });
    });

    it('reports records by outcome, dead letters and lag', async () => {
      const registry = new Registry();
      const bus = await aBus(registry);
      const topic = await aTopic(bus);
      const group = aGroup();
      await bus.publish(topic, ['a', 'b', 'c', 'poison', 'd'].map((v) => aRecord(`k-${v}`, v)));
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const done: string[] = [];
      await consume(bus, {
        group,
        topics: [topic],
        maxAttempts: 2,
        handle: async (record) => {
          await gate;
          if (record.value === 'poison') throw new Error('cannot handle');
          done.push(record.value);
        },
      });
      // The dead-letter series starts at 0 on subscribe, so the first dead letter is an increase.
      expect(await registry.metrics()).toContain(`backbone_consumer_dead_letters_total{group="${group}"} 0`);
      const lag = async () => {
        const metric = await registry.getSingleMetric('backbone_consumer_lag')?.get();
        const values = metric?.values.filter((v) => v.labels.group === group && v.labels.topic === topic) ?? [];
        return values.length === 0 ? undefined : values.reduce((sum, v) => sum + v.value, 0);
      };
      await eventually('a lag of 5 while the handler is blocked', async () => (await lag()) === 5);
      release();
      await eventually('4 handled records', () => done.length === 4);
      await eventually('a lag of 0', async () => (await lag()) === 0);

      const text = await registry.metrics();
      expect(text).toContain(`backbone_consumer_records_total{group="${group}",topic="${topic}",outcome="handled"} 4`);
      expect(text).toContain(`backbone_consumer_records_total{group="${group}",topic="${topic}",outcome="failed_attempt"} 2`);
      expect(text).toContain(`backbone_consumer_records_total{group="${group}",topic="${topic}",outcome="dead_lettered"} 1`);
      expect(text).toContain(`backbone_consumer_dead_letters_total{group="${group}"} 1`);
    });
  });
}
