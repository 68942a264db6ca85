import { BackboneError, deadLetterTopic } from '@backbone/contracts';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, BusRecord, RunningConsumer, Subscription } from '../bus/bus.ts';
import { createConsumerMetrics } from '../consumers/consumerMetrics.ts';
import type { RetryBackoff } from '../consumers/deliverWithRetries.ts';
import { startEmbeddedConsumer } from './embeddedConsumer.ts';
import { createGroupMembership } from './groupMembership.ts';
import { openRecordLog } from './recordLog.ts';
import type { RecordLogLocation } from './recordLog.ts';

export type EmbeddedBusOptions = RecordLogLocation & {
  readonly logger?: Logger;
  readonly metrics?: Registry;
  /** Partitions of topics created by `ensureTopics` (default 3). */
  readonly partitions?: number;
  /** How often an idle consumer looks for records published by another process (default 25 ms). */
  readonly pollIntervalMs?: number;
  readonly retryBackoff?: RetryBackoff;
};

/**
 * The embedded adapter of the bus port: a SQLite log (WAL) of records with partitions,
 * offsets and consumer-group commits, tailed in-process. Members of a group must live in
 * one bus instance (one process); other processes may publish and read dead letters.
 */
export function createEmbeddedBus(options: EmbeddedBusOptions): Bus {
  const log = openRecordLog(options);
  const logger = options.logger ?? pino({ level: 'silent' });
  const metrics = createConsumerMetrics(options.metrics);
  const membership = createGroupMembership();
  const consumers = new Set<RunningConsumer>();
  const waiting = new Set<() => void>();
  let closed = false;

  const wakeConsumers = () => {
    for (const wake of [...waiting]) wake();
  };
  const waitForRecords = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });

  const assertOpen = () => {
    if (closed) throw new BackboneError('unavailable', 'the embedded bus is closed');
  };

  async function ensureTopics(topics: readonly string[]): Promise<void> {
    assertOpen();
    log.ensureTopics([...new Set(topics)], options.partitions ?? 3);
  }

  async function publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    assertOpen();
    if (records.length === 0) return;
    if (log.partitions(topic) === undefined) {
      throw new BackboneError('not_found', `topic ${topic} does not exist (ensureTopics creates it)`);
    }
    await log.append(topic, records);
    wakeConsumers();
  }

  async function subscribe(subscription: Subscription): Promise<RunningConsumer> {
    await ensureTopics([...subscription.topics, deadLetterTopic(subscription.group)]);
    metrics.subscribed(subscription.group);
    const running = startEmbeddedConsumer({
      log,
      membership,
      subscription,
      publish,
      waitForRecords,
      metrics,
      logger,
      pollIntervalMs: options.pollIntervalMs ?? 25,
      retryBackoff: options.retryBackoff,
    });
    const handle: RunningConsumer = {
      stop: async () => {
        consumers.delete(handle);
        wakeConsumers();
        await running.stop();
      },
    };
    consumers.add(handle);
    wakeConsumers(); // the others re-balance at once
    return handle;
  }

  async function close(): Promise<void> {
    if (closed) return;
    await Promise.all([...consumers].map((consumer) => consumer.stop()));
    closed = true;
    log.close();
  }

  return { ensureTopics, publish, subscribe, close };
}
