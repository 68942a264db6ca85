import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore, IdempotencyTtlOptions } from './idempotencyStore.ts';

/**
 * The behaviour every `IdempotencyStore` adapter must show. `createStore` opens a new store
 * on the same underlying data each call; scopes are unique per test.
 */
export function describeIdempotencyStoreContract(
  name: string,
  createStore: (ttl: IdempotencyTtlOptions) => Promise<IdempotencyStore>,
): void {
  describe(`${name} — IdempotencyStore contract`, () => {
    const opened: IdempotencyStore[] = [];
    const open = async (ttl: IdempotencyTtlOptions = {}) => {
      const store = await createStore(ttl);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('reserves a new key once; a repeat while it runs is in flight', async () => {
      const store = await open();
      const scope = newScope();
      expect(await store.reserve(scope, 'k', 'h1')).toEqual({ state: 'new' });
      expect(await store.reserve(scope, 'k', 'h1')).toEqual({ state: 'in_flight' });
      expect(await store.reserve(scope, 'k', 'h2')).toEqual({ state: 'mismatch' });
    });

    it('answers a repeat with the completed result, and another request with mismatch', async () => {
      const [first, second] = [await open(), await open()];
      const scope = newScope();
      const result = { id: 'task-1', version: 2, eventIds: [], nested: { list: [1, 'two', null], empty: {} } };
      await first.reserve(scope, 'k', 'h1');
      await first.complete(scope, 'k', result);
      expect(await second.reserve(scope, 'k', 'h1')).toEqual({ state: 'done', result });
      expect(await second.reserve(scope, 'k', 'h2')).toEqual({ state: 'mismatch' });
    });

    it('frees a released key for the next request, but never a completed one', async () => {
      const store = await open();
      const scope = newScope();
      await store.reserve(scope, 'k', 'h1');
      await store.release(scope, 'k');
      expect(await store.reserve(scope, 'k', 'h2')).toEqual({ state: 'new' });
      await store.complete(scope, 'k', { ok: true });
      await store.release(scope, 'k');
      expect(await store.reserve(scope, 'k', 'h2')).toEqual({ state: 'done', result: { ok: true } });
    });

    it('keeps scopes and keys apart', async () => {
      const store = await open();
      const [a, b] = [newScope(), newScope()];
      await store.reserve(a, 'k', 'h');
      await store.complete(a, 'k', 'first');
      expect(await store.reserve(b, 'k', 'h')).toEqual({ state: 'new' });
      expect(await store.reserve(a, 'other', 'h')).toEqual({ state: 'new' });
      expect(await store.reserve(`${a}:k`, '', 'h')).toEqual({ state: 'new' });
    });

    it('gives exactly one of many concurrent reservations the key', async () => {
      const stores = [await open(), await open()];
      const scope = newScope();
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, index) => stores[index % 2]!.reserve(scope, 'k', 'h')),
      );
      expect(outcomes.filter((o) => o.state === 'new')).toHaveLength(1);
      expect(outcomes.filter((o) => o.state === 'in_flight')).toHaveLength(7);
    });

    it('takes an abandoned reservation back after its time to live', async () => {
      const store = await open({ inFlightTtlMs: 150 });
      const scope = newScope();
      await store.reserve(scope, 'k', 'h1');
      expect(await store.reserve(scope, 'k', 'h1')).toEqual({ state: 'in_flight' });
      await sleep(300);
      expect(await store.reserve(scope, 'k', 'h2')).toEqual({ state: 'new' });
    });

    it('forgets a completed result after its time to live', async () => {
      const store = await open({ resultTtlMs: 150 });
      const scope = newScope();
      await store.reserve(scope, 'k', 'h1');
      await store.complete(scope, 'k', { ok: true });
      expect(await store.reserve(scope, 'k', 'h1')).toMatchObject({ state: 'done' });
      await sleep(300);
      expect(await store.reserve(scope, 'k', 'h1')).toEqual({ state: 'new' });
    });
  });
}

function newScope(): string {
  return `scope-${randomUUID()}`;
}
