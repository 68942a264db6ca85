import { openSqliteDatabase } from '@backbone/eventsourcing';
import type { SqliteDatabase } from '@backbone/eventsourcing';
import type { ExternalRefRegistry } from './externalRefRegistry.ts';
import type { PersonalData, PersonalDataStore } from './personalDataStore.ts';

export interface SqlitePersonalDataOptions {
  /** The talent service's own file (created when missing), e.g. DATA_DIR/talent-personal.db. */
  readonly path: string;
}

/** The talent service's personal-data file: the records and the external-id index. */
export interface SqlitePersonalData {
  readonly personalData: PersonalDataStore;
  readonly externalRefs: ExternalRefRegistry;
  close(): void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS talent_personal_data (
    person_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    contact TEXT,
    identity_number TEXT
  );
  CREATE TABLE IF NOT EXISTS talent_external_refs (
    ref_hash TEXT NOT NULL,
    person_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'registered')),
    claimed_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS talent_external_refs_by_hash ON talent_external_refs (ref_hash);
  CREATE INDEX IF NOT EXISTS talent_external_refs_by_person ON talent_external_refs (person_id);
`;

interface PersonalDataRow {
  readonly name: string;
  readonly contact: string | null;
  readonly identity_number: string | null;
}

interface ClaimRow {
  readonly person_id: string;
  readonly state: 'pending' | 'registered';
  readonly claimed_at: number;
}

/**
 * Opens the personal-data file of the talent service (its own SQLite file, in both modes:
 * personal data never leaves the owning service). `secure_delete` overwrites erased records
 * in the file, and an erasure checkpoints the WAL, so an erased name does not linger on disk.
 */
export function openSqlitePersonalData(options: SqlitePersonalDataOptions): SqlitePersonalData {
  const db = openSqliteDatabase({ path: options.path });
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  return { personalData: personalDataStore(db), externalRefs: externalRefRegistry(db), close: () => db.close() };
}

function personalDataStore(db: SqliteDatabase): PersonalDataStore {
  const upsert = db.prepare(
    `INSERT INTO talent_personal_data (person_id, name, contact, identity_number) VALUES (?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET name = excluded.name, contact = excluded.contact, identity_number = excluded.identity_number`,
  );
  const select = db.prepare<[string], PersonalDataRow>('SELECT name, contact, identity_number FROM talent_personal_data WHERE person_id = ?');
  const remove = db.prepare('DELETE FROM talent_personal_data WHERE person_id = ?');
  return {
    async put(personId, data) {
      upsert.run(personId, data.name, data.contact ?? null, data.identityNumber ?? null);
    },
    async get(personId) {
      const row = select.get(personId);
      if (row === undefined) return undefined;
      const data: PersonalData = {
        name: row.name,
        ...(row.contact === null ? {} : { contact: row.contact }),
        ...(row.identity_number === null ? {} : { identityNumber: row.identity_number }),
      };
      return data;
    },
    async erase(personId) {
      const removed = remove.run(personId).changes > 0;
      // Moves the overwritten pages out of the WAL into the file; busy readers only delay it.
      if (removed) db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
  };
}

function externalRefRegistry(db: SqliteDatabase): ExternalRefRegistry {
  // The unique index decides between two simultaneous claims, whichever connection they use.
  const insert = db.prepare(
    `INSERT INTO talent_external_refs (ref_hash, person_id, state, claimed_at) VALUES (?, ?, 'pending', ?)
     ON CONFLICT (ref_hash) DO NOTHING`,
  );
  const select = db.prepare<[string], ClaimRow>('SELECT person_id, state, claimed_at FROM talent_external_refs WHERE ref_hash = ?');
  const confirm = db.prepare(`UPDATE talent_external_refs SET state = 'registered' WHERE ref_hash = ? AND person_id = ?`);
  const release = db.prepare('DELETE FROM talent_external_refs WHERE ref_hash = ? AND person_id = ?');
  const releasePerson = db.prepare('DELETE FROM talent_external_refs WHERE person_id = ?');
  return {
    async claim(hash, personId, at) {
      return insert.run(hash, personId, at.getTime()).changes === 1;
    },
    async holder(hash) {
      const row = select.get(hash);
      return row === undefined ? undefined : { personId: row.person_id, state: row.state, claimedAt: new Date(row.claimed_at) };
    },
    async confirm(hash, personId) {
      confirm.run(hash, personId);
    },
    async release(hash, personId) {
      return release.run(hash, personId).changes > 0;
    },
    async releasePerson(personId) {
      releasePerson.run(personId);
    },
  };
}
