import { BackboneError, type Envelope } from '@backbone/contracts';
import { groupCommit } from '../sqlite/groupCommit.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../sqlite/sqliteDatabase.ts';
import {
  VersionConflictError,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type ReadAllOptions,
  type StoredEvent,
} from './eventStore.ts';
import { checkStreamVersions } from './streamVersions.ts';

/** The largest page `readAll` returns, whatever `limit` asks for. */
export const SQLITE_READ_ALL_MAX_PAGE = 1000;

export type SqliteEventStoreOptions =
  /** Opens (and on `close` closes) its own connection to this file. */
  | { readonly path: string; readonly busyTimeoutMs?: number }
  /** Uses a connection shared with other tables of the same file; `close` leaves it open. */
  | { readonly database: SqliteDatabase };

interface EventRow {
  readonly position: number;
  readonly stream: string;
  readonly envelope: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    time TEXT NOT NULL,
    envelope TEXT NOT NULL,
    UNIQUE (stream, stream_version)
  )`;

/** The embedded event store: one `events` table in a SQLite file that several processes may share. */
export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const ownsDatabase = !('database' in options);
  const db = 'database' in options ? options.database : openSqliteDatabase(options);
  db.exec(SCHEMA);

  const streamVersion = db.prepare<[string], { version: number | null }>(
    'SELECT MAX(stream_version) AS version FROM events WHERE stream = ?',
  );
  const lastPositionOfStream = db.prepare<[string], { position: number | null }>(
    'SELECT MAX(position) AS position FROM events WHERE stream = ?',
  );
  const insert = db.prepare<[string, number, string, string, string, string]>(
    'INSERT INTO events (stream, stream_version, event_id, type, time, envelope) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const selectStream = db.prepare<[string, number], EventRow>(
    'SELECT position, stream, envelope FROM events WHERE stream = ? AND stream_version >= ? ORDER BY stream_version',
  );
  const selectAll = db.prepare<[number, number], EventRow>(
    'SELECT position, stream, envelope FROM events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const selectHead = db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events');

  // Group commit: the appends asked for during one turn of the event loop share one transaction and
  // one fsync (synchronous=FULL); each caller is answered once the COMMIT holding its events returned.
  const appends = groupCommit(db, ({ stream, events, expected }: AppendJob): AppendResult => {
    const actual = streamVersion.get(stream)?.version ?? 0;
    checkStreamVersions(stream, events, expected, actual);
    if (events.length === 0) return { nextVersion: actual, lastPosition: lastPositionOfStream.get(stream)?.position ?? 0 };
    let lastPosition = 0;
    for (const envelope of events) {
      const row = insert.run(stream, envelope.streamversion, envelope.id, envelope.type, envelope.time, JSON.stringify(envelope));
      lastPosition = Number(row.lastInsertRowid);
    }
    return { nextVersion: actual + events.length, lastPosition };
  });

  const toStored = (row: EventRow): StoredEvent => ({
    stream: row.stream,
    position: row.position,
    envelope: JSON.parse(row.envelope) as Envelope,
  });

  return {
    append(stream, events, expected) {
      return appends.submit({ stream, events, expected }).catch((error: unknown) => {
        throw explain(error, stream);
      });
    },
    async readStream(stream, readOptions) {
      return selectStream.all(stream, readOptions?.fromVersion ?? 1).map(toStored);
    },
    async readAll(readOptions: ReadAllOptions = {}) {
      const limit = Math.min(Math.max(0, Math.trunc(readOptions.limit ?? SQLITE_READ_ALL_MAX_PAGE)), SQLITE_READ_ALL_MAX_PAGE);
      return selectAll.all(readOptions.after ?? 0, limit).map(toStored);
    },
    async headPosition() {
      return selectHead.get()?.position ?? undefined;
    },
    async close() {
      // Appends already asked for are written (or refused) before the connection goes.
      if (db.open) appends.flush();
      if (ownsDatabase && db.open) db.close();
    },
  };
}

interface AppendJob {
  readonly stream: string;
  readonly events: readonly Envelope[];
  readonly expected: ExpectedVersion;
}

/** What an append that failed tells its caller: conflicts and contract errors as they are, a duplicate event id as a bug. */
function explain(error: unknown, stream: string): unknown {
  if (error instanceof VersionConflictError || error instanceof BackboneError) return error;
  if (isUniqueViolation(error, 'events.event_id')) {
    return new BackboneError('internal', `an event id appended to ${stream} is already stored`, { cause: error });
  }
  return error;
}

function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(column)
  );
}
