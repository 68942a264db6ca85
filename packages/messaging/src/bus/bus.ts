/**
 * The bus port. A record is what travels: the CloudEvents Kafka binding in binary mode
 * (`ce_*` headers, JSON value, key = aggregate id). Adapters: Kafka (kafkajs) and
 * embedded (a SQLite log tailed in-process). Both pass `bus.contract.ts`.
 */
export interface BusRecord {
  readonly key: string;
  /** Header values as strings (Kafka delivers Buffers; adapters decode them). */
  readonly headers: Readonly<Record<string, string>>;
  readonly value: string;
}

export interface DeliveredRecord extends BusRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offset within the partition, as a decimal string (Kafka offsets are int64). */
  readonly offset: string;
  /** 1 on the first delivery to the handler, then 2, 3, … while it is retried. */
  readonly attempt: number;
}

export interface Subscription {
  /** The consumer group; its committed offsets are its checkpoints. */
  readonly group: string;
  readonly topics: readonly string[];
  /** Called once per record, in order per key. Throwing means "not handled". */
  readonly handle: (record: DeliveredRecord) => Promise<void>;
  /**
   * Optional: called instead of `handle` with consecutive records of one partition (at most
   * `MAX_BATCH_RECORDS`, in offset order, each on its first attempt); their offsets are committed
   * only after it resolved. Throwing hands every record of the chunk to `handle`, one at a time,
   * with its retries and dead-lettering: so what the batch did before it threw must be safe to
   * do again (consumers deduplicate by subject and stream version).
   */
  readonly handleBatch?: (records: readonly DeliveredRecord[]) => Promise<void>;
  /**
   * How many partitions may be in the handlers at the same time (default 1): each partition's
   * records still come in order, one record or chunk at a time. More than one only when handling
   * records of different keys at once is safe (they touch no state in common, or only in ways
   * that commute). An adapter may hand over fewer at once.
   */
  readonly partitionsAtOnce?: number;
  /** Attempts before the record goes to `<group>.dlq` (default 5). */
  readonly maxAttempts?: number;
  /** Start from the earliest offset when the group has no checkpoint (default true). */
  readonly fromBeginning?: boolean;
}

/**
 * The most records an adapter hands to `handleBatch` at once. Kafka hands a partition's part of
 * a fetch as one chunk up to this (kafkajs fetches at most 1 MB of a partition: about 1,500 of
 * the backbone's task events); every chunk costs a consumer its round trips to its store, so
 * chunks of 500 took the board's projection 15% longer (2026-12-02).
 */
export const MAX_BATCH_RECORDS = 2_000;

export interface RunningConsumer {
  /** Stops fetching, finishes the record (or batch) in hand, leaves the group. */
  stop(): Promise<void>;
}

export interface Bus {
  /** Creates topics that do not exist yet (the explicit admin step; nothing is auto-created). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /**
   * Publishes records to one topic, in order; resolves only once the broker acknowledged all of
   * them. When it rejects, some of them may have been published (Kafka sends a large publish in
   * slices): the caller publishes them again, and consumers deduplicate.
   */
  publish(topic: string, records: readonly BusRecord[]): Promise<void>;
  /** Joins the subscription's group and starts delivering. */
  subscribe(subscription: Subscription): Promise<RunningConsumer>;
  close(): Promise<void>;
}
