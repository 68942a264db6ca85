import { BackboneError, type Envelope } from '@backbone/contracts';
import type { Bus, DeliveredRecord } from '@backbone/messaging';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { isRetiredVersion, type ApplyMark, type ViewStore } from '../viewStore/viewStore.ts';
import type { Projection } from './projection.ts';
import { liveApplier, type LiveEvent } from './liveApplier.ts';
import { projectionMetrics } from './projectionMetrics.ts';

export interface StartProjectionOptions {
  readonly projection: Projection;
  readonly bus: Bus;
  readonly viewStore: ViewStore;
  /** Turns a bus record into its envelope (the messaging package's CloudEvents codec); throws when it cannot. */
  readonly decode: (record: DeliveredRecord) => Envelope;
  readonly metrics?: Registry;
  readonly logger?: Logger;
  readonly now?: () => Date;
  /** The version made live when the projection has none yet (default `1`). */
  readonly initialVersion?: string;
  /** Passed to the subscription: attempts before a record is dead-lettered. */
  readonly maxAttempts?: number;
  /** How often to look again while the live version is held by a rebuild's catch-up (default 50 ms). */
  readonly holdPollMs?: number;
}

export interface RunningProjection {
  stop(): Promise<void>;
}

/** The dedupe mark of an event: its aggregate and its place in the aggregate's stream. */
export function markOf(envelope: Envelope, position?: string): ApplyMark {
  return { subject: envelope.subject, streamversion: envelope.streamversion, position };
}

/** The consumer group of a projection. */
export function projectionGroup(projection: Projection): string {
  return `projection.${projection.name}`;
}

/** Partitions projected at once when the projection keeps to its events' own aggregates: the bus's topics have three. */
const PARTITIONS_AT_ONCE = 3;

// A promote may retire the version between resolving it and applying to it; resolving again is enough.
const RESOLVE_ATTEMPTS = 3;

/**
 * Keeps a projection's live version up to date from the bus. The bus hands over chunks of a
 * partition's records: the version to write to is resolved once per chunk, and the chunk is
 * projected and applied in a few round trips (`liveApplier`). A chunk that fails goes
 * record by record: each decoded, projected against the version it will be written to and
 * applied with its dedupe mark; a decode error or a throwing `project` is rethrown, so the bus
 * retries the record and dead-letters it.
 */
export async function startProjection(options: StartProjectionOptions): Promise<RunningProjection> {
  const { projection, viewStore, decode, logger } = options;
  const name = projection.name;
  const now = options.now ?? (() => new Date());
  const holdPollMs = options.holdPollMs ?? 50;
  const metrics = options.metrics ? projectionMetrics(options.metrics) : undefined;
  let stopped = false;

  await viewStore.ensureLive(name, options.initialVersion ?? '1');

  async function writableVersion(): Promise<string> {
    for (;;) {
      const version = (await viewStore.liveVersion(name)) ?? (await viewStore.ensureLive(name, options.initialVersion ?? '1'));
      // A held version is finishing a rebuild's catch-up; the hold expires on its own if the rebuild dies.
      if (!(await viewStore.isHeld(name, version))) return version;
      if (stopped) throw new BackboneError('unavailable', `projection ${name} is stopping`);
      await new Promise((resolve) => setTimeout(resolve, holdPollMs));
    }
  }

  const live = liveApplier({
    projection,
    viewStore,
    logger,
    count: (outcome, n) => {
      if (n > 0) metrics?.events.inc({ projection: name, outcome }, n);
    },
    applied: (envelope) => {
      const lag = (now().getTime() - Date.parse(envelope.time)) / 1000;
      metrics?.lagSeconds.set({ projection: name }, Math.max(0, lag));
    },
  });

  /** Runs `work` on the writable version; resolves the version again when a promote retired it meanwhile. */
  async function onWritableVersion(work: (version: string) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const version = await writableVersion();
      try {
        return await work(version);
      } catch (error) {
        if (isRetiredVersion(error) && attempt < RESOLVE_ATTEMPTS) continue;
        throw error;
      }
    }
  }

  const decodeEvent = (record: DeliveredRecord): LiveEvent => ({
    envelope: decode(record),
    position: `${record.topic}:${record.partition}:${record.offset}`,
  });

  const consumer = await options.bus.subscribe({
    group: projectionGroup(projection),
    topics: projection.topics,
    maxAttempts: options.maxAttempts,
    partitionsAtOnce: projection.ownAggregateOnly ? PARTITIONS_AT_ONCE : 1,
    async handle(record) {
      try {
        const event = decodeEvent(record);
        await onWritableVersion((version) => live.one(version, event));
      } catch (error) {
        logger?.warn(
          { err: error, projection: name, topic: record.topic, partition: record.partition, offset: record.offset, attempt: record.attempt },
          'projection could not handle a record',
        );
        throw error;
      }
    },
    // A chunk that fails (a record that does not decode, a throwing `project`) is handed to
    // `handle` record by record: what the chunk applied is refused as a duplicate there.
    async handleBatch(records) {
      const events = records.map(decodeEvent);
      await onWritableVersion((version) => live.batch(version, events));
    },
  });
  logger?.info({ projection: name, topics: projection.topics }, 'projection started');

  return {
    async stop() {
      stopped = true;
      await consumer.stop();
    },
  };
}
