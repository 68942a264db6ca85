import Database from 'better-sqlite3';

/** A better-sqlite3 connection, as the SQLite adapters of this package accept it. */
export type SqliteDatabase = Database.Database;

export interface OpenSqliteDatabaseOptions {
  /** File path (created when missing). */
  readonly path: string;
  /** How long a writer waits for another process's lock before SQLITE_BUSY (ms). */
  readonly busyTimeoutMs?: number;
}

/**
 * Opens a SQLite file configured for several processes sharing it: WAL journal, a busy
 * timeout, and full fsync on commit (an acknowledged append is never lost).
 */
export function openSqliteDatabase(options: OpenSqliteDatabaseOptions): SqliteDatabase {
  const db = new Database(options.path);
  // The busy timeout first: switching to WAL itself needs the lock another process may hold.
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}
