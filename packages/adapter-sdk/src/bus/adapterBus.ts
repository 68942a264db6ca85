import { join } from 'node:path';
import { createEmbeddedBus, createEmbeddedDeadLetterTool, createKafkaBus, createKafkaDeadLetterTool } from '@backbone/messaging';
import type { Bus, DeadLetterTool, RetryBackoff } from '@backbone/messaging';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { z } from 'zod';

/**
 * Where an adapter's events come from: the backbone's Kafka cluster (distributed mode), or the
 * embedded backbone's SQLite log (`<DATA_DIR>/bus.db`, embedded mode).
 */
export type AdapterBusConfig =
  | {
      readonly kind: 'kafka';
      readonly brokers: readonly string[];
      readonly clientId?: string;
      /** Set when the backbone runs with `KAFKA_TOPIC_PREFIX`: topics are `<prefix>.<topic>`. */
      readonly topicPrefix?: string;
    }
  | { readonly kind: 'embedded'; readonly path: string };

export interface OpenAdapterBusOptions {
  /** Backoff between the attempts of a failing record (exponential, bounded). */
  readonly retryBackoff?: RetryBackoff;
  readonly metrics?: Registry;
  readonly logger?: Logger;
  /** Kafka client id when the config names none. */
  readonly clientId?: string;
}

/** Opens the bus an adapter consumes; the adapter owns it and closes it. */
export function openAdapterBus(config: AdapterBusConfig, options: OpenAdapterBusOptions = {}): Bus {
  if (config.kind === 'embedded') {
    return createEmbeddedBus({ path: config.path, retryBackoff: options.retryBackoff, metrics: options.metrics, logger: options.logger });
  }
  return createKafkaBus({
    brokers: config.brokers,
    clientId: config.clientId ?? options.clientId ?? 'backbone-adapter',
    retryBackoff: options.retryBackoff,
    metrics: options.metrics,
    logger: options.logger,
  });
}

/** The physical topic of a contract topic on this bus (the backbone's optional Kafka topic prefix). */
export function physicalTopic(config: AdapterBusConfig, topic: string): string {
  return config.kind === 'kafka' && config.topicPrefix ? `${config.topicPrefix}.${topic}` : topic;
}

/** The dead-letter tooling of the same bus: `list(group)`, `replay(group)`. */
export function openDeadLetters(config: AdapterBusConfig, options: { logger?: Logger } = {}): DeadLetterTool {
  return config.kind === 'embedded'
    ? createEmbeddedDeadLetterTool({ path: config.path })
    : createKafkaDeadLetterTool({ brokers: config.brokers, clientId: `${config.clientId ?? 'backbone-adapter'}-dlq`, logger: options.logger });
}

const optionalText = z.string().trim().min(1).optional();

/** The bus part of an adapter's environment; adapters extend it with their own variables. */
export const AdapterBusEnv = z.object({
  /** Kafka bootstrap brokers (comma list). Set = consume the distributed backbone's Kafka. */
  KAFKA_BROKERS: optionalText,
  /** The backbone's Kafka topic prefix, when it runs with one. */
  KAFKA_TOPIC_PREFIX: optionalText,
  /** Kafka client id of this adapter. */
  KAFKA_CLIENT_ID: optionalText,
  /** Embedded mode: the embedded backbone's data directory (its log is `<dir>/bus.db`). */
  BACKBONE_DATA_DIR: optionalText,
  /** Embedded mode: the log file itself, instead of BACKBONE_DATA_DIR. */
  BUS_PATH: optionalText,
});
export type AdapterBusEnv = z.infer<typeof AdapterBusEnv>;

/** The bus an environment names: Kafka when KAFKA_BROKERS is set, else the embedded log. */
export function busConfigOf(env: AdapterBusEnv): AdapterBusConfig {
  if (env.KAFKA_BROKERS) {
    return {
      kind: 'kafka',
      brokers: env.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
      clientId: env.KAFKA_CLIENT_ID,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
    };
  }
  return { kind: 'embedded', path: env.BUS_PATH ?? join(env.BACKBONE_DATA_DIR ?? './data', 'bus.db') };
}
