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
  // A first checkpoint is inserted only where there is none; a later one replaces only the one expected.
  const insertFirst = db.prepare('INSERT INTO relay_checkpoints (name, position, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING');
  const moveFrom = db.prepare('UPDATE relay_checkpoints SET position = ?, saved_at = ? WHERE name = ? AND position = ?');
  return {
    load: async (name) => select.get(name)?.position,
    save: async (name, position, expected) => {
      const savedAt = new Date().toISOString();
      const { changes } = expected === undefined ? insertFirst.run(name, position, savedAt) : moveFrom.run(position, savedAt, name, expected);
      return changes === 1;
    },
    close: async () => {
      if (owned) db.close();
    },
  };
}
