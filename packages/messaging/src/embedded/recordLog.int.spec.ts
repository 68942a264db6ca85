import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordLog, partitionFor } from './recordLog.ts';

const dir = mkdtempSync(join(tmpdir(), 'record-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Longer than the window in which a log reuses what it read without asking whether the file changed. */
const pastTheCheckWindow = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('embedded record log', () => {
  it('sees heads, records and commits that another connection wrote after it had read them', async () => {
    const path = join(dir, 'two-connections.db');
    const mine = openRecordLog({ path });
    const other = openRecordLog({ path });
    try {
      mine.ensureTopics(['t'], 1);
      expect(mine.head('t', 0)).toBe(0);
      expect(mine.read('t', 0, 0, 10)).toEqual([]);
      expect(mine.committed('g', 't', 0)).toBeUndefined();

      await other.append('t', [{ key: 'k', value: 'from the other', headers: {} }]);
      other.commit('g', 't', 0, 1);
      await pastTheCheckWindow();

      expect(mine.head('t', 0)).toBe(1);
      expect(mine.read('t', 0, 0, 10).map((r) => r.value)).toEqual(['from the other']);
      expect(mine.committed('g', 't', 0)).toBe(1);
    } finally {
      mine.close();
      other.close();
    }
  });

  it('writes the appends asked for in one turn in one commit, and answers each once it is durable', async () => {
    const database = new Database(join(dir, 'group-commit.db'));
    const log = openRecordLog({ database });
    try {
      const topics = Array.from({ length: 8 }, (_, i) => `topic-${i}`);
      log.ensureTopics(topics, 1);
      database.pragma('wal_checkpoint(TRUNCATE)');
      await Promise.all(topics.map((topic) => log.append(topic, [{ key: 'k', value: topic, headers: {} }])));
      for (const topic of topics) expect(log.read(topic, 0, 0, 10).map((r) => r.value)).toEqual([topic]);
      // Every commit adds at least one frame to the WAL: fewer frames than appends means they shared commits.
      const [{ log: frames }] = database.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
      expect(frames).toBeGreaterThan(0);
      expect(frames).toBeLessThan(topics.length);
      await expect(log.append('no-such-topic', [{ key: 'k', value: 'v', headers: {} }])).rejects.toThrow(/does not exist/);
    } finally {
      log.close();
      database.close();
    }
  });

  it('continues the offsets of a partition another connection appended to, whatever it remembered', async () => {
    const path = join(dir, 'interleaved.db');
    const mine = openRecordLog({ path });
    const other = openRecordLog({ path });
    try {
      mine.ensureTopics(['t'], 1);
      await mine.append('t', [{ key: 'a', value: '1', headers: {} }]);
      await other.append('t', [{ key: 'b', value: '2', headers: {} }]);
      // No wait: the append reads the head inside its write transaction, not from memory.
      await mine.append('t', [{ key: 'c', value: '3', headers: {} }]);
      await pastTheCheckWindow();
      expect(mine.read('t', partitionFor('c', 1), 0, 10).map((r) => [r.offset, r.value])).toEqual([
        [0, '1'],
        [1, '2'],
        [2, '3'],
      ]);
      expect(mine.head('t', 0)).toBe(3);
    } finally {
      mine.close();
      other.close();
    }
  });
});
