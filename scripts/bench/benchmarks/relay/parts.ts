// The relay part: ours and the raw producer in one process, batch by batch in alternation, so
// both meet the broker and the machine in the same state.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { createKafkaBus, createRelay, createSqliteCheckpointStore, envelopeToRecord } from '@backbone/messaging';
import { Partitioners } from 'kafkajs';
import { rawKafka } from '../../fixtures/kafkaTopics.ts';
import { fillEventLog } from '../../fixtures/sqliteEventLog.ts';
import { interleavedTaskEvents, take } from '../../fixtures/taskEnvelopes.ts';

export interface RelayInput {
  readonly brokers: readonly string[];
  /** Fresh topics: what ours publishes to, what the raw producer publishes to, and one written before timing. */
  readonly topics: { readonly ours: string; readonly raw: string; readonly warm: string };
  readonly events: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly idPrefix: string;
  /** Where the relay's store and checkpoint files go. */
  readonly dir: string;
}

export interface Timed {
  readonly events: number;
  readonly seconds: number;
}

const warmRecord = () => ({ key: 'warm-up', headers: { 'content-type': 'application/json' }, value: '{}' });

/**
 * createRelay + createKafkaBus tailing a SQLite store of N events (one `runOnce` = read a page,
 * publish it, checkpoint) against a raw kafkajs producer sending the same records with the same
 * batch size, acks -1, idempotence and one request in flight.
 */
export async function relaySideBySide(input: RelayInput): Promise<{ ours: Timed; raw: Timed }> {
  const storePath = join(input.dir, `${input.topics.ours}-events.db`);
  await fillEventLog(storePath, interleavedTaskEvents({ seed: input.seed, idPrefix: input.idPrefix }), input.events);
  const records = take(interleavedTaskEvents({ seed: input.seed, idPrefix: input.idPrefix }), input.events).map(envelopeToRecord);
  const store = createSqliteEventStore({ path: storePath });
  const checkpoints = createSqliteCheckpointStore({ path: join(input.dir, `${input.topics.ours}-checkpoints.db`) });
  const bus = createKafkaBus({ brokers: input.brokers, clientId: `bench-relay-${randomUUID().slice(0, 8)}` });
  const producer = rawKafka(input.brokers, `bench-raw-${randomUUID().slice(0, 8)}`).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  try {
    // Connections and the idempotent producers' handshakes happen here, before timing.
    await bus.ensureTopics([input.topics.ours, input.topics.warm]);
    await bus.publish(input.topics.warm, [warmRecord()]);
    await producer.connect();
    await producer.send({ topic: input.topics.warm, acks: -1, messages: [warmRecord()] });

    const relay = createRelay({ store, bus, checkpoints, name: 'bench-relay', topicFor: () => input.topics.ours, batchSize: input.batchSize });
    const ours = { events: 0, ms: 0 };
    const raw = { events: 0, ms: 0 };
    const oursBatch = async () => {
      const started = performance.now();
      ours.events += await relay.runOnce();
      ours.ms += performance.now() - started;
    };
    const rawBatch = async () => {
      const batch = records.slice(raw.events, raw.events + input.batchSize);
      const started = performance.now();
      await producer.send({ topic: input.topics.raw, acks: -1, messages: batch.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })) });
      raw.ms += performance.now() - started;
      raw.events += batch.length;
    };
    for (let turn = 0; ours.events < input.events || raw.events < records.length; turn++) {
      const order = turn % 2 === 0 ? [rawBatch, oursBatch] : [oursBatch, rawBatch];
      for (const step of order) {
        if (step === oursBatch ? ours.events < input.events : raw.events < records.length) await step();
      }
    }
    if ((await relay.runOnce()) !== 0) throw new Error('the relay still had events after publishing all of them');
    return { ours: { events: ours.events, seconds: ours.ms / 1000 }, raw: { events: raw.events, seconds: raw.ms / 1000 } };
  } finally {
    await producer.disconnect();
    await bus.close();
    await checkpoints.close();
    await store.close();
  }
}
