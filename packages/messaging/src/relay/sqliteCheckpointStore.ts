import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { CheckpointStore } from './checkpointStore.ts';

export type SqliteCheckpointStoreOptions = { readonly path: string } | { readonly database: SqliteDatabase };

/** Relay checkpoints in their own table (`relay_checkpoints`); the file may hold the event store too. */
export function createSqliteCheckpointStore(options: SqliteCheckpointStoreOptions): CheckpointStore & { close(): Promise<void> } {
  const owned = 'path' in options;
  const db = owned ? new Database(options.path) : options.database;
  if (owned) {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
  }
  db.exec(`CREATE TABLE IF NOT EXISTS relay_checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    saved_at TEXT NOT NULL
  )`);
  const select = db.prepare<[string], { position: number }>('SELECT position FROM relay_checkpoints WHERE name = ?');
  const upsert = db.prepare(
    `INSERT INTO relay_checkpoints (name, position, saved_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET position = excluded.position, saved_at = excluded.saved_at`,
  );
  return {
    load: async (name) => select.get(name)?.position,
    save: async (name, position) => void upsert.run(name, position, new Date().toISOString()),
    close: async () => {
      if (owned) db.close();
    },
  };
}
