import { randomUUID } from 'node:crypto';
import { redisServer } from '@backbone/testkit';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { viewStoreContract, type ViewStoreFixture } from '../viewStore.contract.ts';
import type { ViewStore } from '../viewStore.ts';
import { createRedisViewStore } from './redisViewStore.ts';

const redis = await redisServer();

async function keysUnder(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** A fixture with a unique prefix whose keys are all deleted, and whose clients are all closed, afterwards. */
function openFixture(url: string, deleteBatchSize?: number): ViewStoreFixture & { admin: Redis; prefix: string } {
  const prefix = `test-views-${randomUUID()}`;
  const admin = new Redis(url);
  const stores: ViewStore[] = [createRedisViewStore({ redis: admin, prefix, deleteBatchSize })];
  return {
    admin,
    prefix,
    store: stores[0]!,
    openAnother() {
      const another = createRedisViewStore({ redis: url, prefix });
      stores.push(another);
      return another;
    },
    async cleanup() {
      await Promise.all(stores.map((s) => s.close()));
      const leftovers = await keysUnder(admin, `${prefix}:`);
      if (leftovers.length > 0) await admin.unlink(...leftovers);
      await admin.quit();
    },
  };
}

describe.skipIf(!redis.available)('Redis view store', () => {
  viewStoreContract('redis', async () => openFixture(redis.endpoint!.url));

  describe('key layout', () => {
    let fixture: ReturnType<typeof openFixture> | undefined;
    afterEach(async () => {
      await fixture?.cleanup();
    });

    it('keeps keys under <prefix>:<projection>:<version>: and deletes every key of the old version in batches', async () => {
      fixture = openFixture(redis.endpoint!.url, 7);
      const { store, admin, prefix } = fixture;
      for (let i = 1; i <= 40; i++) {
        await store.apply('board', '1', { subject: `s${i}`, streamversion: 1 }, [{ op: 'addToSet', set: `set${i}`, member: 'x' }]);
      }
      await store.apply('board', '2', { subject: 's1', streamversion: 1 }, [{ op: 'increment', counter: 'n', by: 1 }]);
      await store.promote('board', '1');
      expect((await keysUnder(admin, `${prefix}:board:1:`)).length).toBeGreaterThan(40);
      expect(await admin.get(`${prefix}:board:live`)).toBe('1');
      await store.promote('board', '2');
      expect(await keysUnder(admin, `${prefix}:board:1:`)).toEqual([]);
      expect((await keysUnder(admin, `${prefix}:board:2:`)).sort()).toEqual([`${prefix}:board:2:counters`, `${prefix}:board:2:marks`]);
      expect(await admin.hget(`${prefix}:board:2:marks`, 's1')).toBe('1');
    });

    it('applies a batch after Redis lost its scripts (a restart), running each event once', async () => {
      fixture = openFixture(redis.endpoint!.url);
      const { store, admin } = fixture;
      await admin.script('FLUSH');
      const items = [1, 2, 3].map((streamversion) => ({ mark: { subject: 'a', streamversion }, writes: [{ op: 'increment' as const, counter: 'n', by: 1 }] }));
      expect(await store.applyBatch('board', '1', items)).toBe(3);
      expect(await store.readerOf('board', '1').counter('n')).toBe(3);
    });

    it('does not delete keys of a version whose name starts like the old one', async () => {
      fixture = openFixture(redis.endpoint!.url);
      const { store } = fixture;
      await store.promote('board', '1');
      await store.apply('board', '1', { subject: 'a', streamversion: 1 }, [{ op: 'increment', counter: 'n', by: 1 }]);
      await store.apply('board', '10', { subject: 'a', streamversion: 1 }, [{ op: 'increment', counter: 'n', by: 10 }]);
      await store.promote('board', '2');
      expect(await store.readerOf('board', '10').counter('n')).toBe(10);
      expect(await store.readerOf('board', '1').counter('n')).toBe(0);
    });
  });
});
