import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEventStoreDbStore,
  createRedisIdempotencyStore,
  createSqliteEventStore,
  createSqliteIdempotencyStore,
  openSqliteDatabase,
} from '@backbone/eventsourcing';
import type { EventStore, IdempotencyStore } from '@backbone/eventsourcing';
import {
  createEmbeddedBus,
  createEmbeddedDeadLetterTool,
  createKafkaBus,
  createKafkaDeadLetterTool,
  createRedisCheckpointStore,
  createSqliteCheckpointStore,
} from '@backbone/messaging';
import type { Bus, CheckpointStore, DeadLetterTool } from '@backbone/messaging';
import { createRedisViewStore, createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { modeOf } from '../config.ts';
import type { Config } from '../config.ts';

/** The adapters behind every port, chosen once from configuration. */
export interface Infrastructure {
  readonly mode: 'embedded' | 'distributed';
  readonly store: EventStore;
  readonly bus: Bus;
  readonly views: ViewStore;
  readonly checkpoints: CheckpointStore & { close(): Promise<void> };
  readonly idempotency: IdempotencyStore;
  /** Calls `listener` after every append through `store` in this process (wakes the relay at once). */
  readonly onAppended: (listener: () => void) => void;
  /** Opens the dead-letter tool of this mode's bus (the CLI's `dlq`). */
  readonly deadLetters: () => DeadLetterTool;
  close(): Promise<void>;
}

function saslOf(config: Config): { username: string; password: string } | undefined {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = config;
  if (!username && !password) return undefined;
  if (!username || !password) throw new Error('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together');
  return { username, password };
}

/** The store, telling `listeners` after each append it made. */
function observed(store: EventStore, listeners: Set<() => void>): EventStore {
  return {
    async append(stream, events, expected) {
      const result = await store.append(stream, events, expected);
      for (const listener of listeners) listener();
      return result;
    },
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
  };
}

function openStore(config: Config): EventStore {
  const url = config.EVENT_STORE_URL;
  if (url?.startsWith('esdb://') || url?.startsWith('esdb+discover://') || url?.startsWith('kurrentdb://')) {
    return createEventStoreDbStore({ connectionString: url });
  }
  return createSqliteEventStore({ path: url?.replace(/^sqlite:/, '') ?? join(config.DATA_DIR, 'events.db') });
}

/**
 * Prefixes every consumer group with the deployment's namespace (topics stay the shared contract),
 * and every topic with `topicPrefix` when one is set; handlers see the contract's topic names.
 */
function withGroupNamespace(bus: Bus, namespace: string, topicPrefix?: string): Bus {
  const topic = (name: string) => (topicPrefix ? `${topicPrefix}.${name}` : name);
  const contractTopic = (name: string) => (topicPrefix && name.startsWith(`${topicPrefix}.`) ? name.slice(topicPrefix.length + 1) : name);
  return {
    ensureTopics: (topics) => bus.ensureTopics(topics.map(topic)),
    publish: (name, records) => bus.publish(topic(name), records),
    subscribe: (subscription) => {
      const { handleBatch } = subscription;
      return bus.subscribe({
        ...subscription,
        group: `${namespace}.${subscription.group}`,
        topics: subscription.topics.map(topic),
        handle: (record) => subscription.handle({ ...record, topic: contractTopic(record.topic) }),
        ...(handleBatch && { handleBatch: (records) => handleBatch(records.map((record) => ({ ...record, topic: contractTopic(record.topic) }))) }),
      });
    },
    close: () => bus.close(),
  };
}

const NO_REDIS = 'the distributed mode (KAFKA_BROKERS set) needs REDIS_URL for its read models';

/** The view store of a deployment: Redis under its NAMESPACE (distributed), or DATA_DIR/views.db (embedded). */
export function openViewStore(config: Config): ViewStore {
  if (modeOf(config) === 'embedded') return createSqliteViewStore({ path: join(config.DATA_DIR, 'views.db') });
  if (!config.REDIS_URL) throw new Error(NO_REDIS);
  return createRedisViewStore({ redis: config.REDIS_URL, prefix: config.NAMESPACE });
}

/**
 * Embedded: every port on SQLite files under DATA_DIR (no server to install).
 * Distributed: Kafka for the bus, Redis for views, checkpoints and idempotency keys, and
 * EventStoreDB (or a SQLite file) for the log.
 */
export function openInfrastructure(config: Config, deps: { logger: Logger; metrics: Registry }): Infrastructure {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const appendListeners = new Set<() => void>();
  const onAppended = (listener: () => void) => void appendListeners.add(listener);
  const mode = modeOf(config);
  if (mode === 'embedded') {
    const local = openSqliteDatabase({ path: join(config.DATA_DIR, 'local.db') });
    const busPath = join(config.DATA_DIR, 'bus.db');
    const store = observed(openStore(config), appendListeners);
    const bus = createEmbeddedBus({ path: busPath, logger: deps.logger, metrics: deps.metrics });
    const views = openViewStore(config);
    // The relay's checkpoint on a connection of its own that does not fsync its commits: the bus
    // made the records it covers durable before the relay saves it, so a checkpoint lost to a
    // power cut only makes the relay copy those records again (at least once, as after a crash),
    // and it can never survive without them. The idempotency keys keep `local`, synchronous=FULL.
    const relayPosition = openSqliteDatabase({ path: join(config.DATA_DIR, 'local.db') });
    relayPosition.pragma('synchronous = NORMAL');
    const checkpoints = createSqliteCheckpointStore({ database: relayPosition });
    const idempotency = createSqliteIdempotencyStore({ database: local });
    return {
      mode,
      store,
      bus,
      views,
      checkpoints,
      idempotency,
      onAppended,
      deadLetters: () => createEmbeddedDeadLetterTool({ path: busPath }),
      async close() {
        await bus.close();
        await Promise.all([views.close(), store.close(), checkpoints.close(), idempotency.close()]);
        relayPosition.close();
        local.close();
      },
    };
  }

  if (!config.REDIS_URL) throw new Error(NO_REDIS);
  const brokers = (config.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim());
  const clientId = `backbone-${config.PROCESS_NAME}`;
  const store = observed(openStore(config), appendListeners);
  const namespace = config.NAMESPACE;
  const kafka = createKafkaBus({
    brokers,
    clientId,
    sasl: saslOf(config),
    sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const bus = withGroupNamespace(kafka, namespace, config.KAFKA_TOPIC_PREFIX);
  const views = openViewStore(config);
  const checkpoints = createRedisCheckpointStore({ url: config.REDIS_URL, keyPrefix: `${namespace}:checkpoint:` });
  const idempotency = createRedisIdempotencyStore({ url: config.REDIS_URL, keyPrefix: `${namespace}:idempotency:` });
  return {
    mode,
    store,
    bus,
    views,
    checkpoints,
    idempotency,
    onAppended,
    deadLetters: () => {
      // Operators name groups as the code does (`projection.one-board`); Kafka holds them namespaced.
      const tool = createKafkaDeadLetterTool({ brokers, clientId: `${clientId}-dlq` });
      return {
        list: (group) => tool.list(`${namespace}.${group}`),
        replay: (group) => tool.replay(`${namespace}.${group}`),
        close: () => tool.close(),
      };
    },
    async close() {
      await bus.close();
      await Promise.all([views.close(), store.close(), checkpoints.close(), idempotency.close()]);
    },
  };
}
