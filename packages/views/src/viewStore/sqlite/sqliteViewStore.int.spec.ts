import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { viewStoreContract } from '../viewStore.contract.ts';
import type { ViewStore } from '../viewStore.ts';
import { createSqliteViewStore } from './sqliteViewStore.ts';

describe('SQLite view store', () => {
  viewStoreContract('sqlite (file, two connections)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'views-'));
    const path = join(dir, 'views.db');
    const stores: ViewStore[] = [createSqliteViewStore({ path })];
    return {
      store: stores[0]!,
      openAnother() {
        const another = createSqliteViewStore({ path });
        stores.push(another);
        return another;
      },
      async cleanup() {
        await Promise.all(stores.map((s) => s.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });

  it('shares a connection it was given and leaves it open', async () => {
    const database = new Database(':memory:');
    const store = createSqliteViewStore({ database });
    await store.apply('board', '1', { subject: 'a', streamversion: 1 }, [{ op: 'increment', counter: 'n', by: 2 }]);
    await store.close();
    expect(database.prepare('SELECT value FROM view_counters').get()).toEqual({ value: 2 });
    database.close();
  });
});
