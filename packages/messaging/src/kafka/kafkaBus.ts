import { setTimeout } from 'node:timers/promises';
import { BackboneError, deadLetterTopic } from '@backbone/contracts';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Admin, IHeaders, Producer } from 'kafkajs';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Bus, BusRecord, RunningConsumer, Subscription } from '../bus/bus.ts';
import { createConsumerMetrics } from '../consumers/consumerMetrics.ts';
import type { RetryBackoff } from '../consumers/deliverWithRetries.ts';
import { startKafkaConsumer } from './kafkaConsumer.ts';
import { kafkajsLogCreator } from './kafkaLogger.ts';

const TOPIC_CREATION_ATTEMPTS = 5;

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** SASL/SCRAM credentials of this process's principal, for a broker with ACLs. */
  readonly sasl?: { readonly username: string; readonly password: string };
  readonly logger?: Logger;
  /** Consumer metrics (records by outcome, dead letters, lag) are registered here. */
  readonly metrics?: Registry;
  /** Partitions of topics created by `ensureTopics` (default 3). */
  readonly partitions?: number;
  /** Replication factor of topics created by `ensureTopics` (default 1: a single-node broker). */
  readonly replicationFactor?: number;
  /** Backoff between retries of a failing record. */
  readonly retryBackoff?: RetryBackoff;
  /** How often consumer lag is refreshed from the broker (default 5000 ms). */
  readonly lagRefreshMs?: number;
  /** Consumer session timeout (default 30000 ms): how long a crashed member keeps its partitions. */
  readonly sessionTimeoutMs?: number;
  /** Longest wait of an idle fetch (default 500 ms); `stop()` waits for the fetch in flight. */
  readonly maxWaitTimeMs?: number;
  /**
   * A consumer that shows no sign of life (no fetch, heartbeat or join) for this long counts as
   * dead, and a new one takes its place (default 120000 ms; tests shorten it).
   */
  readonly consumerSilenceMs?: number;
}

/** The Kafka adapter of the bus port (kafkajs; idempotent producer, acks=all, manual commits). */
export function createKafkaBus(options: KafkaBusOptions): Bus {
  const logger = options.logger ?? pino({ level: 'silent' });
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...(options.sasl ? { sasl: { mechanism: 'scram-sha-512' as const, ...options.sasl } } : {}),
    logLevel: logLevel.WARN,
    logCreator: kafkajsLogCreator(logger),
  });
  const metrics = createConsumerMetrics(options.metrics);
  const ensured = new Set<string>();
  const consumers = new Set<RunningConsumer>();
  let admin: Promise<Admin> | undefined;
  let producer: Promise<Producer> | undefined;
  // Sends go one at a time: kafkajs' idempotent producer has mis-sequenced concurrent sends
  // (kafkajs#598), and one in-flight request keeps order per partition under retries.
  let sendChain: Promise<unknown> = Promise.resolve();

  const connectedAdmin = () =>
    (admin ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      return client;
    })());
  const connectedProducer = () =>
    (producer ??= (async () => {
      const client = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await client.connect();
      return client;
    })());

  async function ensureTopics(topics: readonly string[]): Promise<void> {
    const wanted = [...new Set(topics)].filter((topic) => !ensured.has(topic));
    if (wanted.length === 0) return;
    const client = await connectedAdmin();
    const existing = new Set(await client.listTopics());
    // Creating topics on a busy or freshly started broker can fail with a retriable error
    // ("does not host this topic-partition"); try a few times before giving up.
    for (let attempt = 1, missing = wanted.filter((topic) => !existing.has(topic)); missing.length > 0; attempt += 1) {
      try {
        await client.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: options.partitions ?? 3,
            replicationFactor: options.replicationFactor ?? 1,
          })),
        });
        break;
      } catch (error) {
        // Another process may have created some of them meanwhile; only a topic still missing is an error.
        const now = new Set(await client.listTopics());
        missing = missing.filter((topic) => !now.has(topic));
        if (missing.length === 0) break;
        if (attempt >= TOPIC_CREATION_ATTEMPTS) {
          throw new BackboneError('unavailable', `could not create topics ${missing.join(', ')}`, { cause: error });
        }
        await setTimeout(250 * 2 ** (attempt - 1));
      }
    }
    for (const topic of wanted) ensured.add(topic);
  }

  async function publish(topic: string, records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    const client = await connectedProducer();
    // One send per slice, in order: the partition's record batch of a larger send could pass the
    // broker's message.max.bytes, which refuses it whole.
    const send = sendChain.then(async () => {
      for (const slice of sendSlices(records)) {
        await client.send({
          topic,
          acks: -1,
          messages: slice.map((record) => ({ key: record.key, value: record.value, headers: { ...record.headers } as IHeaders })),
        });
      }
    });
    sendChain = send.catch(() => undefined);
    try {
      await send;
    } catch (error) {
      throw new BackboneError('unavailable', `publishing ${records.length} record(s) to ${topic} failed`, { cause: error });
    }
  }

  async function subscribe(subscription: Subscription): Promise<RunningConsumer> {
    await ensureTopics([...subscription.topics, deadLetterTopic(subscription.group)]);
    metrics.subscribed(subscription.group);
    const running = await startKafkaConsumer({
      kafka,
      subscription,
      admin: connectedAdmin,
      publish,
      metrics,
      logger,
      retryBackoff: options.retryBackoff,
      lagRefreshMs: options.lagRefreshMs ?? 5000,
      sessionTimeoutMs: options.sessionTimeoutMs,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 500,
      silentForMs: options.consumerSilenceMs,
    });
    const handle: RunningConsumer = {
      stop: async () => {
        consumers.delete(handle);
        await running.stop();
      },
    };
    consumers.add(handle);
    return handle;
  }

  async function close(): Promise<void> {
    await Promise.all([...consumers].map((consumer) => consumer.stop()));
    await sendChain;
    const clients: Promise<{ disconnect(): Promise<void> }>[] = [];
    if (producer) clients.push(producer);
    if (admin) clients.push(admin);
    producer = undefined;
    admin = undefined;
    await Promise.allSettled(clients.map(async (client) => (await client).disconnect()));
  }

  return { ensureTopics, publish, subscribe, close };
}

/**
 * The most bytes in one send, counting keys, values, headers and what each record and header
 * adds in a record batch (RECORD_FRAMING, HEADER_FRAMING: generous bounds of their varints and
 * attributes): under Kafka's default message.max.bytes (1 MB), which bounds a partition's record
 * batch, with room for the batch's own header. A relay batch of 500 task events (about 340 kB
 * so counted) goes in one send; counting it costs about 0.4 ms, against a broker round trip of
 * tens of milliseconds per batch.
 */
const SEND_BYTES = 900 * 1024;
const RECORD_FRAMING = 32;
const HEADER_FRAMING = 8;

/** `records` in consecutive slices of at most SEND_BYTES each (a larger record alone in its slice: the broker judges it). */
function sendSlices(records: readonly BusRecord[]): BusRecord[][] {
  const slices: BusRecord[][] = [];
  let slice: BusRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    let size = RECORD_FRAMING + Buffer.byteLength(record.key) + Buffer.byteLength(record.value);
    for (const name in record.headers) size += HEADER_FRAMING + Buffer.byteLength(name) + Buffer.byteLength(record.headers[name]!);
    if (slice.length > 0 && bytes + size > SEND_BYTES) {
      slices.push(slice);
      slice = [];
      bytes = 0;
    }
    slice.push(record);
    bytes += size;
  }
  slices.push(slice);
  return slices;
}
