import type Database from 'better-sqlite3';

/** The tables of the SQLite view store; every row is keyed by (projection, version, …). */
export function createViewTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS view_live (
      projection TEXT PRIMARY KEY, version TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS view_retired (
      projection TEXT NOT NULL, version TEXT NOT NULL, PRIMARY KEY (projection, version)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_holds (
      projection TEXT NOT NULL, version TEXT NOT NULL, until_ms INTEGER NOT NULL,
      PRIMARY KEY (projection, version)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_documents (
      projection TEXT NOT NULL, version TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL,
      doc TEXT NOT NULL, PRIMARY KEY (projection, version, collection, id)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_set_members (
      projection TEXT NOT NULL, version TEXT NOT NULL, set_name TEXT NOT NULL, member TEXT NOT NULL,
      PRIMARY KEY (projection, version, set_name, member)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_counters (
      projection TEXT NOT NULL, version TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL,
      PRIMARY KEY (projection, version, name)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_marks (
      projection TEXT NOT NULL, version TEXT NOT NULL, subject TEXT NOT NULL, streamversion INTEGER NOT NULL,
      PRIMARY KEY (projection, version, subject)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS view_positions (
      projection TEXT NOT NULL, version TEXT NOT NULL, position TEXT NOT NULL,
      PRIMARY KEY (projection, version)) WITHOUT ROWID;
  `);
}

/** Tables holding a version's data, deleted when the version is dropped. */
export const VERSION_TABLES = [
  'view_documents',
  'view_set_members',
  'view_counters',
  'view_marks',
  'view_positions',
  'view_holds',
] as const;
