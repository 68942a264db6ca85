import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { describeBusContract } from '../bus/bus.contract.ts';
import { eventually } from '../bus/testing/eventually.ts';
import type { Bus, DeliveredRecord } from '../bus/bus.ts';
import { createEmbeddedBus } from './embeddedBus.ts';
import { partitionFor } from './recordLog.ts';

const dir = mkdtempSync(join(tmpdir(), 'embedded-bus-'));
const path = join(dir, 'bus.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeBusContract('embedded', ({ metrics }) => createEmbeddedBus({ path, metrics }));

describe('embedded bus specifics', () => {
  const buses: Bus[] = [];
  const aBus = () => {
    const bus = createEmbeddedBus({ path });
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('refuses to publish to a topic nobody created', async () => {
    await expect(aBus().publish(`missing-${randomUUID()}`, [{ key: 'k', value: 'v', headers: {} }])).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('places a key in the same partition every time', () => {
    expect(partitionFor('task-42', 3)).toBe(partitionFor('task-42', 3));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => partitionFor(`key-${i}`, 3)));
    expect(spread).toEqual(new Set([0, 1, 2]));
  });

  it('delivers what another process published to the same file', async () => {
    const consumerSide = aBus();
    const otherProcess = aBus();
    const topic = `cross-${randomUUID()}`;
    await consumerSide.ensureTopics([topic]);
    const received: DeliveredRecord[] = [];
    await consumerSide.subscribe({ group: `g-${randomUUID()}`, topics: [topic], handle: async (r) => void received.push(r) });
    await otherProcess.publish(topic, [{ key: 'k', value: 'from elsewhere', headers: {} }]);
    await eventually('the record', () => received.length === 1);
    expect(received[0]!.value).toBe('from elsewhere');
  });

  it('hands the partitions of a member that left to the remaining one', async () => {
    const bus = aBus();
    const topic = `leave-${randomUUID()}`;
    const group = `g-${randomUUID()}`;
    await bus.ensureTopics([topic]);
    const staying: string[] = [];
    const leaving: string[] = [];
    await bus.subscribe({ group, topics: [topic], handle: async (r) => void staying.push(r.value) });
    const leaver = await bus.subscribe({ group, topics: [topic], handle: async (r) => void leaving.push(r.value) });
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    await bus.publish(topic, keys.map((key) => ({ key, value: `before-${key}`, headers: {} })));
    await eventually('the first round', () => staying.length + leaving.length === 30);
    expect(leaving.length).toBeGreaterThan(0);
    await leaver.stop();
    await bus.publish(topic, keys.map((key) => ({ key, value: `after-${key}`, headers: {} })));
    await eventually('the second round, all to the remaining member', () => staying.filter((v) => v.startsWith('after')).length === 30);
    expect(leaving.some((v) => v.startsWith('after'))).toBe(false);
  });
});
