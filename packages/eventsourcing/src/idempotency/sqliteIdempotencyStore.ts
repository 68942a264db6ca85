import { openSqliteDatabase, type SqliteDatabase } from '../sqlite/sqliteDatabase.ts';
import {
  DEFAULT_IN_FLIGHT_TTL_MS,
  DEFAULT_RESULT_TTL_MS,
  type IdempotencyStore,
  type IdempotencyTtlOptions,
  type Reservation,
} from './idempotencyStore.ts';

export type SqliteIdempotencyStoreOptions = IdempotencyTtlOptions & {
  /** Current time in ms; expiry is judged by it. */
  readonly now?: () => number;
} & (
    | { readonly path: string; readonly busyTimeoutMs?: number }
    /** A connection shared with the event store's file; `close` leaves it open. */
    | { readonly database: SqliteDatabase }
  );

interface KeyRow {
  readonly request_hash: string;
  readonly state: 'in_flight' | 'done';
  readonly result: string | null;
  readonly expires_at: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
    result TEXT,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  )`;

/** Idempotency keys in an `idempotency_keys` table of a SQLite file. */
export function createSqliteIdempotencyStore(options: SqliteIdempotencyStoreOptions): IdempotencyStore {
  const ownsDatabase = !('database' in options);
  const db = 'database' in options ? options.database : openSqliteDatabase(options);
  const now = options.now ?? Date.now;
  const inFlightTtlMs = options.inFlightTtlMs ?? DEFAULT_IN_FLIGHT_TTL_MS;
  const resultTtlMs = options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
  db.exec(SCHEMA);

  const select = db.prepare<[string, string], KeyRow>(
    'SELECT request_hash, state, result, expires_at FROM idempotency_keys WHERE scope = ? AND key = ?',
  );
  const claim = db.prepare<[string, string, string, number]>(
    `INSERT OR REPLACE INTO idempotency_keys (scope, key, request_hash, state, result, expires_at)
     VALUES (?, ?, ?, 'in_flight', NULL, ?)`,
  );
  const markDone = db.prepare<[string, number, string, string]>(
    `UPDATE idempotency_keys SET state = 'done', result = ?, expires_at = ?
     WHERE scope = ? AND key = ? AND state = 'in_flight'`,
  );
  const removeInFlight = db.prepare<[string, string]>(
    `DELETE FROM idempotency_keys WHERE scope = ? AND key = ? AND state = 'in_flight'`,
  );

  const reserveInTransaction = db.transaction((scope: string, key: string, requestHash: string): Reservation => {
    const at = now();
    const row = select.get(scope, key);
    if (!row || row.expires_at <= at) {
      claim.run(scope, key, requestHash, at + inFlightTtlMs);
      return { state: 'new' };
    }
    if (row.request_hash !== requestHash) return { state: 'mismatch' };
    if (row.state === 'done') return { state: 'done', result: JSON.parse(row.result ?? 'null') as unknown };
    return { state: 'in_flight' };
  });

  return {
    async reserve(scope, key, requestHash) {
      return reserveInTransaction.immediate(scope, key, requestHash);
    },
    async complete(scope, key, result) {
      markDone.run(JSON.stringify(result) ?? 'null', now() + resultTtlMs, scope, key);
    },
    async release(scope, key) {
      removeInFlight.run(scope, key);
    },
    async close() {
      if (ownsDatabase && db.open) db.close();
    },
  };
}
