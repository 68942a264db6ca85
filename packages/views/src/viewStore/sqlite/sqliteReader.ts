import type Database from 'better-sqlite3';
import type { ViewReader } from '../viewStore.ts';

/**
 * A ViewReader over the SQLite tables. `version()` is called inside the same read
 * transaction as the query, so a reader of the live version never sees a half-promoted state;
 * a reader of a fixed version (a string) needs no transaction around its single statement.
 */
export function sqliteReader(db: Database.Database, projection: string, version: string | (() => string | undefined)): ViewReader {
  const statements = {
    doc: db.prepare<[string, string, string, string], { doc: string }>(
      'SELECT doc FROM view_documents WHERE projection = ? AND version = ? AND collection = ? AND id = ?',
    ),
    all: db.prepare<[string, string, string], { doc: string }>(
      'SELECT doc FROM view_documents WHERE projection = ? AND version = ? AND collection = ? ORDER BY id',
    ),
    members: db.prepare<[string, string, string], { member: string }>(
      'SELECT member FROM view_set_members WHERE projection = ? AND version = ? AND set_name = ? ORDER BY member',
    ),
    counter: db.prepare<[string, string, string], { value: number }>(
      'SELECT value FROM view_counters WHERE projection = ? AND version = ? AND name = ?',
    ),
    mark: db.prepare<[string, string, string], { streamversion: number }>(
      'SELECT streamversion FROM view_marks WHERE projection = ? AND version = ? AND subject = ?',
    ),
    position: db.prepare<[string, string], { position: string }>(
      'SELECT position FROM view_positions WHERE projection = ? AND version = ?',
    ),
  };
  const read = <R>(fallback: R, query: (v: string) => R): Promise<R> => {
    if (typeof version === 'string') return Promise.resolve(query(version));
    return Promise.resolve(
      db.transaction(() => {
        const v = version();
        return v === undefined ? fallback : query(v);
      })(),
    );
  };

  return {
    get: <T>(collection: string, id: string) =>
      read<T | undefined>(undefined, (v) => parse<T>(statements.doc.get(projection, v, collection, id)?.doc)),
    getMany: <T>(collection: string, ids: readonly string[]) =>
      read<(T | undefined)[]>(
        ids.map(() => undefined),
        (v) => ids.map((id) => parse<T>(statements.doc.get(projection, v, collection, id)?.doc)),
      ),
    members: (set: string) => read<string[]>([], (v) => statements.members.all(projection, v, set).map((r) => r.member)),
    counter: (counter: string) => read(0, (v) => statements.counter.get(projection, v, counter)?.value ?? 0),
    all: <T>(collection: string) =>
      read<T[]>([], (v) => statements.all.all(projection, v, collection).map((r) => JSON.parse(r.doc) as T)),
    appliedVersion: (subject: string) =>
      read<number | undefined>(undefined, (v) => statements.mark.get(projection, v, subject)?.streamversion),
    appliedVersions: (subjects: readonly string[]) =>
      read<(number | undefined)[]>(
        subjects.map(() => undefined),
        (v) => subjects.map((subject) => statements.mark.get(projection, v, subject)?.streamversion),
      ),
    lastPosition: () => read<string | undefined>(undefined, (v) => statements.position.get(projection, v)?.position),
  };
}

function parse<T>(json: string | undefined): T | undefined {
  return json === undefined ? undefined : (JSON.parse(json) as T);
}
