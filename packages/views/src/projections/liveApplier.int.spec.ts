import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteRedisKeys, redisServer } from '@backbone/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsPerSubjectProjection, testEnvelope, type SubjectSummary } from '../testing/eventsPerSubjectProjection.ts';
import { createRedisViewStore } from '../viewStore/redis/redisViewStore.ts';
import { createSqliteViewStore } from '../viewStore/sqlite/sqliteViewStore.ts';
import type { ViewReader, ViewStore } from '../viewStore/viewStore.ts';
import { liveApplier, type LiveEvent, type LiveOutcome } from './liveApplier.ts';
import type { Projection } from './projection.ts';

const redis = await redisServer();

/** Two store instances (connections) over the same data, as two projector processes have. */
interface Stores {
  readonly first: ViewStore;
  readonly second: ViewStore;
  cleanup(): Promise<void>;
}

function sqliteStores(): Stores {
  const dir = mkdtempSync(join(tmpdir(), 'live-applier-'));
  const path = join(dir, 'views.sqlite');
  const first = createSqliteViewStore({ path });
  const second = createSqliteViewStore({ path });
  return {
    first,
    second,
    async cleanup() {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function redisStores(url: string): Stores {
  const prefix = `test-live-${randomUUID()}`;
  const first = createRedisViewStore({ redis: url, prefix });
  const second = createRedisViewStore({ redis: url, prefix });
  return {
    first,
    second,
    async cleanup() {
      await first.close();
      await second.close();
      await deleteRedisKeys(url, `${prefix}:*`);
    },
  };
}

/** The example projection, plus an `all` on every third event (which the pending overlay cannot answer). */
function listingProjection(name: string): Projection {
  const base = eventsPerSubjectProjection(name, ['t']);
  return {
    ...base,
    async project(event, view) {
      if (event.streamversion % 3 === 0) await view.all('subjects');
      return base.project(event, view);
    },
  };
}

const event = (subject: string, streamversion: number, offset = 0): LiveEvent => ({
  envelope: testEnvelope('tasks', 'Touched', subject, streamversion),
  position: `t:0:${offset}`,
});

function outcomes() {
  const counted: Record<LiveOutcome, number> = { applied: 0, duplicate: 0, gap: 0 };
  return { counted, count: (outcome: LiveOutcome, n: number) => void (counted[outcome] += n) };
}

/** Everything the example projection keeps for `subjects`, to compare two versions. */
async function snapshot(view: ViewReader, subjects: readonly string[]) {
  return {
    events: await view.counter('events'),
    perSubject: await Promise.all(subjects.map((s) => view.counter(`events:${s}`))),
    docs: await view.getMany<SubjectSummary>('subjects', subjects),
    marks: await view.appliedVersions(subjects),
    members: await view.members('subjects'),
  };
}

describeLiveApplier('SQLite', true, sqliteStores);
describeLiveApplier('Redis', redis.available, () => redisStores(redis.endpoint?.url ?? ''));

function describeLiveApplier(name: string, available: boolean, open: () => Stores): void {
  describe.skipIf(!available)(`liveApplier over ${name}`, () => {
    let stores: Stores;
    let projection: Projection;
    beforeEach(() => {
      stores = open();
      projection = listingProjection(`live-${randomUUID()}`);
    });
    afterEach(async () => {
      await stores.cleanup();
    });

    it('applies a chunk as one-by-one applies would: chains, duplicates and gaps inside it, a flush in the middle', async () => {
      const { first: store } = stores;
      const chunk = [
        ['a', 1], ['a', 2], ['a', 2], ['b', 1], ['a', 4], ['b', 2], ['c', 2], ['a', 3], ['a', 3], ['c', 1], ['b', 3], ['b', 4], ['a', 4], ['c', 2],
      ].map(([subject, version], offset) => event(subject as string, version as number, offset));
      const oneByOne = outcomes();
      const reference = liveApplier({ projection, viewStore: store, count: oneByOne.count, applied: () => {} });
      for (const e of chunk) await reference.one('reference', e);

      const batched = outcomes();
      const applied: string[] = [];
      const live = liveApplier({ projection, viewStore: store, count: batched.count, applied: (e) => void applied.push(`${e.subject}${e.streamversion}`) });
      await live.batch('1', chunk);

      expect(batched.counted).toEqual(oneByOne.counted);
      expect(batched.counted).toEqual({ applied: 10, duplicate: 2, gap: 2 });
      const subjects = ['a', 'b', 'c'];
      expect(await snapshot(store.readerOf(projection.name, '1'), subjects)).toEqual(await snapshot(store.readerOf(projection.name, 'reference'), subjects));
      expect(await store.readerOf(projection.name, '1').appliedVersions(subjects)).toEqual([4, 4, 2]);
      expect(applied.at(-1)).toBe('c2');
      // A redelivered chunk changes nothing.
      await live.batch('1', chunk);
      expect(batched.counted).toEqual({ applied: 10, duplicate: 16, gap: 2 });
      expect(await store.readerOf(projection.name, '1').counter('events')).toBe(10);
    });

    it('projects an aggregate another projector moved after the marks were read one event at a time, from what that one wrote', async () => {
      const { first, second } = stores;
      // Without `all`: no flush in the middle of the chunk re-reads the aggregate by chance.
      const projection = eventsPerSubjectProjection(`live-${randomUUID()}`, ['t']);
      const mine = outcomes();
      const other = liveApplier({ projection, viewStore: second, count: () => {}, applied: () => {} });
      // Reads of documents wait, once, until the other projector applied the first two events of `a`.
      let interleave: (() => Promise<void>) | undefined;
      const slowReads: ViewStore = {
        ...first,
        readerOf(projectionName, version) {
          const reader = first.readerOf(projectionName, version);
          const before = async () => {
            const run = interleave;
            interleave = undefined;
            await run?.();
          };
          return {
            ...reader,
            get: async (collection, id) => (await before(), reader.get(collection, id)),
            getMany: async (collection, ids) => (await before(), reader.getMany(collection, ids)),
          };
        },
      };
      const live = liveApplier({ projection, viewStore: slowReads, count: mine.count, applied: () => {} });
      // A first chunk teaches the applier that `project` reads `subjects` by subject.
      await live.batch('1', [event('warm-up', 1)]);

      interleave = () => other.batch('1', [event('a', 1), event('a', 2)]);
      await live.batch('1', [event('a', 1), event('a', 2), event('a', 3), event('b', 1)]);

      const view = first.readerOf(projection.name, '1');
      expect(interleave).toBeUndefined();
      expect(await view.get<SubjectSummary>('subjects', 'a')).toMatchObject({ count: 3 });
      expect(await view.appliedVersions(['a', 'b'])).toEqual([3, 1]);
      expect(await view.counter('events:a')).toBe(3);
      expect(mine.counted).toEqual({ applied: 3, duplicate: 2, gap: 0 });
    });

    it('leaves a right view when two projectors apply the same chunks at the same time', async () => {
      const { first, second } = stores;
      const subjects = Array.from({ length: 6 }, (_, i) => `s${i}`);
      const events: LiveEvent[] = [];
      for (let version = 1; version <= 30; version++) {
        for (const [i, subject] of subjects.entries()) if (version <= 10 + i * 4) events.push(event(subject, version, events.length));
      }
      const chunks = (size: number) => Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));
      const counts = [outcomes(), outcomes()];
      const run = async (store: ViewStore, size: number, counted: ReturnType<typeof outcomes>) => {
        const live = liveApplier({ projection, viewStore: store, count: counted.count, applied: () => {} });
        for (const chunk of chunks(size)) await live.batch('1', chunk);
      };

      await Promise.all([run(first, 7, counts[0]!), run(second, 11, counts[1]!)]);

      const view = first.readerOf(projection.name, '1');
      const expected = subjects.map((_, i) => 10 + i * 4);
      expect(await view.appliedVersions(subjects)).toEqual(expected);
      expect((await view.getMany<SubjectSummary>('subjects', subjects)).map((doc) => doc?.count)).toEqual(expected);
      expect(await Promise.all(subjects.map((s) => view.counter(`events:${s}`)))).toEqual(expected);
      expect(await view.counter('events')).toBe(events.length);
      // Each event applied once in all; the other projector saw it as a duplicate.
      expect(counts[0]!.counted.applied + counts[1]!.counted.applied).toBe(events.length);
      expect(counts[0]!.counted.applied + counts[0]!.counted.duplicate).toBe(events.length);
      expect(counts[1]!.counted.applied + counts[1]!.counted.duplicate).toBe(events.length);
    });
  });
}
