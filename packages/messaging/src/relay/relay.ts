import { BackboneError, contextTopic, parseEventType } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import type { EventStore } from '@backbone/eventsourcing';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, BusRecord } from '../bus/bus.ts';
import { envelopeToRecord } from '../cloudEvents/kafkaBinding.ts';
import type { CheckpointStore } from './checkpointStore.ts';
import { createRelayMetrics } from './relayMetrics.ts';

/** The longest pause after a cycle during which appends were notified (see `Relay.notify`). */
const NOTIFIED_PAUSE_MS = 20;

export interface RelayOptions {
  readonly store: EventStore;
  readonly bus: Bus;
  readonly checkpoints: CheckpointStore;
  /** Names the checkpoint and labels the metrics. */
  readonly name: string;
  /** The topic of an event (default: its context's topic, e.g. `backbone.tasks.v1`). */
  readonly topicFor?: (envelope: Envelope) => string;
  /** Events read and published per cycle (default 500). */
  readonly batchSize?: number;
  /** Pause when caught up before looking again (default 200 ms). */
  readonly idleMs?: number;
  readonly metrics?: Registry;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

export interface Relay {
  /** Starts tailing the store in the background. */
  start(): void;
  /** Stops after the cycle in hand. */
  stop(): Promise<void>;
  /** Publishes the next batch after the checkpoint; resolves with how many events it published. */
  runOnce(): Promise<number>;
  /** Says new events were appended: a started relay looks at once instead of after its idle pause. */
  notify(): void;
}

/** The default topic: the context named in the event type. */
export function contextTopicOf(envelope: Envelope): string {
  const parsed = parseEventType(envelope.type);
  if (!parsed) throw new BackboneError('invalid_input', `event ${envelope.id} has a malformed type "${envelope.type}"`);
  return contextTopic(parsed.context);
}

/**
 * The transactional-outbox relay: tails the store's global log from a checkpoint, publishes
 * each batch grouped by topic in log order, and moves the checkpoint only once the bus
 * acknowledged every publish of the batch. A crash in between republishes (at least once;
 * consumers deduplicate by subject and stream version).
 */
export function createRelay(options: RelayOptions): Relay {
  const { store, bus, checkpoints, name } = options;
  const topicFor = options.topicFor ?? contextTopicOf;
  const batchSize = options.batchSize ?? 500;
  const idleMs = options.idleMs ?? 200;
  const now = options.now ?? (() => new Date());
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ relay: name });
  const metrics = createRelayMetrics(options.metrics);
  const ensuredTopics = new Set<string>();
  let cycle: Promise<unknown> = Promise.resolve();
  let loop: Promise<void> | undefined;
  let stopping = false;
  let wake: () => void = () => {};
  let notified = false;

  // Set when the stored checkpoint lies beyond the log's head: it belongs to another log (a
  // store that was replaced or reset), so the relay starts over from the beginning instead of
  // silently skipping everything up to a position this log has not reached.
  let foreignCheckpoint = false;

  async function publishBatch(): Promise<number> {
    const stored = await checkpoints.load(name);
    const checkpoint = foreignCheckpoint ? undefined : stored;
    const events = await store.readAll({ after: checkpoint, limit: batchSize });
    /** Where the checkpoint stands after this cycle, for the lag. */
    let reached = checkpoint;
    if (events.length === 0 && checkpoint !== undefined && ((await store.headPosition()) ?? 0) < checkpoint) {
      logger.error({ checkpoint, head: await store.headPosition() }, 'the relay checkpoint is beyond the log head; relaying from the start');
      foreignCheckpoint = true;
      return publishBatch();
    }
    if (events.length > 0) {
      const byTopic = new Map<string, BusRecord[]>();
      for (const { envelope } of events) {
        const topic = topicFor(envelope);
        const records = byTopic.get(topic) ?? [];
        records.push(envelopeToRecord(envelope));
        byTopic.set(topic, records);
      }
      const newTopics = [...byTopic.keys()].filter((topic) => !ensuredTopics.has(topic));
      if (newTopics.length > 0) {
        await bus.ensureTopics(newTopics);
        for (const topic of newTopics) ensuredTopics.add(topic);
      }
      const results = await Promise.allSettled([...byTopic].map(([topic, records]) => bus.publish(topic, records)));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
      for (const [topic, records] of byTopic) metrics.published(name, topic, records.length);
      logger.debug({ events: events.length, topics: [...byTopic.keys()] }, 'published a batch');
      const last = events[events.length - 1]!.position;
      // From what this cycle loaded: a checkpoint lost meanwhile (Redis flushed while the batch was
      // on its way) must not come back as this position, past events the relay never published
      // again for the views that were lost with it.
      if (await checkpoints.save(name, last, stored)) {
        reached = last;
      } else {
        metrics.checkpointConflict(name);
        logger.warn({ loaded: stored, position: last }, 'the relay checkpoint changed since this cycle loaded it (lost, or moved by another relay); loading it again');
      }
      // Saved or not, the next cycle judges the checkpoint it then finds afresh.
      foreignCheckpoint = false;
    }
    await reportLag(reached);
    return events.length;
  }

  async function reportLag(checkpoint: number | undefined): Promise<void> {
    const [head, next] = await Promise.all([store.headPosition(), store.readAll({ after: checkpoint, limit: 1 })]);
    const oldest = next[0]?.envelope.time;
    const seconds = oldest ? (now().getTime() - Date.parse(oldest)) / 1000 : 0;
    metrics.lag(name, (head ?? 0) - (checkpoint ?? 0), seconds);
  }

  function runOnce(): Promise<number> {
    const result = cycle.then(publishBatch);
    cycle = result.catch(() => undefined);
    return result;
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function tail(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        const published = await runOnce();
        failures = 0;
        if (published < batchSize) {
          // Appends notified during the cycle may not be in what it read: look again within a short
          // pause. Any append notified during a pause ends it at once, so under a steady stream of
          // commands the relay runs cycle after cycle, each taking what was appended meanwhile.
          const wait = notified ? Math.min(idleMs, NOTIFIED_PAUSE_MS) : idleMs;
          notified = false;
          await pause(wait);
        }
      } catch (error) {
        failures++;
        logger.error({ err: error, failures }, 'relay cycle failed; retrying');
        await pause(Math.min(idleMs * 2 ** failures, 10_000));
      }
    }
  }

  return {
    start() {
      if (loop) return;
      stopping = false;
      loop = tail();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      loop = undefined;
    },
    runOnce,
    notify() {
      if (notified) return;
      notified = true;
      wake();
    },
  };
}
