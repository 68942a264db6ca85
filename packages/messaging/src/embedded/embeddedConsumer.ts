import { deadLetterTopic } from '@backbone/contracts';
import type { Logger } from 'pino';
import { MAX_BATCH_RECORDS, type BusRecord, type RunningConsumer, type Subscription } from '../bus/bus.ts';
import type { ConsumerMetrics } from '../consumers/consumerMetrics.ts';
import { deliverChunk, deliverWithRetries } from '../consumers/deliverWithRetries.ts';
import type { RetryBackoff } from '../consumers/deliverWithRetries.ts';
import { deadLetterRecordFor } from '../deadLetters/deadLetterRecord.ts';
import type { GroupMembership, TopicPartition } from './groupMembership.ts';
import type { LoggedRecord, RecordLog } from './recordLog.ts';

export interface EmbeddedConsumerOptions {
  readonly log: RecordLog;
  readonly membership: GroupMembership;
  readonly subscription: Subscription;
  readonly publish: (topic: string, records: readonly BusRecord[]) => Promise<void>;
  /** Resolves after `ms`, or earlier when something is published. */
  readonly waitForRecords: (ms: number) => Promise<void>;
  readonly metrics: ConsumerMetrics;
  readonly logger: Logger;
  readonly pollIntervalMs: number;
  readonly retryBackoff?: RetryBackoff;
}

const READ_BATCH = 100;
/**
 * A chunk of the embedded bus, below `MAX_BATCH_RECORDS`: this bus runs on the event loop that
 * serves HTTP, and a handler over a store that answers at once (SQLite) goes through its whole
 * chunk without giving the loop back, so a longer chunk holds requests up longer.
 */
const EMBEDDED_CHUNK_RECORDS = Math.min(500, MAX_BATCH_RECORDS);

/** Tails the embedded log for one group member; commits each record (or chunk) after its handler succeeded. */
export function startEmbeddedConsumer(options: EmbeddedConsumerOptions): RunningConsumer {
  const { log, membership, subscription, metrics } = options;
  const { group } = subscription;
  const logger = options.logger.child({ group });
  const memberId = membership.join(group, subscription.topics);
  const partitionsOf = (topic: string) => log.partitions(topic) ?? 0;
  let stopping = false;

  function startOffset(tp: TopicPartition): number {
    const committed = log.committed(group, tp.topic, tp.partition);
    if (committed !== undefined) return committed;
    const start = (subscription.fromBeginning ?? true) ? 0 : log.head(tp.topic, tp.partition);
    log.commit(group, tp.topic, tp.partition, start);
    return start;
  }

  async function handle(record: LoggedRecord): Promise<boolean> {
    const delivered = { ...record, offset: String(record.offset) };
    const outcome = await deliverWithRetries({
      record: delivered,
      handle: subscription.handle,
      maxAttempts: subscription.maxAttempts,
      backoff: options.retryBackoff,
      isStopping: () => stopping,
      onFailedAttempt: (attempt, reason) => {
        metrics.recordOutcome(group, record.topic, 'failed_attempt');
        logger.warn({ topic: record.topic, partition: record.partition, offset: record.offset, attempt, reason }, 'handler failed');
      },
    });
    if (outcome.kind === 'interrupted') return false;
    if (outcome.kind === 'dead_letter') {
      const dead = deadLetterRecordFor({ ...delivered, attempt: outcome.attempts }, group, outcome.reason, outcome.attempts);
      await options.publish(deadLetterTopic(group), [dead]);
      metrics.deadLettered(group);
      metrics.recordOutcome(group, record.topic, 'dead_lettered');
      logger.error({ topic: record.topic, partition: record.partition, offset: record.offset, reason: outcome.reason }, 'record sent to the dead-letter topic');
    } else {
      metrics.recordOutcome(group, record.topic, 'handled');
    }
    log.commit(group, record.topic, record.partition, record.offset + 1);
    return true;
  }

  /** A chunk through `handleBatch`, committed when it succeeded; false when it did not run or threw. */
  async function handleChunk(records: readonly LoggedRecord[]): Promise<boolean> {
    if (!subscription.handleBatch) return false;
    const delivered = records.map((record) => ({ ...record, offset: String(record.offset), attempt: 1 }));
    if (!(await deliverChunk({ records: delivered, subscription, metrics, logger }))) return false;
    const last = records.at(-1)!;
    log.commit(group, last.topic, last.partition, last.offset + 1);
    return true;
  }

  /** Delivers what is pending in one partition; returns how many records it handled. */
  async function drain(tp: TopicPartition): Promise<number> {
    if (!membership.acquire(group, memberId, tp)) return 0;
    let handled = 0;
    try {
      // A batch handler gets one read as one chunk; a per-record one reads a few at a time.
      const chunkSize = subscription.handleBatch ? EMBEDDED_CHUNK_RECORDS : 1;
      const records = log.read(tp.topic, tp.partition, startOffset(tp), Math.max(READ_BATCH, chunkSize));
      for (let start = 0; start < records.length; start += chunkSize) {
        if (stopping || !membership.owns(group, memberId, tp, partitionsOf)) break;
        const chunk = records.slice(start, start + chunkSize);
        if (await handleChunk(chunk)) {
          handled += chunk.length;
          continue;
        }
        for (const record of chunk) {
          if (stopping || !membership.owns(group, memberId, tp, partitionsOf)) return handled;
          if (!(await handle(record))) return handled;
          handled++;
        }
      }
    } finally {
      membership.release(group, tp);
    }
    return handled;
  }

  function reportLag(assigned: readonly TopicPartition[]): void {
    if (!metrics.enabled) return;
    for (const tp of assigned) {
      const committed = log.committed(group, tp.topic, tp.partition) ?? 0;
      metrics.lag(group, tp.topic, tp.partition, log.head(tp.topic, tp.partition) - committed);
    }
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let handled = 0;
      try {
        const assigned = membership.assignment(group, memberId, partitionsOf);
        reportLag(assigned);
        for (const tp of assigned) {
          if (stopping) break;
          handled += await drain(tp);
        }
      } catch (error) {
        logger.error({ err: error }, 'embedded consumer failed; retrying');
      }
      if (handled === 0 && !stopping) await options.waitForRecords(options.pollIntervalMs);
    }
  }

  const loop = run();
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        await loop;
        membership.leave(group, memberId);
      })()),
  };
}
