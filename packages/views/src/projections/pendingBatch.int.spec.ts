import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteViewStore } from '../viewStore/sqlite/sqliteViewStore.ts';
import type { ApplyItem, ViewStore } from '../viewStore/viewStore.ts';
import { pendingBatch } from './pendingBatch.ts';

interface Doc {
  name: string;
  tags: string[];
}

describe('pendingBatch over the SQLite view store', () => {
  let dir: string;
  let store: ViewStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pending-batch-'));
    store = createSqliteViewStore({ path: join(dir, 'views.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (subject: string, streamversion: number, id: string, doc: Doc) => ({
    mark: { subject, streamversion },
    writes: [{ op: 'put' as const, collection: 'docs', id, doc }],
  });

  it('hands readers of a pending document the written object, frozen with all it holds', async () => {
    const batch = pendingBatch(store.readerOf('p', '1'));
    const written: Doc = { name: 'a', tags: ['x'] };
    await batch.add(put('agg-1', 1, 'doc-1', written));

    const read = await batch.reader.get<Doc>('docs', 'doc-1');
    expect(read).toBe(written);
    expect(() => read!.tags.push('changed by a reader')).toThrow(TypeError);
    expect(() => {
      read!.name = 'changed by a reader';
    }).toThrow(TypeError);
    expect(await batch.reader.getMany<Doc>('docs', ['doc-1'])).toEqual([{ name: 'a', tags: ['x'] }]);
  });

  it('applies what the put held when it was added', async () => {
    const batch = pendingBatch(store.readerOf('p', '1'));
    await batch.add(put('agg-1', 1, 'doc-1', { name: 'a', tags: [] }));
    const read = await batch.reader.get<Doc>('docs', 'doc-1');
    await batch.add(put('agg-1', 2, 'doc-1', { ...read!, tags: [...read!.tags, 'y'] }));

    expect(await store.applyNet('p', '1', batch.net())).toBe(true);
    expect(await store.readerOf('p', '1').get<Doc>('docs', 'doc-1')).toEqual({ name: 'a', tags: ['y'] });
    expect(await store.readerOf('p', '1').appliedVersion('agg-1')).toBe(2);
  });

  it('refuses a batch whose last put of a document is not JSON, and writes none of it', async () => {
    const batch = pendingBatch(store.readerOf('p', '1'));
    await batch.add(put('agg-1', 1, 'doc-1', { name: 'a', tags: [] }));
    await batch.add({ mark: { subject: 'agg-2', streamversion: 1 }, writes: [{ op: 'put', collection: 'docs', id: 'doc-2', doc: { n: 1n } }] });

    await expect(store.applyNet('p', '1', batch.net())).rejects.toMatchObject({ code: 'internal', message: 'document docs/doc-2 is not JSON' });
    expect(await store.readerOf('p', '1').get('docs', 'doc-1')).toBeUndefined();
    expect(await store.readerOf('p', '1').appliedVersion('agg-1')).toBeUndefined();
  });

  it('holds the net that applyNet writes as applyBatch would write the items', async () => {
    const inc = (counter: string, by: number) => ({ op: 'increment' as const, counter, by });
    const items: ApplyItem[] = [
      { mark: { subject: 'a', streamversion: 1 }, writes: [inc('n', 100)] }, // a duplicate: a is at 1 already
      { mark: { subject: 'a', streamversion: 2 }, writes: [inc('n', 1), { op: 'put', collection: 'docs', id: 'a', doc: { name: 'a2', tags: [] } }] },
      { mark: { subject: 'b', streamversion: 1, position: 'log:7' }, writes: [inc('n', 2), { op: 'addToSet', set: 's', member: 'b' }] },
      { mark: { subject: 'c', streamversion: 2 }, writes: [inc('n', 100)] }, // a gap: c has no event 1
      { mark: { subject: 'a', streamversion: 3 }, writes: [inc('n', -1), { op: 'delete', collection: 'docs', id: 'old' }, { op: 'removeFromSet', set: 's', member: 'old' }] },
      { mark: { subject: 'b', streamversion: 2 }, writes: [inc('zero', 1), inc('zero', -1), { op: 'removeFromSet', set: 's', member: 'b' }] },
    ];
    const state = async (version: string) => {
      const view = store.readerOf('p', version);
      return [await view.counter('n'), await view.counter('zero'), await view.all('docs'), await view.members('s'), await view.appliedVersions(['a', 'b', 'c']), await view.lastPosition()];
    };
    const batch = pendingBatch(store.readerOf('p', '2'));
    for (const version of ['1', '2']) {
      await store.apply('p', version, { subject: 'a', streamversion: 1 }, [
        { op: 'put', collection: 'docs', id: 'old', doc: { name: 'old', tags: [] } },
        { op: 'addToSet', set: 's', member: 'old' },
      ]);
    }
    const applies: boolean[] = [];
    for (const item of items) applies.push(await batch.add(item));
    expect(applies).toEqual([false, true, true, false, true, true]);

    expect(batch.size).toBe(items.length);
    expect(batch.net().marks).toEqual(new Map([['a', { from: 1, to: 3 }], ['b', { from: 0, to: 2 }]]));
    expect(await store.applyBatch('p', '1', items)).toBe(4);
    expect(await store.applyNet('p', '2', batch.net())).toBe(true);
    expect(await state('2')).toEqual(await state('1'));
    expect(await state('2')).toEqual([2, 0, [{ name: 'a2', tags: [] }], [], [3, 2, undefined], 'log:7']);
    batch.clear();
    expect([batch.size, batch.net()]).toEqual([0, { marks: new Map(), writes: [], position: undefined }]);
  });

  it('answers a read of a document no pending write touched from the store', async () => {
    await store.apply('p', '1', { subject: 'agg-2', streamversion: 1 }, [{ op: 'put', collection: 'docs', id: 'doc-2', doc: { name: 'stored', tags: [] } }]);
    const batch = pendingBatch(store.readerOf('p', '1'));
    await batch.add(put('agg-1', 1, 'doc-1', { name: 'pending', tags: [] }));
    expect(await batch.reader.getMany<Doc>('docs', ['doc-2', 'doc-1', 'doc-3'])).toEqual([
      { name: 'stored', tags: [] },
      { name: 'pending', tags: [] },
      undefined,
    ]);
  });
});
