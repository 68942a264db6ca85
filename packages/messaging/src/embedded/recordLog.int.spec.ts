import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

      other.append('t', [{ key: 'k', value: 'from the other', headers: {} }]);
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

  it('continues the offsets of a partition another connection appended to, whatever it remembered', async () => {
    const path = join(dir, 'interleaved.db');
    const mine = openRecordLog({ path });
    const other = openRecordLog({ path });
    try {
      mine.ensureTopics(['t'], 1);
      mine.append('t', [{ key: 'a', value: '1', headers: {} }]);
      other.append('t', [{ key: 'b', value: '2', headers: {} }]);
      // No wait: the append reads the head inside its write transaction, not from memory.
      mine.append('t', [{ key: 'c', value: '3', headers: {} }]);
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
