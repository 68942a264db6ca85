// Parts of the projection benchmark; each runs in a process of its own.
import { randomUUID } from 'node:crypto';
import { createKafkaBus, envelopeToRecord, recordToEnvelope } from '@backbone/messaging';
import { oneBoardProjection } from '@backbone/service-board';
import { createRedisViewStore, createSqliteViewStore, markOf, startProjection } from '@backbone/views';
import type { Projection, ViewStore, ViewWrite } from '@backbone/views';
import { Redis } from 'ioredis';
import { rawKafka } from '../../fixtures/kafkaTopics.ts';
import { deleteRedisKeys } from '@backbone/testkit/redisKeys';
import { interleavedTaskEvents, take } from '../../fixtures/taskEnvelopes.ts';

export interface FillInput {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly events: number;
  readonly seed: number;
  readonly idPrefix: string;
}

/** Writes N realistic task events to the topic (CloudEvents binary mode), as the relay would. Not timed. */
export async function fillTopic(input: FillInput): Promise<{ events: number }> {
  const events = interleavedTaskEvents({ seed: input.seed, idPrefix: input.idPrefix });
  const producer = rawKafka(input.brokers, 'bench-fill').producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let sent = 0; sent < input.events; sent += 1000) {
      const records = take(events, Math.min(1000, input.events - sent)).map(envelopeToRecord);
      await producer.send({ topic: input.topic, acks: -1, messages: records.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers } })) });
    }
  } finally {
    await producer.disconnect();
  }
  return { events: input.events };
}

/** Steady-state throughput of a consumer: from the first record handled to the last (the group join is not timed). */
export interface ConsumeResult {
  readonly events: number;
  /** Events handled after the first ones: those the steady window saw being handled. */
  readonly steadyEvents: number;
  readonly steadySeconds: number;
  /** From subscribing to the last record, group join included. */
  readonly totalSeconds: number;
}

interface Clock {
  /** `n` records handled now (a batch counts all of its records at once). */
  tick(n?: number): void;
  readonly done: Promise<ConsumeResult>;
}

function countTo(expected: number, timeoutMs: number): Clock {
  const subscribed = performance.now();
  let first = 0;
  let firstGroup = 0;
  let seen = 0;
  let finish: (result: ConsumeResult) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const done = new Promise<ConsumeResult>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`only ${seen} of ${expected} records handled within ${timeoutMs / 1000} s`)), timeoutMs);
  return {
    done,
    tick(n = 1) {
      const now = performance.now();
      // The window opens when the first record (or batch) is done, so those are not counted in it.
      if (seen === 0) {
        first = now;
        firstGroup = n;
      }
      const before = seen;
      seen += n;
      if (before < expected && seen >= expected) {
        clearTimeout(timer);
        finish({ events: seen, steadyEvents: seen - firstGroup, steadySeconds: (now - first) / 1000, totalSeconds: (now - subscribed) / 1000 });
      }
    },
  };
}

export interface ProjectInput {
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  readonly topic: string;
  readonly events: number;
  /** Projection name and Redis key prefix: unique per run, deleted afterwards. */
  readonly name: string;
  readonly timeoutMs: number;
}

/** startProjection: the one board over the Kafka bus into the Redis view store. */
export async function oursProjection(input: ProjectInput): Promise<ConsumeResult> {
  const projection: Projection = { ...oneBoardProjection(), name: input.name, topics: [input.topic] };
  const bus = createKafkaBus({ brokers: input.brokers, clientId: `bench-projection-${randomUUID().slice(0, 8)}` });
  const views = createRedisViewStore({ redis: input.redisUrl, prefix: input.name });
  const clock = countTo(input.events, input.timeoutMs);
  const counted: ViewStore = {
    ...views,
    async apply(name, version, mark, viewWrites) {
      const applied = await views.apply(name, version, mark, viewWrites);
      clock.tick();
      return applied;
    },
    async applyNet(name, version, net) {
      const applied = await views.applyNet(name, version, net);
      // A net moves each aggregate's mark from the one it was projected from to its last event's.
      // Refused, it wrote nothing: its events go through `apply` one at a time, and count there.
      let events = 0;
      for (const { from, to } of net.marks.values()) events += to - from;
      if (applied) clock.tick(events);
      return applied;
    },
  };
  const running = await startProjection({ projection, bus, viewStore: counted, decode: recordToEnvelope });
  try {
    return await clock.done;
  } finally {
    await running.stop();
    await bus.close();
    await views.close();
    await deleteRedisKeys(input.redisUrl, `${input.name}:*`);
  }
}

/**
 * Raw kafkajs consumer with a no-op handler (kafkajs defaults: auto-commit). Afterwards it times
 * a few synchronous offset commits, the round trip a commit-per-record consumer pays per record.
 */
export async function rawConsumer(input: Omit<ProjectInput, 'redisUrl'>): Promise<ConsumeResult & { commitMs: number[] }> {
  const consumer = rawKafka(input.brokers, 'bench-raw-consumer').consumer({ groupId: `${input.name}-raw-consumer`, allowAutoTopicCreation: false });
  const clock = countTo(input.events, input.timeoutMs);
  let lastOffset = '0';
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [input.topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (partition === 0) lastOffset = message.offset;
        clock.tick();
      },
    });
    const result = await clock.done;
    const commitMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await consumer.commitOffsets([{ topic: input.topic, partition: 0, offset: (BigInt(lastOffset) + 1n).toString() }]);
      commitMs.push(performance.now() - started);
    }
    return { ...result, commitMs };
  } finally {
    await consumer.disconnect();
  }
}

export interface RedisInput {
  readonly redisUrl: string;
  readonly prefix: string;
  /** The events of the topic, made again from the same seed (`fillTopic`'s). */
  readonly events: number;
  readonly seed: number;
  readonly idPrefix: string;
  /** Events per pipeline. */
  readonly pipelineEvents: number;
}

/**
 * Raw ioredis: the key updates the board makes of the topic's events (each event's writes plus its
 * dedupe mark and position), pipelined. The writes are worked out beforehand, a pipeline's worth at
 * a time, by the board's projection over an in-memory SQLite view store; only the pipelines are timed.
 */
export async function rawRedis(input: RedisInput): Promise<{ events: number; keyUpdates: number; seconds: number }> {
  const redis = new Redis(input.redisUrl);
  const board = oneBoardProjection();
  const scratch = createSqliteViewStore({ path: ':memory:' });
  const events = interleavedTaskEvents({ seed: input.seed, idPrefix: input.idPrefix });
  const p = input.prefix;
  let keyUpdates = 0;
  let seconds = 0;
  try {
    for (let done = 0; done < input.events; done += input.pipelineEvents) {
      const chunk: ViewWrite[][] = [];
      for (const envelope of take(events, Math.min(input.pipelineEvents, input.events - done))) {
        const writes = await board.project(envelope, scratch.readerOf(board.name, '1'));
        await scratch.apply(board.name, '1', markOf(envelope), writes);
        chunk.push(writes);
      }
      const started = performance.now();
      const pipeline = redis.pipeline();
      chunk.forEach((writes, n) => {
        for (const write of writes) {
          if (write.op === 'put') pipeline.hset(`${p}:doc:${write.collection}`, write.id, JSON.stringify(write.doc));
          else if (write.op === 'delete') pipeline.hdel(`${p}:doc:${write.collection}`, write.id);
          else if (write.op === 'addToSet') pipeline.sadd(`${p}:set:${write.set}`, write.member);
          else if (write.op === 'removeFromSet') pipeline.srem(`${p}:set:${write.set}`, write.member);
          else pipeline.hincrby(`${p}:counters`, write.counter, write.by);
        }
        pipeline.hset(`${p}:marks`, `task-${done + n}`, String(done + n));
        pipeline.hset(`${p}:meta`, 'position', String(done + n));
        keyUpdates += writes.length + 2;
      });
      await pipeline.exec();
      seconds += (performance.now() - started) / 1000;
    }
    return { events: input.events, keyUpdates, seconds };
  } finally {
    await scratch.close();
    await redis.quit();
    await deleteRedisKeys(input.redisUrl, `${p}:*`);
  }
}
