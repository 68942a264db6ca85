import type { BusRecord, DeliveredRecord } from '../bus/bus.ts';

/** Headers a dead-lettered record carries besides its own. */
export const DLQ_HEADERS = {
  reason: 'dlq_reason',
  originalTopic: 'dlq_original_topic',
  partition: 'dlq_partition',
  offset: 'dlq_offset',
  group: 'dlq_group',
  attempts: 'dlq_attempts',
} as const;

/** A record found in `<group>.dlq`, with why and from where it came. */
export interface DeadLetter {
  /** Where it sits in the dead-letter topic. */
  readonly partition: number;
  readonly offset: string;
  readonly reason: string;
  readonly originalTopic: string;
  readonly originalPartition: number;
  readonly originalOffset: string;
  readonly group: string;
  readonly attempts: number;
  /** Whether a replay already sent it back to its original topic. */
  readonly replayed: boolean;
  /** The record as it was first published (without the dlq_* headers). */
  readonly record: BusRecord;
}

/** Lists and replays the dead letters of a consumer group. */
export interface DeadLetterTool {
  /** Every record in `<group>.dlq`, oldest first per partition. */
  list(group: string): Promise<DeadLetter[]>;
  /**
   * Republishes the dead letters not replayed yet to their original topics, then commits the
   * `<group>.dlq.replayer` group past them, so a second replay does not repeat them.
   */
  replay(group: string): Promise<{ replayed: number }>;
  close(): Promise<void>;
}

/** The consumer group whose committed offsets mark dead letters as replayed. */
export function replayerGroup(group: string): string {
  return `${group}.dlq.replayer`;
}

/** The record published to `<group>.dlq` for a record the group gave up on. */
export function deadLetterRecordFor(record: DeliveredRecord, group: string, reason: string, attempts: number): BusRecord {
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...withoutDeadLetterHeaders(record.headers),
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.originalTopic]: record.topic,
      [DLQ_HEADERS.partition]: String(record.partition),
      [DLQ_HEADERS.offset]: record.offset,
      [DLQ_HEADERS.group]: group,
      [DLQ_HEADERS.attempts]: String(attempts),
    },
  };
}

/** Reads a record of a dead-letter topic back into a DeadLetter. */
export function toDeadLetter(
  record: BusRecord & { readonly partition: number; readonly offset: string },
  replayed: boolean,
): DeadLetter {
  const h = record.headers;
  return {
    partition: record.partition,
    offset: record.offset,
    reason: h[DLQ_HEADERS.reason] ?? '',
    originalTopic: h[DLQ_HEADERS.originalTopic] ?? '',
    originalPartition: Number(h[DLQ_HEADERS.partition] ?? -1),
    originalOffset: h[DLQ_HEADERS.offset] ?? '',
    group: h[DLQ_HEADERS.group] ?? '',
    attempts: Number(h[DLQ_HEADERS.attempts] ?? 0),
    replayed,
    record: { key: record.key, value: record.value, headers: withoutDeadLetterHeaders(h) },
  };
}

function withoutDeadLetterHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith('dlq_')));
}
