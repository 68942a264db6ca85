import { deadLetterTopic } from '@backbone/contracts';
import type { Admin, Consumer, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { MAX_BATCH_RECORDS, type BusRecord, type DeliveredRecord, type RunningConsumer, type Subscription } from '../bus/bus.ts';
import type { ConsumerMetrics } from '../consumers/consumerMetrics.ts';
import { deliverChunk, deliverWithRetries } from '../consumers/deliverWithRetries.ts';
import type { RetryBackoff } from '../consumers/deliverWithRetries.ts';
import { deadLetterRecordFor } from '../deadLetters/deadLetterRecord.ts';
import { refreshKafkaLag } from './kafkaLag.ts';
import { watchForSilence } from './silenceWatch.ts';
import { superviseConsumer, type Instance } from './superviseConsumer.ts';

/**
 * How long a consumer may show no sign of life before it counts as dead and a new one is started
 * (the default of `silentForMs`): longer than a join can wait for a rebalance (kafkajs' rebalance
 * timeout, 60 s). An idle consumer fetches every `maxWaitTimeMs`, a busy one heartbeats at least
 * every chunk.
 */
const SILENT_FOR_MS = 120_000;
const SILENCE_CHECK_MS = 5_000;

/** The longest a handled record stays uncommitted while its batch is still being worked through. */
const COMMIT_INTERVAL_MS = 250;

export interface KafkaConsumerOptions {
  readonly kafka: Kafka;
  readonly subscription: Subscription;
  readonly admin: () => Promise<Admin>;
  readonly publish: (topic: string, records: readonly BusRecord[]) => Promise<void>;
  readonly metrics: ConsumerMetrics;
  readonly logger: Logger;
  readonly retryBackoff?: RetryBackoff;
  readonly lagRefreshMs: number;
  readonly sessionTimeoutMs?: number;
  readonly maxWaitTimeMs: number;
  /** No fetch, heartbeat or join for this long and the consumer counts as dead (default 120 s). */
  readonly silentForMs?: number;
}

/** Header values decoded to strings: Kafka delivers Buffers (a repeated header keeps its last value). */
export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  // for…in, not Object.entries: every record of every consumer comes through here.
  for (const name in headers) {
    const raw = headers[name];
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) decoded[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return decoded;
}

/** Joins the group and hands each record (or chunk, to `handleBatch`) to the handler; commits only after it succeeded. */
export async function startKafkaConsumer(options: KafkaConsumerOptions): Promise<RunningConsumer> {
  const { subscription, metrics, publish } = options;
  const { group } = subscription;
  const logger = options.logger.child({ group });
  let stopping = false;

  /** One kafkajs consumer in the group; `gaveUp` once it is dead and kafkajs will not bring it back. */
  async function startInstance(gaveUp: (error: unknown) => void): Promise<Instance> {
    const consumer = options.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      // A fetch long-polls this long when idle, and stop() waits for the fetch in flight.
      maxWaitTimeInMs: options.maxWaitTimeMs,
      ...(options.sessionTimeoutMs ? { sessionTimeout: options.sessionTimeoutMs } : {}),
    });
    // kafkajs tells of a crash it will not restart; a consumer that died some other way just goes
    // quiet, so fetches, heartbeats, joins and crashes count as signs of life.
    const silentForMs = options.silentForMs ?? SILENT_FOR_MS;
    const silence = watchForSilence({
      silentForMs,
      everyMs: Math.min(SILENCE_CHECK_MS, silentForMs / 2),
      onSilent: (silentMs) => gaveUp(new Error(`the consumer showed no sign of life for ${silentMs} ms`)),
    });
    for (const event of [consumer.events.FETCH_START, consumer.events.HEARTBEAT, consumer.events.GROUP_JOIN, consumer.events.REBALANCING]) {
      consumer.on(event, silence.sign);
    }
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      silence.sign();
      if (!payload.restart) gaveUp(payload.error);
    });
    const stop = async () => {
      silence.stop();
      await consumer.disconnect();
    };
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: subscription.fromBeginning ?? true });
      await runInstance(consumer);
    } catch (error) {
      await stop().catch(() => undefined);
      throw error;
    }
    return { stop };
  }

  /** Runs one consumer: each batch's records through the handler, committed after they succeeded. */
  function runInstance(consumer: Consumer): Promise<void> {
    return consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: Math.max(1, subscription.partitionsAtOnce ?? 1),
      eachBatchAutoResolve: false,
      // eachBatch rather than eachMessage: kafkajs' consumer.commitOffsets() is a silent no-op once
      // stop() has begun, so the record finished during a stop would be redelivered; the batch's
      // commitOffsetsIfNecessary(offsets) still commits until the member leaves the group.
      eachBatch: async ({ batch, isRunning, isStale, heartbeat, resolveOffset, commitOffsetsIfNecessary }) => {
        const { topic, partition } = batch;
        // Offsets are committed once per batch (and at least every COMMIT_INTERVAL_MS), never
        // before the handlers of the records they cover succeeded. A commit costs the broker's
        // append linger (5 ms by default on Kafka 4), so committing per record would cap a
        // consumer near 200 records/s; a crash redelivers at most the uncommitted tail, which
        // consumers absorb (they deduplicate by subject and stream version).
        let uncommitted: string | undefined;
        let committedAt = Date.now();
        const commit = async () => {
          if (uncommitted === undefined || isStale()) return;
          await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: uncommitted }] }] });
          uncommitted = undefined;
          committedAt = Date.now();
        };
        const toRecord = (message: KafkaMessage): DeliveredRecord => ({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          headers: decodeHeaders(message.headers),
          value: message.value?.toString('utf8') ?? '',
          attempt: 1,
        });
        const handled = async (offset: string) => {
          uncommitted = (BigInt(offset) + 1n).toString();
          resolveOffset(offset);
          if (Date.now() - committedAt >= COMMIT_INTERVAL_MS) await commit();
          await heartbeat();
        };

        /** One record through `handle`, with retries and the DLQ; false when stopping cut it off. */
        const deliverOne = async (record: DeliveredRecord): Promise<boolean> => {
          const outcome = await deliverWithRetries({
            record,
            handle: subscription.handle,
            maxAttempts: subscription.maxAttempts,
            backoff: options.retryBackoff,
            isStopping: () => stopping,
            onFailedAttempt: async (attempt, reason) => {
              metrics.recordOutcome(group, topic, 'failed_attempt');
              logger.warn({ topic, partition, offset: record.offset, attempt, reason }, 'handler failed');
              await heartbeat();
            },
          });
          if (outcome.kind === 'interrupted') return false;
          if (outcome.kind === 'dead_letter') {
            const dead = deadLetterRecordFor({ ...record, attempt: outcome.attempts }, group, outcome.reason, outcome.attempts);
            await publish(deadLetterTopic(group), [dead]);
            metrics.deadLettered(group);
            metrics.recordOutcome(group, topic, 'dead_lettered');
            logger.error({ topic, partition, offset: record.offset, reason: outcome.reason }, 'record sent to the dead-letter topic');
          } else {
            metrics.recordOutcome(group, topic, 'handled');
          }
          await handled(record.offset);
          return true;
        };

        /** A chunk through `handleBatch`, marked handled when it succeeded; false when it did not run or threw. */
        const handleChunk = async (records: DeliveredRecord[]): Promise<boolean> => {
          if (!(await deliverChunk({ records, subscription, metrics, logger }))) {
            if (subscription.handleBatch) await heartbeat();
            return false;
          }
          await handled(records.at(-1)!.offset);
          return true;
        };

        const chunkSize = subscription.handleBatch ? MAX_BATCH_RECORDS : 1;
        for (let start = 0; start < batch.messages.length; start += chunkSize) {
          if (!isRunning() || isStale()) break;
          const records = batch.messages.slice(start, start + chunkSize).map(toRecord);
          if (await handleChunk(records)) continue;
          for (const record of records) {
            if (!isRunning() || isStale()) break;
            if (!(await deliverOne(record))) {
              // Stopping: commit what was handled, leave this record uncommitted; the group redelivers it.
              await commit();
              return;
            }
          }
        }
        await commit();
      },
    });
  }

  const supervised = await superviseConsumer({
    start: startInstance,
    onRestart: (error, attempt, delayMs) => {
      metrics.restarted(group);
      logger.error({ err: error, attempt, delayMs }, 'the consumer died and kafkajs will not start it again; starting a new one');
    },
    onAbandoned: (waitedMs) =>
      logger.error({ waitedMs }, 'the dead consumer did not stop (a handler that never returns?); leaving it behind and starting a new one'),
  });

  let lagTimer: NodeJS.Timeout | undefined;
  if (metrics.enabled) {
    const refresh = () =>
      void refreshKafkaLag(options.admin, group, subscription.topics, metrics).catch((error: unknown) =>
        logger.debug({ err: error }, 'consumer lag refresh failed'),
      );
    lagTimer = setInterval(refresh, options.lagRefreshMs);
    lagTimer.unref();
    refresh();
  }

  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        if (lagTimer) clearInterval(lagTimer);
        await supervised.stop();
      })()),
  };
}
