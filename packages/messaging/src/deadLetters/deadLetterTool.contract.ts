import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../bus/testing/eventually.ts';
import type { Bus, DeliveredRecord } from '../bus/bus.ts';
import type { DeadLetterTool } from './deadLetterRecord.ts';

export interface DeadLetterToolContractSetup {
  readonly createBus: () => Bus | Promise<Bus>;
  /** A tool on the same log or broker, as a separate CLI process would open it. */
  readonly createTool: () => DeadLetterTool | Promise<DeadLetterTool>;
  /** Removes the topics and groups the suite created. */
  readonly cleanup?: (names: { topics: string[]; groups: string[] }) => Promise<void>;
}

/** What listing and replaying dead letters must do, whatever the adapter. */
export function describeDeadLetterToolContract(name: string, setup: DeadLetterToolContractSetup): void {
  describe(`${name}: dead-letter tooling`, () => {
    const closers: (() => Promise<void>)[] = [];
    const topics: string[] = [];
    const groups: string[] = [];
    afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    });
    afterAll(async () => {
      await setup.cleanup?.({ topics, groups });
    });

    it('lists dead letters with their reason and origin, replays them once', async () => {
      const bus = await setup.createBus();
      closers.push(() => bus.close());
      const tool = await setup.createTool();
      closers.push(() => tool.close());
      const topic = `dlq-tool-${randomUUID()}`;
      const group = `dlq-tool-group-${randomUUID()}`;
      topics.push(topic, `${group}.dlq`);
      groups.push(group, `${group}.dlq.replayer`);
      await bus.ensureTopics([topic]);
      await bus.publish(topic, ['ok-1', 'poison-1', 'poison-2', 'ok-2'].map((value) => ({ key: 'same-key', value, headers: { ce_id: value } })));

      let broken = true;
      const handled: DeliveredRecord[] = [];
      const failed: DeliveredRecord[] = [];
      const consumer = await bus.subscribe({
        group,
        topics: [topic],
        maxAttempts: 2,
        handle: async (record) => {
          if (broken && record.value.startsWith('poison')) {
            failed.push(record);
            throw new Error(`cannot handle ${record.value}`);
          }
          handled.push(record);
        },
      });
      closers.push(() => consumer.stop());
      await eventually('ok-2 after the poison records', () => handled.some((r) => r.value === 'ok-2'));

      let letters = await tool.list(group);
      expect(letters.map((l) => l.record.value)).toEqual(['poison-1', 'poison-2']);
      for (const letter of letters) {
        const original = failed.find((r) => r.value === letter.record.value)!;
        expect(letter).toMatchObject({
          reason: `Error: cannot handle ${letter.record.value}`,
          originalTopic: topic,
          originalPartition: original.partition,
          originalOffset: original.offset,
          group,
          attempts: 2,
          replayed: false,
          record: { key: 'same-key', value: letter.record.value, headers: { ce_id: letter.record.value } },
        });
        expect(Object.keys(letter.record.headers).some((h) => h.startsWith('dlq_'))).toBe(false);
      }

      broken = false;
      expect(await tool.replay(group)).toEqual({ replayed: 2 });
      await eventually('the replayed records', () => handled.filter((r) => r.value.startsWith('poison')).length === 2);
      expect(handled.map((r) => r.value)).toEqual(['ok-1', 'ok-2', 'poison-1', 'poison-2']);

      letters = await tool.list(group);
      expect(letters.map((l) => [l.record.value, l.replayed])).toEqual([
        ['poison-1', true],
        ['poison-2', true],
      ]);
      expect(await tool.replay(group)).toEqual({ replayed: 0 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(handled).toHaveLength(4);
    });

    it('has nothing to list or replay for a group without dead letters', async () => {
      const tool = await setup.createTool();
      closers.push(() => tool.close());
      const group = `dlq-tool-empty-${randomUUID()}`;
      expect(await tool.list(group)).toEqual([]);
      expect(await tool.replay(group)).toEqual({ replayed: 0 });
    });
  });
}
