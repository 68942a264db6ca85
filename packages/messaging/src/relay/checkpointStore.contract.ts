import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckpointStore } from './checkpointStore.ts';

type ClosableStore = CheckpointStore & { close(): Promise<void> };

/** What every checkpoint store adapter must do; `create` may be called more than once (a restart). */
export function describeCheckpointStoreContract(name: string, create: () => ClosableStore | Promise<ClosableStore>): void {
  describe(`${name}: the checkpoint store contract`, () => {
    const opened: ClosableStore[] = [];
    const open = async () => {
      const store = await create();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('has no checkpoint for a relay that never saved one', async () => {
      expect(await (await open()).load(`relay-${randomUUID()}`)).toBeUndefined();
    });

    it('keeps the last saved position per relay name, across a reopen', async () => {
      const store = await open();
      const [one, other] = [`relay-${randomUUID()}`, `relay-${randomUUID()}`];
      expect(await store.save(one, 5, undefined)).toBe(true);
      expect(await store.save(one, 1_234_567_890_123, 5)).toBe(true);
      expect(await store.save(other, 0, undefined)).toBe(true);
      expect(await store.load(one)).toBe(1_234_567_890_123);
      expect(await store.load(other)).toBe(0);
      const reopened = await open();
      expect(await reopened.load(one)).toBe(1_234_567_890_123);
    });

    it('moves a checkpoint only from the one the caller loaded, and refuses the rest changing nothing', async () => {
      const store = await open();
      const name = `relay-${randomUUID()}`;
      expect(await store.save(name, 10, 3)).toBe(false);
      expect(await store.load(name)).toBeUndefined();
      expect(await store.save(name, 10, undefined)).toBe(true);
      // Another relay (or a copy of this one) saved meanwhile: both of these loaded before it.
      expect(await store.save(name, 20, undefined)).toBe(false);
      expect(await store.save(name, 20, 7)).toBe(false);
      expect(await store.load(name)).toBe(10);
      expect(await store.save(name, 20, 10)).toBe(true);
      expect(await store.load(name)).toBe(20);
    });
  });
}
