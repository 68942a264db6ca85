import { ruleViolation } from '@backbone/contracts';
import Database from 'better-sqlite3';
import {
  assertApplicable,
  assertNetApplicable,
  assertViewName,
  documentJson,
  retiredCannotReturn,
  retiredVersion,
  type ApplyItem,
  type ApplyMark,
  type NetBatch,
  type PromoteOptions,
  type ViewStore,
  type ViewWrite,
} from '../viewStore.ts';
import { netOfBatch } from '../netOfBatch.ts';
import { sqliteReader } from './sqliteReader.ts';
import { VERSION_TABLES, createViewTables } from './sqliteSchema.ts';

export type SqliteViewStoreOptions = (
  | { /** A database file (created when missing); the store owns the connection. */ readonly path: string }
  | { /** An open connection (embedded mode shares one); left open on `close`. */ readonly database: Database.Database }
) & {
  /** Clock for holds (default `Date.now`). */
  readonly nowMs?: () => number;
};

/** The SQLite view store (embedded mode): same semantics as the Redis one, in `view_*` tables. */
export function createSqliteViewStore(options: SqliteViewStoreOptions): ViewStore {
  const owned = 'path' in options;
  const db = 'path' in options ? new Database(options.path) : options.database;
  const nowMs = options.nowMs ?? Date.now;
  if (owned) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    // Views are derived and rebuildable: in WAL, NORMAL never corrupts the file, it only may roll
    // back the last applies on a power loss (rebuild then). FULL would fsync once per event applied.
    db.pragma('synchronous = NORMAL');
  }
  createViewTables(db);

  const sql = {
    live: db.prepare<[string], { version: string }>('SELECT version FROM view_live WHERE projection = ?'),
    setLive: db.prepare<[string, string]>(
      'INSERT INTO view_live (projection, version) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET version = excluded.version',
    ),
    setLiveIfAbsent: db.prepare<[string, string]>('INSERT OR IGNORE INTO view_live (projection, version) VALUES (?, ?)'),
    isRetired: db.prepare<[string, string], { one: number }>(
      'SELECT 1 AS one FROM view_retired WHERE projection = ? AND version = ?',
    ),
    retire: db.prepare<[string, string]>('INSERT OR IGNORE INTO view_retired (projection, version) VALUES (?, ?)'),
    hold: db.prepare<[string, string, number]>(
      'INSERT INTO view_holds (projection, version, until_ms) VALUES (?, ?, ?) ON CONFLICT (projection, version) DO UPDATE SET until_ms = excluded.until_ms',
    ),
    heldUntil: db.prepare<[string, string], { until_ms: number }>(
      'SELECT until_ms FROM view_holds WHERE projection = ? AND version = ?',
    ),
    release: db.prepare<[string, string]>('DELETE FROM view_holds WHERE projection = ? AND version = ?'),
    mark: db
      .prepare<[string, string, string], number>('SELECT streamversion FROM view_marks WHERE projection = ? AND version = ? AND subject = ?')
      .pluck(),
    // A batch's marks in one statement: one lookup per subject inside SQLite, not one call each.
    marksOf: db
      .prepare<[string, string, string], [string, number]>(
        'SELECT subject, streamversion FROM view_marks WHERE projection = ? AND version = ? AND subject IN (SELECT value FROM json_each(?))',
      )
      .raw(),
    setMark: db.prepare<[string, string, string, number]>(
      'INSERT INTO view_marks (projection, version, subject, streamversion) VALUES (?, ?, ?, ?) ON CONFLICT (projection, version, subject) DO UPDATE SET streamversion = excluded.streamversion',
    ),
    setPosition: db.prepare<[string, string, string]>(
      'INSERT INTO view_positions (projection, version, position) VALUES (?, ?, ?) ON CONFLICT (projection, version) DO UPDATE SET position = excluded.position',
    ),
    put: db.prepare<[string, string, string, string, string]>(
      'INSERT INTO view_documents (projection, version, collection, id, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (projection, version, collection, id) DO UPDATE SET doc = excluded.doc',
    ),
    delete: db.prepare<[string, string, string, string]>(
      'DELETE FROM view_documents WHERE projection = ? AND version = ? AND collection = ? AND id = ?',
    ),
    addToSet: db.prepare<[string, string, string, string]>(
      'INSERT OR IGNORE INTO view_set_members (projection, version, set_name, member) VALUES (?, ?, ?, ?)',
    ),
    removeFromSet: db.prepare<[string, string, string, string]>(
      'DELETE FROM view_set_members WHERE projection = ? AND version = ? AND set_name = ? AND member = ?',
    ),
    increment: db.prepare<[string, string, string, number]>(
      'INSERT INTO view_counters (projection, version, name, value) VALUES (?, ?, ?, ?) ON CONFLICT (projection, version, name) DO UPDATE SET value = value + excluded.value',
    ),
    dropTable: VERSION_TABLES.map((table) =>
      db.prepare<[string, string]>(`DELETE FROM ${table} WHERE projection = ? AND version = ?`),
    ),
  };

  const liveOf = (projection: string) => sql.live.get(projection)?.version;
  const names = (projection: string, version: string) => {
    assertViewName('projection', projection);
    assertViewName('version', version);
  };

  /** Applies one event inside the caller's transaction; the caller checked the version is not retired. */
  const applyOne = (projection: string, version: string, mark: ApplyMark, writes: readonly ViewWrite[]): boolean => {
    const last = sql.mark.get(projection, version, mark.subject) ?? 0;
    if (mark.streamversion !== last + 1) return false;
    runWrites(projection, version, writes);
    sql.setMark.run(projection, version, mark.subject, mark.streamversion);
    if (mark.position !== undefined) sql.setPosition.run(projection, version, mark.position);
    return true;
  };

  const runWrites = (projection: string, version: string, writes: readonly ViewWrite[]): void => {
    for (const write of writes) {
      switch (write.op) {
        case 'put':
          sql.put.run(projection, version, write.collection, write.id, documentJson(write));
          break;
        case 'delete':
          sql.delete.run(projection, version, write.collection, write.id);
          break;
        case 'addToSet':
          sql.addToSet.run(projection, version, write.set, write.member);
          break;
        case 'removeFromSet':
          sql.removeFromSet.run(projection, version, write.set, write.member);
          break;
        case 'increment':
          sql.increment.run(projection, version, write.counter, write.by);
          break;
      }
    }
  };

  const applyTx = db.transaction((projection: string, version: string, mark: ApplyMark, writes: readonly ViewWrite[]) => {
    if (sql.isRetired.get(projection, version)) throw retiredVersion(projection, version);
    return applyOne(projection, version, mark, writes);
  });

  /** The marks of `subjects` in one statement (0 for an aggregate without one). */
  const storedMarks = (projection: string, version: string, subjects: Iterable<string>): Map<string, number> =>
    new Map(sql.marksOf.all(projection, version, JSON.stringify([...subjects])));

  /** Writes a net batch inside the caller's transaction: each row once, however many events moved it. */
  const writeNet = (projection: string, version: string, net: NetBatch): void => {
    runWrites(projection, version, net.writes);
    for (const [subject, { to }] of net.marks) sql.setMark.run(projection, version, subject, to);
    if (net.position !== undefined) sql.setPosition.run(projection, version, net.position);
  };

  const applyBatchTx = db.transaction((projection: string, version: string, items: readonly ApplyItem[]) => {
    if (sql.isRetired.get(projection, version)) throw retiredVersion(projection, version);
    // One transaction: only the batch's net effect is ever visible, so each row is written once.
    const subjects = new Set<string>();
    for (const { mark } of items) subjects.add(mark.subject);
    const stored = storedMarks(projection, version, subjects);
    const net = netOfBatch(items, (subject) => stored.get(subject) ?? 0);
    writeNet(projection, version, net);
    return net.applied;
  });

  const applyNetTx = db.transaction((projection: string, version: string, net: NetBatch) => {
    if (sql.isRetired.get(projection, version)) throw retiredVersion(projection, version);
    const stored = storedMarks(projection, version, net.marks.keys());
    for (const [subject, { from }] of net.marks) if ((stored.get(subject) ?? 0) !== from) return false;
    writeNet(projection, version, net);
    return true;
  });

  const promoteTx = db.transaction((projection: string, version: string, holdMs: number) => {
    if (sql.isRetired.get(projection, version)) throw retiredCannotReturn(projection, version);
    const previous = liveOf(projection);
    sql.setLive.run(projection, version);
    if (previous !== undefined && previous !== version) sql.retire.run(projection, previous);
    if (holdMs > 0) sql.hold.run(projection, version, nowMs() + holdMs);
    return previous;
  });

  const dropTx = db.transaction((projection: string, version: string) => {
    if (liveOf(projection) === version) {
      throw ruleViolation('live-view-version-cannot-be-dropped', `${version} is the live version of ${projection}`);
    }
    for (const statement of sql.dropTable) statement.run(projection, version);
  });

  return {
    reader(projection) {
      assertViewName('projection', projection);
      return sqliteReader(db, projection, () => liveOf(projection));
    },
    readerOf(projection, version) {
      names(projection, version);
      return sqliteReader(db, projection, version);
    },
    async apply(projection, version, mark, writes) {
      names(projection, version);
      assertApplicable(mark, writes);
      // IMMEDIATE takes the write lock up front, so two connections never both pass the check.
      return applyTx.immediate(projection, version, mark, writes);
    },
    async applyBatch(projection, version, items) {
      names(projection, version);
      for (const { mark, writes } of items) assertApplicable(mark, writes);
      return applyBatchTx.immediate(projection, version, items);
    },
    async applyNet(projection, version, net) {
      names(projection, version);
      assertNetApplicable(net);
      return applyNetTx.immediate(projection, version, net);
    },
    async liveVersion(projection) {
      return liveOf(projection);
    },
    async ensureLive(projection, version) {
      names(projection, version);
      sql.setLiveIfAbsent.run(projection, version);
      return liveOf(projection) ?? version;
    },
    async promote(projection, version, promoteOptions: PromoteOptions = {}) {
      names(projection, version);
      const previous = promoteTx.immediate(projection, version, Math.max(0, Math.round(promoteOptions.holdMs ?? 0)));
      if (previous !== undefined && previous !== version) dropTx.immediate(projection, previous);
    },
    async isHeld(projection, version) {
      names(projection, version);
      return (sql.heldUntil.get(projection, version)?.until_ms ?? 0) > nowMs();
    },
    async release(projection, version) {
      names(projection, version);
      sql.release.run(projection, version);
    },
    async drop(projection, version) {
      names(projection, version);
      dropTx.immediate(projection, version);
    },
    async close() {
      if (owned) db.close();
    },
  };
}
