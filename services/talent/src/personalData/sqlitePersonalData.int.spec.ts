import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '@backbone/eventsourcing';
import { describeExternalRefRegistryContract } from './externalRefRegistry.contract.ts';
import { describePersonalDataStoreContract } from './personalDataStore.contract.ts';
import { openSqlitePersonalData } from './sqlitePersonalData.ts';
import type { SqlitePersonalData } from './sqlitePersonalData.ts';

const dir = mkdtempSync(join(tmpdir(), 'talent-personal-'));
const file = join(dir, 'talent-personal.db');
const opened: SqlitePersonalData[] = [];
const open = () => {
  const stores = openSqlitePersonalData({ path: file });
  opened.push(stores);
  return stores;
};
const shared = open();

afterAll(() => {
  for (const stores of opened.splice(0)) stores.close();
  rmSync(dir, { recursive: true, force: true });
});

describePersonalDataStoreContract('sqlite', async () => shared.personalData);
describePersonalDataStoreContract('sqlite, reopened file', async () => open().personalData);
describeExternalRefRegistryContract('sqlite', async () => shared.externalRefs, async () => open().externalRefs);

describe('sqlite personal data on disk', () => {
  it('keeps records across a reopen of the file', async () => {
    await shared.personalData.put('talent-person-kept', { name: '李华', contact: 'li@example.org' });
    const reopened = open();
    expect(await reopened.personalData.get('talent-person-kept')).toStrictEqual({ name: '李华', contact: 'li@example.org' });
  });

  it('an erased name is no longer anywhere in the file or its WAL', async () => {
    const name = 'Erasable-Name-7f3a9c';
    await shared.personalData.put('talent-person-erasable', { name, identityNumber: 'ID-7f3a9c-0001' });
    expect(await shared.personalData.erase('talent-person-erasable')).toBe(true);
    for (const path of [file, `${file}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(name))).toBe(false);
      expect(bytes.includes(Buffer.from('ID-7f3a9c-0001'))).toBe(false);
    }
  });

  it('the external-id index is UNIQUE in the schema itself', () => {
    const db = openSqliteDatabase({ path: file });
    try {
      const index = db.prepare<[], { unique: number; name: string }>("PRAGMA index_list('talent_external_refs')").all();
      expect(index.find((i) => i.name === 'talent_external_refs_by_hash')?.unique).toBe(1);
    } finally {
      db.close();
    }
  });
});
