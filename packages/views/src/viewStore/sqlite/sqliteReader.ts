import type Database from 'better-sqlite3';
import type { ViewReader } from '../viewStore.ts';

/** Ids per `getMany` statement: one statement reads them all (json_each), far cheaper than one per id. */
const GET_MANY_CHUNK = 500;

/** Looks `keys` up GET_MANY_CHUNK at a time (as a JSON array for json_each), answering in their order. */
function inChunks<R, V>(keys: readonly string[], query: (chunk: string) => R[], entry: (row: R) => [string, V]): (V | undefined)[] {
  const found = new Map<string, V>();
  for (let start = 0; start < keys.length; start += GET_MANY_CHUNK) {
    for (const row of query(JSON.stringify(keys.slice(start, start + GET_MANY_CHUNK)))) found.set(...entry(row));
  }
  return keys.map((key) => found.get(key));
}

type ReaderStatements = ReturnType<typeof prepareReaderStatements>;
/** The reader statements of each connection, prepared once: readers are made per batch (and per event when one is applied alone). */
const statementsOf = new WeakMap<Database.Database, ReaderStatements>();

/** Single values are plucked: no row object per read (a rebuild reads several per event). */
function prepareReaderStatements(db: Database.Database) {
  return {
    doc: db
      .prepare<[string, string, string, string], string>(
        'SELECT doc FROM view_documents WHERE projection = ? AND version = ? AND collection = ? AND id = ?',
      )
      .pluck(),
    docs: db.prepare<[string, string, string, string], { id: string; doc: string }>(
      'SELECT id, doc FROM view_documents WHERE projection = ? AND version = ? AND collection = ? AND id IN (SELECT value FROM json_each(?))',
    ),
    all: db
      .prepare<[string, string, string], string>(
        'SELECT doc FROM view_documents WHERE projection = ? AND version = ? AND collection = ? ORDER BY id',
      )
      .pluck(),
    members: db
      .prepare<[string, string, string], string>(
        'SELECT member FROM view_set_members WHERE projection = ? AND version = ? AND set_name = ? ORDER BY member',
      )
      .pluck(),
    counter: db
      .prepare<[string, string, string], number>('SELECT value FROM view_counters WHERE projection = ? AND version = ? AND name = ?')
      .pluck(),
    mark: db
      .prepare<[string, string, string], number>(
        'SELECT streamversion FROM view_marks WHERE projection = ? AND version = ? AND subject = ?',
      )
      .pluck(),
    marks: db.prepare<[string, string, string], { subject: string; streamversion: number }>(
      'SELECT subject, streamversion FROM view_marks WHERE projection = ? AND version = ? AND subject IN (SELECT value FROM json_each(?))',
    ),
    position: db
      .prepare<[string, string], string>('SELECT position FROM view_positions WHERE projection = ? AND version = ?')
      .pluck(),
  };
}

function statementsFor(db: Database.Database): ReaderStatements {
  let statements = statementsOf.get(db);
  if (statements === undefined) statementsOf.set(db, (statements = prepareReaderStatements(db)));
  return statements;
}

/**
 * A ViewReader over the SQLite tables. `version()` is called inside the same read
 * transaction as the query, so a reader of the live version never sees a half-promoted state;
 * a reader of a fixed version (a string) needs no transaction around its single statement.
 */
export function sqliteReader(db: Database.Database, projection: string, version: string | (() => string | undefined)): ViewReader {
  const prepared = statementsFor(db);
  const read = <R>(fallback: R, query: (v: string) => R): Promise<R> => {
    if (typeof version === 'string') return Promise.resolve(query(version));
    return Promise.resolve(
      db.transaction(() => {
        const v = version();
        return v === undefined ? fallback : query(v);
      })(),
    );
  };
  const getMany = <T>(v: string, collection: string, ids: readonly string[]): (T | undefined)[] =>
    inChunks(ids, (chunk) => prepared.docs.all(projection, v, collection, chunk), (row) => [row.id, row.doc]).map((doc) =>
      parse<T>(doc),
    );
  return {
    get: <T>(collection: string, id: string) =>
      read<T | undefined>(undefined, (v) => parse<T>(prepared.doc.get(projection, v, collection, id))),
    getMany: <T>(collection: string, ids: readonly string[]) =>
      read<(T | undefined)[]>(
        ids.map(() => undefined),
        (v) => (ids.length === 1 ? [parse<T>(prepared.doc.get(projection, v, collection, ids[0]!))] : getMany<T>(v, collection, ids)),
      ),
    members: (set: string) => read<string[]>([], (v) => prepared.members.all(projection, v, set)),
    counter: (counter: string) => read(0, (v) => prepared.counter.get(projection, v, counter) ?? 0),
    all: <T>(collection: string) => read<T[]>([], (v) => prepared.all.all(projection, v, collection).map((doc) => JSON.parse(doc) as T)),
    appliedVersion: (subject: string) => read<number | undefined>(undefined, (v) => prepared.mark.get(projection, v, subject)),
    appliedVersions: (subjects: readonly string[]) =>
      read<(number | undefined)[]>(
        subjects.map(() => undefined),
        (v) => inChunks(subjects, (chunk) => prepared.marks.all(projection, v, chunk), (row) => [row.subject, row.streamversion]),
      ),
    lastPosition: () => read<string | undefined>(undefined, (v) => prepared.position.get(projection, v)),
  };
}

function parse<T>(json: string | undefined): T | undefined {
  return json === undefined ? undefined : (JSON.parse(json) as T);
}
