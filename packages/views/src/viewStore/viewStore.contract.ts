import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRetiredVersion, type ApplyMark, type NetBatch, type ViewStore, type ViewWrite } from './viewStore.ts';

/** What an adapter's spec hands the contract: a store, a second instance on the same data, a cleanup. */
export interface ViewStoreFixture {
  readonly store: ViewStore;
  /** Another store instance (its own connection) over the same data. */
  openAnother(): ViewStore;
  /** Closes every store it opened and deletes what the test wrote. */
  cleanup(): Promise<void>;
}

const mark = (subject: string, streamversion: number, position?: string): ApplyMark => ({ subject, streamversion, position });
const put = (collection: string, id: string, doc: unknown): ViewWrite => ({ op: 'put', collection, id, doc });
const inc = (counter: string, by = 1): ViewWrite => ({ op: 'increment', counter, by });

/** The behaviour every ViewStore adapter must show. */
export function viewStoreContract(adapter: string, open: () => Promise<ViewStoreFixture>): void {
  describe(`ViewStore contract: ${adapter}`, () => {
    let fixture: ViewStoreFixture;
    let store: ViewStore;
    let projection: string;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
      projection = `p-${randomUUID()}`;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('puts, gets, lists and deletes documents', async () => {
      await store.apply(projection, '1', mark('a', 1), [put('tasks', 't2', { n: 2 }), put('tasks', 't1', { n: 1 })]);
      await store.apply(projection, '1', mark('a', 2), [put('tasks', 't1', { n: 11, nested: ['x'] })]);
      const view = store.readerOf(projection, '1');
      expect(await view.get('tasks', 't1')).toEqual({ n: 11, nested: ['x'] });
      expect(await view.get('tasks', 'missing')).toBeUndefined();
      expect(await view.getMany('tasks', ['t2', 'missing', 't1'])).toEqual([{ n: 2 }, undefined, { n: 11, nested: ['x'] }]);
      expect(await view.getMany('tasks', [])).toEqual([]);
      expect(await view.all('tasks')).toEqual([{ n: 11, nested: ['x'] }, { n: 2 }]);
      await store.apply(projection, '1', mark('a', 3), [{ op: 'delete', collection: 'tasks', id: 't2' }]);
      expect(await view.all('tasks')).toEqual([{ n: 11, nested: ['x'] }]);
      expect(await view.all('other')).toEqual([]);
    });

    it('adds to and removes from sets', async () => {
      await store.apply(projection, '1', mark('a', 1), [
        { op: 'addToSet', set: 'open', member: 'b' },
        { op: 'addToSet', set: 'open', member: 'a' },
        { op: 'addToSet', set: 'open', member: 'a' },
      ]);
      await store.apply(projection, '1', mark('a', 2), [{ op: 'removeFromSet', set: 'open', member: 'b' }]);
      expect(await store.readerOf(projection, '1').members('open')).toEqual(['a']);
      expect(await store.readerOf(projection, '1').members('none')).toEqual([]);
    });

    it('increments counters exactly, also by negative amounts', async () => {
      await store.apply(projection, '1', mark('a', 1), [inc('open', 3), inc('done')]);
      await store.apply(projection, '1', mark('b', 1), [inc('open', -1)]);
      const view = store.readerOf(projection, '1');
      expect([await view.counter('open'), await view.counter('done'), await view.counter('never')]).toEqual([2, 1, 0]);
    });

    it('applies a redelivered mark once and ignores older streamversions', async () => {
      expect(await store.apply(projection, '1', mark('a', 1), [inc('n')])).toBe(true);
      expect(await store.apply(projection, '1', mark('a', 1), [inc('n')])).toBe(false);
      expect(await store.apply(projection, '1', mark('a', 2), [inc('n')])).toBe(true);
      expect(await store.apply(projection, '1', mark('a', 3), [inc('n')])).toBe(true);
      expect(await store.apply(projection, '1', mark('a', 2), [inc('n')])).toBe(false);
      expect(await store.apply(projection, '1', mark('b', 1), [inc('n')])).toBe(true);
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(4);
      expect(await view.appliedVersion('a')).toBe(3);
      expect(await view.appliedVersion('nobody')).toBeUndefined();
      // Marks are per version: another version starts from nothing.
      expect(await store.apply(projection, '2', mark('a', 1), [inc('n')])).toBe(true);
    });

    it('reads the marks of many aggregates at once, in the order asked, from the version asked', async () => {
      await store.applyBatch(projection, '1', [
        { mark: mark('a', 1), writes: [] },
        { mark: mark('a', 2), writes: [] },
        { mark: mark('b', 1), writes: [] },
      ]);
      await store.apply(projection, '2', mark('c', 1), []);
      const view = store.readerOf(projection, '1');
      expect(await view.appliedVersions(['b', 'nobody', 'a', 'b'])).toEqual([1, undefined, 2, 1]);
      expect(await view.appliedVersions([])).toEqual([]);
      const many = Array.from({ length: 2500 }, (_, i) => (i === 2400 ? 'a' : `s${i}`));
      const marks = await view.appliedVersions(many);
      expect(marks).toHaveLength(2500);
      expect(marks.filter((m) => m !== undefined)).toEqual([2]);
      expect(marks[2400]).toBe(2);
      expect(await store.reader(projection).appliedVersions(['a'])).toEqual([undefined]);
      await store.promote(projection, '2');
      expect(await store.reader(projection).appliedVersions(['a', 'c'])).toEqual([undefined, 1]);
    });

    // Regression (fault suite, FLUSHALL): a view that lost an aggregate's history folded a later
    // event onto nothing, took its mark, and then refused the republished earlier events for good.
    it('refuses an event that skips ahead of what the view holds, until the earlier ones arrive', async () => {
      expect(await store.apply(projection, '1', mark('a', 3), [inc('n')])).toBe(false);
      expect(await store.readerOf(projection, '1').appliedVersion('a')).toBeUndefined();
      for (const version of [1, 2, 3]) expect(await store.apply(projection, '1', mark('a', version), [inc('n')])).toBe(true);
      expect(await store.apply(projection, '1', mark('a', 5), [inc('n')])).toBe(false);
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(3);
      expect(await view.appliedVersion('a')).toBe(3);
    });

    it('records an event with no writes, and the position of the last mark that had one', async () => {
      expect(await store.apply(projection, '1', mark('a', 1, 'backbone.tasks.v1:0:7'), [])).toBe(true);
      expect(await store.apply(projection, '1', mark('a', 2), [])).toBe(true);
      const view = store.readerOf(projection, '1');
      expect(await view.appliedVersion('a')).toBe(2);
      expect(await view.lastPosition()).toBe('backbone.tasks.v1:0:7');
    });

    it('makes none of the writes of a refused mark visible', async () => {
      await store.apply(projection, '1', mark('a', 1), [put('docs', 'd', { v: 'first' }), inc('n')]);
      const refused = [put('docs', 'd', { v: 'second' }), put('docs', 'e', {}), { op: 'addToSet', set: 's', member: 'x' }, inc('n')] as const;
      expect(await store.apply(projection, '1', mark('a', 1), refused)).toBe(false);
      expect(await store.apply(projection, '1', mark('a', 3), refused)).toBe(false);
      const view = store.readerOf(projection, '1');
      expect(await view.all('docs')).toEqual([{ v: 'first' }]);
      expect(await view.members('s')).toEqual([]);
      expect(await view.counter('n')).toBe(1);
    });

    it('writes nothing when one write of an event is invalid', async () => {
      await expect(store.apply(projection, '1', mark('a', 1), [put('docs', 'd', {}), inc('n', 0.5)])).rejects.toBeInstanceOf(BackboneError);
      const view = store.readerOf(projection, '1');
      expect(await view.all('docs')).toEqual([]);
      expect(await view.appliedVersion('a')).toBeUndefined();
    });

    it('writes nothing when a document of an event is not JSON', async () => {
      for (const doc of [{ n: 1n }, undefined, () => 1]) {
        await expect(store.apply(projection, '1', mark('a', 1), [inc('n'), put('docs', 'd', doc)])).rejects.toMatchObject({ code: 'internal' });
      }
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(0);
      expect(await view.appliedVersion('a')).toBeUndefined();
    });

    it('reads the live version at read time; promote switches readers and deletes the old version', async () => {
      const live = store.reader(projection);
      expect(await live.get('docs', 'd')).toBeUndefined();
      expect(await live.counter('n')).toBe(0);
      expect(await store.ensureLive(projection, '1')).toBe('1');
      expect(await store.ensureLive(projection, '9')).toBe('1');
      await store.apply(projection, '1', mark('a', 1), [put('docs', 'd', { v: 1 }), inc('n'), { op: 'addToSet', set: 's', member: 'old' }]);
      await store.apply(projection, '2', mark('a', 1), [put('docs', 'd', { v: 2 }), inc('n', 5)]);
      expect(await live.get('docs', 'd')).toEqual({ v: 1 });
      await store.promote(projection, '2');
      expect(await store.liveVersion(projection)).toBe('2');
      expect(await live.get('docs', 'd')).toEqual({ v: 2 });
      expect(await live.counter('n')).toBe(5);
      expect(await live.appliedVersion('a')).toBe(1);
      const old = store.readerOf(projection, '1');
      expect([await old.all('docs'), await old.counter('n'), await old.members('s'), await old.appliedVersion('a')]).toEqual([[], 0, [], undefined]);
    });

    it('refuses writes to a retired version and promoting it again', async () => {
      await store.promote(projection, '1');
      await store.promote(projection, '2');
      const write = store.apply(projection, '1', mark('a', 1), [inc('n')]);
      await expect(write).rejects.toSatisfy(isRetiredVersion);
      await expect(store.promote(projection, '1')).rejects.toMatchObject({ code: 'rule_violation' });
      expect(await store.readerOf(projection, '1').counter('n')).toBe(0);
    });

    it('drops a version being built but never the live one', async () => {
      await store.promote(projection, '1');
      await store.apply(projection, '2', mark('a', 1), [inc('n')]);
      await store.drop(projection, '2');
      expect(await store.readerOf(projection, '2').appliedVersion('a')).toBeUndefined();
      expect(await store.apply(projection, '2', mark('a', 1), [inc('n')])).toBe(true);
      await expect(store.drop(projection, '1')).rejects.toMatchObject({ code: 'rule_violation' });
    });

    it('holds a promoted version until released or expired', async () => {
      await store.promote(projection, '1', { holdMs: 10_000 });
      expect(await store.isHeld(projection, '1')).toBe(true);
      await store.release(projection, '1');
      expect(await store.isHeld(projection, '1')).toBe(false);
      await store.promote(projection, '2', { holdMs: 30 });
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(await store.isHeld(projection, '2')).toBe(false);
    });

    it('applies a mark once when two store instances race on the same subject', async () => {
      const other = fixture.openAnother();
      const attempts = Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? store : other).apply(projection, '1', mark('a', 1), [inc('n'), put('docs', 'd', { by: i })]),
      );
      const results = await Promise.all(attempts);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await other.readerOf(projection, '1').counter('n')).toBe(1);
    });

    it('applies a batch as one-by-one applies would: chains of a subject, duplicates and gaps inside it', async () => {
      await store.apply(projection, '1', mark('a', 1), [inc('n'), put('docs', 'a', { v: 1 })]);
      const applied = await store.applyBatch(projection, '1', [
        { mark: mark('a', 1), writes: [inc('n', 100), put('docs', 'a', { v: 'duplicate' })] },
        { mark: mark('a', 2), writes: [inc('n'), put('docs', 'a', { v: 2 })] },
        { mark: mark('b', 1, 'log:5'), writes: [inc('n'), { op: 'addToSet', set: 's', member: 'b' }] },
        { mark: mark('a', 3), writes: [inc('n'), put('docs', 'a', { v: 3 })] },
        { mark: mark('a', 3), writes: [inc('n', 100), put('docs', 'a', { v: 'duplicate' })] },
        { mark: mark('b', 3), writes: [inc('n', 100), { op: 'addToSet', set: 's', member: 'gap' }] },
        { mark: mark('b', 2), writes: [inc('n'), { op: 'removeFromSet', set: 's', member: 'b' }] },
        { mark: mark('c', 2), writes: [inc('n', 100), put('docs', 'c', { v: 'gap' })] },
        { mark: mark('b', 3), writes: [inc('n'), { op: 'delete', collection: 'docs', id: 'a' }] },
      ]);
      expect(applied).toBe(5);
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(6);
      expect(await view.all('docs')).toEqual([]);
      expect(await view.members('s')).toEqual([]);
      expect([await view.appliedVersion('a'), await view.appliedVersion('b'), await view.appliedVersion('c')]).toEqual([3, 3, undefined]);
      expect(await view.lastPosition()).toBe('log:5');
      expect(await store.applyBatch(projection, '1', [])).toBe(0);
      expect(await store.applyBatch(projection, '1', [{ mark: mark('a', 3), writes: [inc('n')] }])).toBe(0);
      expect(await view.counter('n')).toBe(6);
    });

    it('applies of a batch of chains only what follows the marks: chains started already, chains ahead of the view', async () => {
      await store.apply(projection, '1', mark('a', 1), [inc('n'), put('docs', 'a', { v: 1 })]);
      await store.apply(projection, '1', mark('a', 2), [inc('n'), put('docs', 'a', { v: 2 })]);
      const chains = [
        { mark: mark('a', 1), writes: [inc('n', 100), put('docs', 'a', { v: 'again' })] },
        { mark: mark('b', 1), writes: [inc('n'), put('docs', 'b', { v: 1 })] },
        { mark: mark('a', 2), writes: [inc('n', 100), put('docs', 'a', { v: 'again' })] },
        { mark: mark('a', 3), writes: [inc('n'), put('docs', 'a', { v: 3 })] },
        { mark: mark('c', 2), writes: [inc('n', 100), put('docs', 'c', { v: 'ahead' })] },
        { mark: mark('b', 2), writes: [inc('n'), { op: 'delete' as const, collection: 'docs', id: 'b' }] },
        { mark: mark('c', 3), writes: [inc('n', 100), put('docs', 'c', { v: 'ahead' })] },
      ];
      expect(await store.applyBatch(projection, '1', chains)).toBe(3);
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(5);
      expect(await view.all('docs')).toEqual([{ v: 3 }]);
      expect(await view.appliedVersions(['a', 'b', 'c'])).toEqual([3, 2, undefined]);
      // The same chains from where the view is now: all of them apply.
      expect(await store.applyBatch(projection, '1', [{ mark: mark('a', 4), writes: [inc('n')] }, { mark: mark('c', 1), writes: [inc('n')] }, { mark: mark('a', 5), writes: [inc('n')] }])).toBe(3);
      expect(await view.appliedVersions(['a', 'c'])).toEqual([5, 1]);
      expect(await view.counter('n')).toBe(8);
    });

    it('applies a large batch exactly, and a batch to a retired version throws and writes nothing', async () => {
      // More than one script's worth in the Redis store (4,000 items).
      const items = Array.from({ length: 4500 }, (_, i) => ({ mark: mark(`s${i % 7}`, Math.floor(i / 7) + 1), writes: [inc('n'), inc(`n:${i % 7}`)] }));
      expect(await store.applyBatch(projection, '1', items)).toBe(4500);
      expect(await store.readerOf(projection, '1').counter('n')).toBe(4500);
      expect(await store.readerOf(projection, '1').counter('n:6')).toBe(642);
      expect(await store.readerOf(projection, '1').appliedVersion('s0')).toBe(643);
      const big = 2 ** 50 + 3;
      expect(await store.applyBatch(projection, '1', [
        { mark: mark('big', 1), writes: [inc('big', big), inc('big', big)] },
        { mark: mark('big', 2), writes: [inc('big', -1)] },
      ])).toBe(2);
      expect(await store.readerOf(projection, '1').counter('big')).toBe(2 * big - 1);
      await store.promote(projection, '1');
      await store.promote(projection, '2');
      await expect(store.applyBatch(projection, '1', [{ mark: mark('x', 1), writes: [inc('n')] }])).rejects.toSatisfy(isRetiredVersion);
      expect(await store.readerOf(projection, '1').appliedVersion('x')).toBeUndefined();
    });

    it('writes nothing of a batch when one write of it is invalid', async () => {
      const batch = store.applyBatch(projection, '1', [
        { mark: mark('a', 1), writes: [inc('n')] },
        { mark: mark('a', 2), writes: [inc('n', Number.NaN)] },
      ]);
      await expect(batch).rejects.toBeInstanceOf(BackboneError);
      expect(await store.readerOf(projection, '1').appliedVersion('a')).toBeUndefined();
    });

    it('writes nothing of a batch whose last put of a document is not JSON', async () => {
      const batch = store.applyBatch(projection, '1', [
        { mark: mark('a', 1), writes: [inc('n'), put('docs', 'd', { ok: true })] },
        { mark: mark('b', 1), writes: [put('docs', 'e', { n: 1n })] },
      ]);
      await expect(batch).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('not JSON') });
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(0);
      expect(await view.all('docs')).toEqual([]);
      expect(await view.appliedVersions(['a', 'b'])).toEqual([undefined, undefined]);
    });

    it('writes a net batch atomically when every mark is still its start, and nothing when one moved', async () => {
      await store.apply(projection, '1', mark('a', 1), [inc('n'), put('docs', 'gone', { v: 0 }), { op: 'addToSet', set: 's', member: 'old' }]);
      await store.apply(projection, '1', mark('a', 2), [inc('n')]);
      const net = (marks: [string, number, number][], n: number, position?: string): NetBatch => ({
        marks: new Map(marks.map(([subject, from, to]) => [subject, { from, to }])),
        writes: [
          inc('n', n),
          put('docs', 'a', { v: n }),
          { op: 'delete', collection: 'docs', id: 'gone' },
          { op: 'addToSet', set: 's', member: 'b' },
          { op: 'removeFromSet', set: 's', member: 'old' },
        ],
        position,
      });
      const view = store.readerOf(projection, '1');

      expect(await store.applyNet(projection, '1', net([['a', 2, 5], ['b', 0, 1]], 4, 'log:9'))).toBe(true);
      expect(await view.counter('n')).toBe(6);
      expect(await view.all('docs')).toEqual([{ v: 4 }]);
      expect(await view.members('s')).toEqual(['b']);
      expect(await view.appliedVersions(['a', 'b'])).toEqual([5, 1]);
      expect(await view.lastPosition()).toBe('log:9');

      // b is at 1 now, not 0: nothing of the batch is written, a's mark included.
      expect(await store.applyNet(projection, '1', net([['a', 5, 6], ['b', 0, 2]], 100))).toBe(false);
      expect(await view.counter('n')).toBe(6);
      expect(await view.all('docs')).toEqual([{ v: 4 }]);
      expect(await view.appliedVersions(['a', 'b'])).toEqual([5, 1]);
      expect(await view.lastPosition()).toBe('log:9');
    });

    it('refuses a net batch that is malformed or aimed at a retired version, and writes nothing of it', async () => {
      const net = (writes: ViewWrite[], from = 0, to = 1): NetBatch => ({ marks: new Map([['a', { from, to }]]), writes, position: undefined });
      await expect(store.applyNet(projection, '1', net([inc('n', Number.NaN)]))).rejects.toMatchObject({ code: 'internal' });
      await expect(store.applyNet(projection, '1', net([inc('n')], 1, 1))).rejects.toMatchObject({ code: 'internal' });
      await expect(store.applyNet(projection, '1', net([inc('n'), put('docs', 'd', { n: 1n })]))).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('not JSON'),
      });
      const view = store.readerOf(projection, '1');
      expect(await view.counter('n')).toBe(0);
      expect(await view.appliedVersion('a')).toBeUndefined();
      await store.promote(projection, '1');
      await store.promote(projection, '2');
      await expect(store.applyNet(projection, '1', net([inc('n')]))).rejects.toSatisfy(isRetiredVersion);
      expect(await store.readerOf(projection, '1').appliedVersion('a')).toBeUndefined();
    });

    it('rejects names that cannot be key segments', async () => {
      await expect(store.apply('bad:name', '1', mark('a', 1), [])).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.apply(projection, 'v*', mark('a', 1), [])).rejects.toMatchObject({ code: 'invalid_input' });
    });
  });
}
