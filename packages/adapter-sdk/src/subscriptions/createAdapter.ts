import { BackboneError, createEventRegistry, inboxTopic, REFERENCE_ID_PATTERN } from '@backbone/contracts';
import type { EventRegistry } from '@backbone/contracts';
import type { DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { openAdapterBus, physicalTopic } from '../bus/adapterBus.ts';
import type { AdapterBusConfig } from '../bus/adapterBus.ts';
import { publishedDefinitions } from '../events/knownEvents.ts';
import type { EventHandlers, ReceivedEvent } from '../events/knownEvents.ts';
import { readRecord } from '../events/readEvent.ts';
import type { UnreadableEvent } from '../events/readEvent.ts';
import { adapterMetrics } from './adapterMetrics.ts';
import { deadLetterNow } from './deadLetter.ts';

/** What to do with a record the adapter cannot read. */
export type UnknownDecision = 'dead-letter' | 'skip';

/** Bounded retries of a failing handler, with exponential backoff between attempts. */
export interface AdapterRetry {
  /** Attempts before the record goes to `<group>.dlq` (default 5). */
  readonly maxAttempts?: number;
  /** Delay after the first failed attempt (default 200 ms); it doubles each attempt. */
  readonly initialMs?: number;
  /** Upper bound of one delay (default 5000 ms; keep it well under the Kafka session timeout). */
  readonly maxMs?: number;
}

export interface AdapterOptions {
  /** The department the adapter speaks for (a reference department id). */
  readonly department: string;
  /** Names the adapter within its department; its consumer group is `adapter.<department>.<name>`. */
  readonly name: string;
  readonly bus: AdapterBusConfig;
  /** Contract topics to consume; default: the department's own inbox. Context topics only when granted. */
  readonly topics?: readonly string[];
  /** A typed handler per event name; events without one go to `onEvent`, or are ignored. */
  readonly handlers?: EventHandlers;
  /** Every readable event without a typed handler (e.g. a forwarder). */
  readonly onEvent?: (event: ReceivedEvent) => Promise<void>;
  /** An undecodable record, unknown type or version, or invalid data; default: dead-letter it with the reason. */
  readonly onUnknown?: (event: UnreadableEvent) => UnknownDecision | Promise<UnknownDecision>;
  /** How events are read (upcasters, definitions); default: every published definition. */
  readonly registry?: EventRegistry;
  readonly retry?: AdapterRetry;
  /** Start at the oldest record when the group has no checkpoint yet (default true). */
  readonly fromBeginning?: boolean;
  readonly metrics?: Registry;
  readonly logger?: Logger;
}

/** A running department adapter. */
export interface Adapter {
  readonly department: string;
  /** Its consumer group: the committed offsets are its checkpoints; `<group>.dlq` its dead letters. */
  readonly group: string;
  /** The topics it consumes, as named on the bus. */
  readonly topics: readonly string[];
  /** Joins the group and starts delivering. */
  start(): Promise<void>;
  /** Finishes the record in hand (a failing one stays uncommitted and comes again), leaves the group, closes the bus. */
  stop(): Promise<void>;
}

const ADAPTER_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** The consumer group of an adapter. */
export function adapterGroup(department: string, name: string): string {
  return `adapter.${department}.${name}`;
}

/**
 * Creates a department adapter: consumes its inbox (or granted topics), reads each record as a
 * typed event, and calls its handler. A handler that throws is retried with backoff and then
 * dead-lettered; a `BackboneError` with `canRetry: false` and an unreadable record are
 * dead-lettered at once. Delivery is at least once, in order per aggregate.
 */
export function createAdapter(options: AdapterOptions): Adapter {
  if (!REFERENCE_ID_PATTERN.test(options.department)) {
    throw new BackboneError('invalid_input', `department "${options.department}" is not a department id`);
  }
  if (!ADAPTER_NAME.test(options.name)) {
    throw new BackboneError('invalid_input', `adapter name "${options.name}" must match ${ADAPTER_NAME.source}`);
  }
  const group = adapterGroup(options.department, options.name);
  const topics = (options.topics ?? [inboxTopic(options.department)]).map((topic) => physicalTopic(options.bus, topic));
  const registry = options.registry ?? createEventRegistry(publishedDefinitions);
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ adapter: group });
  const metrics = adapterMetrics(options.metrics, group);
  const handlers = options.handlers ?? {};
  const retry = options.retry ?? {};
  const bus = openAdapterBus(options.bus, {
    retryBackoff: { initialMs: retry.initialMs ?? 200, maxMs: retry.maxMs ?? 5000 },
    metrics: options.metrics,
    logger: options.logger,
    clientId: group,
  });
  let consumer: RunningConsumer | undefined;
  let stopped: Promise<void> | undefined;

  async function deadLetter(record: DeliveredRecord, event: string, reason: string): Promise<void> {
    await deadLetterNow(bus, group, record, reason);
    metrics.deadLettered(group);
    metrics.outcome(event, 'dead_lettered');
    logger.error({ topic: record.topic, partition: record.partition, offset: record.offset, reason }, 'event sent to the dead-letter topic');
  }

  async function handle(record: DeliveredRecord): Promise<void> {
    const read = readRecord(record, registry);
    if (!read.ok) {
      const label = read.unreadable.envelope?.type ?? 'unreadable';
      const decision = options.onUnknown ? await options.onUnknown(read.unreadable) : 'dead-letter';
      if (decision === 'skip') {
        metrics.outcome(label, 'skipped_unreadable');
        logger.warn({ reason: read.unreadable.reason, offset: record.offset }, 'unreadable event skipped');
        return;
      }
      await deadLetter(record, label, read.unreadable.reason);
      return;
    }
    const { event } = read;
    const typed = handlers[event.name] as ((event: ReceivedEvent) => Promise<void>) | undefined;
    const handler = typed ?? options.onEvent;
    if (!handler) {
      metrics.outcome(event.name, 'ignored');
      return;
    }
    const started = performance.now();
    try {
      await handler(event);
    } catch (error) {
      if (error instanceof BackboneError && !error.canRetry) {
        await deadLetter(record, event.name, `${error.code}${error.rule ? ` (${error.rule})` : ''}: ${error.message}`);
        return;
      }
      metrics.outcome(event.name, 'failed_attempt');
      throw error;
    }
    metrics.handled(event.name, (performance.now() - started) / 1000);
    metrics.outcome(event.name, 'handled');
  }

  return {
    department: options.department,
    group,
    topics,
    async start() {
      if (consumer) return;
      consumer = await bus.subscribe({
        group,
        topics,
        handle,
        maxAttempts: retry.maxAttempts ?? 5,
        fromBeginning: options.fromBeginning ?? true,
      });
      logger.info({ topics }, 'adapter started');
    },
    stop: () =>
      (stopped ??= (async () => {
        await consumer?.stop();
        await bus.close();
        logger.info('adapter stopped');
      })()),
  };
}
