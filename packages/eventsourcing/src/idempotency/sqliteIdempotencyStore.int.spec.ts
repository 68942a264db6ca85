import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '../eventStore/sqliteEventStore.ts';
import { openSqliteDatabase } from '../sqlite/sqliteDatabase.ts';
import { describeIdempotencyStoreContract } from './idempotencyStore.contract.ts';
import { createSqliteIdempotencyStore } from './sqliteIdempotencyStore.ts';

const directory = mkdtempSync(join(tmpdir(), 'backbone-sqlite-idempotency-'));
const file = join(directory, 'backbone.db');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeIdempotencyStoreContract('SQLite', async (ttl) => createSqliteIdempotencyStore({ path: file, ...ttl }));

describe('SQLite idempotency store beside the event store', () => {
  it('shares one connection with the event store', async () => {
    const database = openSqliteDatabase({ path: join(directory, 'shared.db') });
    try {
      const events = createSqliteEventStore({ database });
      const keys = createSqliteIdempotencyStore({ database });
      expect(await keys.reserve('s', 'k', 'h')).toEqual({ state: 'new' });
      expect(await events.headPosition()).toBeUndefined();
      await keys.close();
      await events.close();
      expect(database.open).toBe(true);
    } finally {
      database.close();
    }
  });
});
