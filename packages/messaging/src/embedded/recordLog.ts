import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { groupCommit } from '@backbone/eventsourcing';
import type { BusRecord } from '../bus/bus.ts';

/** A record as the embedded log holds it. */
export interface LoggedRecord extends BusRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** Where the embedded log lives: a file, or a database the caller owns (and closes). */
export type RecordLogLocation = { readonly path: string } | { readonly database: SqliteDatabase };

/** The SQLite tables behind the embedded bus: topics, records per partition, group offsets. */
export interface RecordLog {
  ensureTopics(topics: readonly string[], partitions: number): void;
  /** Partition count of a topic, or undefined when it does not exist. */
  partitions(topic: string): number | undefined;
  /**
   * Appends records (offsets follow each partition's head); resolves once they are committed
   * and durable. Appends asked for in one turn of the event loop share that commit.
   */
  append(topic: string, records: readonly BusRecord[]): Promise<void>;
  read(topic: string, partition: number, fromOffset: number, limit: number): LoggedRecord[];
  /** The offset the next record of the partition will get. */
  head(topic: string, partition: number): number;
  /** The next offset the group will read, or undefined when it never committed. */
  committed(group: string, topic: string, partition: number): number | undefined;
  commit(group: string, topic: string, partition: number, nextOffset: number): void;
  close(): void;
}

/** FNV-1a over the key's UTF-8 bytes: the same key always lands in the same partition. */
export function partitionFor(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS bus_topics (
    name TEXT PRIMARY KEY,
    partitions INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS bus_records (
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    offset INTEGER NOT NULL,
    key TEXT NOT NULL,
    headers TEXT NOT NULL,
    value TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (topic, partition, offset)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS bus_group_offsets (
    consumer_group TEXT NOT NULL,
    topic TEXT NOT NULL,
    partition INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (consumer_group, topic, partition)
  ) WITHOUT ROWID;
`;

interface AppendJob {
  readonly topic: string;
  readonly partitions: number;
  readonly records: readonly BusRecord[];
}

interface RecordRow {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  headers: string;
  value: string;
}

/**
 * How long what this connection read of heads and commits may be reused before `PRAGMA
 * data_version` is asked whether another connection (another process, or another log on the
 * same file) committed since: a change made elsewhere is seen at most this much later.
 */
const FOREIGN_CHANGES_CHECK_MS = 1;

/**
 * Opens (and creates if needed) the embedded log in a SQLite database in WAL mode.
 *
 * Consumers ask for heads, committed offsets and partition counts many times per record
 * (each wake of each group member looks at every partition it owns), and each such SELECT
 * opens a read transaction. The log keeps what it read or wrote in memory instead: its own
 * writes update it, partition counts never change once a topic exists, and everything else
 * is dropped whenever `data_version` says another connection committed to the file. The
 * tables must therefore be written only through a RecordLog (on its connection, or another).
 */
export function openRecordLog(location: RecordLogLocation): RecordLog {
  const owned = 'path' in location;
  const db = owned ? new Database(location.path) : location.database;
  // The busy timeout first: switching to WAL needs a lock another process may hold.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // Published records are durable once `append` resolves (a relay moves its checkpoint on that).
  if (owned) db.pragma('synchronous = FULL');
  db.exec(SCHEMA);

  const topicPartitions = db.prepare<[string], { partitions: number }>('SELECT partitions FROM bus_topics WHERE name = ?');
  const insertTopic = db.prepare('INSERT OR IGNORE INTO bus_topics (name, partitions) VALUES (?, ?)');
  const headOf = db.prepare<[string, number], { next: number }>(
    'SELECT COALESCE(MAX(offset) + 1, 0) AS next FROM bus_records WHERE topic = ? AND partition = ?',
  );
  const insertRecord = db.prepare(
    'INSERT INTO bus_records (topic, partition, offset, key, headers, value, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const readRecords = db.prepare<[string, number, number, number], RecordRow>(
    'SELECT topic, partition, offset, key, headers, value FROM bus_records WHERE topic = ? AND partition = ? AND offset >= ? ORDER BY offset LIMIT ?',
  );
  const committedOf = db.prepare<[string, string, number], { next_offset: number }>(
    'SELECT next_offset FROM bus_group_offsets WHERE consumer_group = ? AND topic = ? AND partition = ?',
  );
  const upsertCommit = db.prepare(
    `INSERT INTO bus_group_offsets (consumer_group, topic, partition, next_offset) VALUES (?, ?, ?, ?)
     ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
  );
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  // Offsets are committed without an fsync (one per record and group otherwise): a commit lost
  // to a power cut only delivers its records again, which consumers must bear after any crash.
  // It can never outlive the records it covers: they were committed to the same WAL before it.
  const synchronousLevel = db.pragma('synchronous', { simple: true }) as number;
  const lazyCommits = db.prepare('PRAGMA synchronous = NORMAL');
  const restoreSynchronous = db.prepare(`PRAGMA synchronous = ${synchronousLevel}`);
  const commitLazily = (group: string, topic: string, partition: number, nextOffset: number) => {
    if (synchronousLevel <= 1) return void upsertCommit.run(group, topic, partition, nextOffset);
    lazyCommits.run();
    try {
      upsertCommit.run(group, topic, partition, nextOffset);
    } finally {
      restoreSynchronous.run();
    }
  };

  const partitionCounts = new Map<string, number>();
  const heads = new Map<string, number>();
  const commits = new Map<string, number | undefined>();
  let seenVersion = dataVersion.get();
  let checkedAt = performance.now();
  const partitionKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;
  const commitKey = (group: string, topic: string, partition: number) => `${group}\u0000${topic}\u0000${partition}`;
  /** Drops what was read when another connection committed since the last look. */
  const forgetForeignChanges = () => {
    const now = performance.now();
    if (now - checkedAt < FOREIGN_CHANGES_CHECK_MS) return;
    checkedAt = now;
    const version = dataVersion.get();
    if (version === seenVersion) return;
    seenVersion = version;
    heads.clear();
    commits.clear();
  };

  const partitionsOf = (topic: string): number | undefined => {
    const known = partitionCounts.get(topic);
    if (known !== undefined) return known;
    const stored = topicPartitions.get(topic)?.partitions;
    if (stored !== undefined) partitionCounts.set(topic, stored);
    return stored;
  };
  const headOfPartition = (topic: string, partition: number): number => {
    forgetForeignChanges();
    const key = partitionKey(topic, partition);
    const known = heads.get(key);
    if (known !== undefined) return known;
    const stored = headOf.get(topic, partition)!.next;
    heads.set(key, stored);
    return stored;
  };

  const ensureTopics = db.transaction((topics: readonly string[], partitions: number) => {
    for (const topic of topics) insertTopic.run(topic, partitions);
  });
  // Group commit: a publisher waits for its records to be durable (synchronous=FULL), and the
  // publishes of one turn — the relay's batch, the inbox router's copies of an event to each
  // department, dead letters — share one transaction and one fsync instead of taking one each.
  // Each job answers the new head of each partition it wrote (known only once committed).
  const appends = groupCommit(
    db,
    ({ topic, partitions, records }: AppendJob) => {
      const next = new Map<number, number>();
      const now = new Date().toISOString();
      for (const record of records) {
        const partition = partitionFor(record.key, partitions);
        // Read inside the write transaction, never from memory: another process may have appended.
        const offset = next.get(partition) ?? headOf.get(topic, partition)!.next;
        insertRecord.run(topic, partition, offset, record.key, JSON.stringify(record.headers), record.value, now);
        next.set(partition, offset + 1);
      }
      return next;
    },
    { beforeGroup: forgetForeignChanges },
  );

  return {
    ensureTopics: (topics, partitions) => ensureTopics.immediate(topics, partitions),
    partitions: partitionsOf,
    append(topic, records) {
      const partitions = partitionsOf(topic);
      if (partitions === undefined) return Promise.reject(new Error(`topic ${topic} does not exist`));
      return appends.submit({ topic, partitions, records }).then((written) => {
        for (const [partition, head] of written) heads.set(partitionKey(topic, partition), head);
      });
    },
    read(topic, partition, fromOffset, limit) {
      // A consumer woken by a publish to another partition asks for nothing new: no query.
      if (limit <= 0 || fromOffset >= headOfPartition(topic, partition)) return [];
      return readRecords.all(topic, partition, fromOffset, limit).map((row) => ({
        topic: row.topic,
        partition: row.partition,
        offset: row.offset,
        key: row.key,
        value: row.value,
        headers: JSON.parse(row.headers) as Record<string, string>,
      }));
    },
    head: headOfPartition,
    committed(group, topic, partition) {
      forgetForeignChanges();
      const key = commitKey(group, topic, partition);
      if (commits.has(key)) return commits.get(key);
      const stored = committedOf.get(group, topic, partition)?.next_offset;
      commits.set(key, stored);
      return stored;
    },
    commit(group, topic, partition, nextOffset) {
      forgetForeignChanges();
      commitLazily(group, topic, partition, nextOffset);
      commits.set(commitKey(group, topic, partition), nextOffset);
    },
    close: () => {
      // Appends already asked for are written (or refused) before the connection goes.
      if (db.open) appends.flush();
      if (owned) db.close();
    },
  };
}
