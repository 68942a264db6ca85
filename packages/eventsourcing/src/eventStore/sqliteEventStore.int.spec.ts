import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../sqlite/sqliteDatabase.ts';
import { describeEventStoreContract } from './eventStore.contract.ts';
import { VersionConflictError } from './eventStore.ts';
import { createSqliteEventStore } from './sqliteEventStore.ts';

const directory = mkdtempSync(join(tmpdir(), 'backbone-sqlite-store-'));
const file = join(directory, 'events.db');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeEventStoreContract('SQLite (separate connections to one file)', async () => createSqliteEventStore({ path: file }));

describe('SQLite event store on a shared connection', () => {
  it('shares the file with other tables and leaves the connection open on close', async () => {
    const database = openSqliteDatabase({ path: join(directory, 'shared.db') });
    try {
      database.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
      const store = createSqliteEventStore({ database });
      expect(await store.headPosition()).toBeUndefined();
      await store.close();
      expect(database.open).toBe(true);
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      database.close();
    }
  });
});

describe('SQLite event store group commit', () => {
  it('commits appends asked for together in one transaction, and fails only the one that conflicts', async () => {
    const database = openSqliteDatabase({ path: join(directory, 'group-commit.db') });
    const store = createSqliteEventStore({ database });
    try {
      const streams = Array.from({ length: 8 }, () => `group-${randomUUID()}`);
      const contested = streams[0]!;
      database.pragma('wal_checkpoint(TRUNCATE)');
      const outcomes = await Promise.allSettled([
        ...streams.map((stream) => store.append(stream, [probe(stream)], 'no_stream')),
        store.append(contested, [probe(contested)], 'no_stream'),
      ]);

      expect(outcomes.slice(0, 8).map((o) => o.status)).toEqual(Array(8).fill('fulfilled'));
      const loser = outcomes[8]!;
      expect(loser.status === 'rejected' && loser.reason).toBeInstanceOf(VersionConflictError);
      for (const stream of streams) expect(await store.readStream(stream)).toHaveLength(1);
      // Every commit adds at least one frame to the WAL: fewer frames than appends means they shared commits.
      const [{ log: frames }] = database.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
      expect(frames).toBeGreaterThan(0);
      expect(frames).toBeLessThan(streams.length);
    } finally {
      await store.close();
      database.close();
    }
  });

  it('answers an append asked for just before close', async () => {
    const store = createSqliteEventStore({ path: join(directory, 'close.db') });
    const stream = `closing-${randomUUID()}`;
    const appended = store.append(stream, [probe(stream)], 'no_stream');
    await store.close();
    await expect(appended).resolves.toMatchObject({ nextVersion: 1 });
  });
});

describe('SQLite event store across processes', () => {
  it('lets exactly one of three processes appending at the same expected version win', async () => {
    const stream = `race-${randomUUID()}`;
    const store = createSqliteEventStore({ path: file });
    try {
      await store.append(stream, [probe(stream)], 'no_stream');
      const here = dirname(fileURLToPath(import.meta.url));
      const startAt = String(Date.now() + 1500);
      const run = () =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', join(here, 'sqliteRaceWriter.fixture.ts'), file, stream, startAt], {
          cwd: here,
        });
      const outputs = (await Promise.all([run(), run(), run()])).map((o) => o.stdout.trim()).sort();
      expect(outputs).toEqual(['conflict', 'conflict', 'won']);
      expect((await store.readStream(stream)).map((e) => e.envelope.streamversion)).toEqual([1, 2]);
    } finally {
      await store.close();
    }
  });
});

function probe(stream: string) {
  return {
    specversion: '1.0' as const,
    id: randomUUID(),
    source: '/backbone/tasks',
    type: 'gov.backbone.tasks.ContractProbed.v1',
    time: new Date().toISOString(),
    subject: stream,
    datacontenttype: 'application/json' as const,
    data: {},
    correlationid: 'race',
    causationid: 'race',
    actor: 'system',
    streamversion: 1,
  };
}
