import { randomUUID } from 'node:crypto';
import { BackboneError, deadLetterTopic } from '@backbone/contracts';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin, KafkaMessage } from 'kafkajs';
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.ts';
import { replayerGroup, toDeadLetter } from '../deadLetters/deadLetterRecord.ts';
import type { DeadLetter, DeadLetterTool } from '../deadLetters/deadLetterRecord.ts';
import { createKafkaBus } from './kafkaBus.ts';
import { decodeHeaders } from './kafkaConsumer.ts';
import { kafkajsLogCreator } from './kafkaLogger.ts';

export interface KafkaDeadLetterToolOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger?: Logger;
  /** Gives up reading a dead-letter topic after this long (default 60000 ms). */
  readonly timeoutMs?: number;
}

type Watermarks = Map<number, { low: bigint; high: bigint }>;

/** Dead-letter tooling over Kafka: reads `<group>.dlq`, republishes, commits `<group>.dlq.replayer`. */
export function createKafkaDeadLetterTool(options: KafkaDeadLetterToolOptions): DeadLetterTool {
  const logger = options.logger ?? pino({ level: 'silent' });
  const kafka = new Kafka({ clientId: options.clientId, brokers: [...options.brokers], logLevel: logLevel.WARN, logCreator: kafkajsLogCreator(logger) });
  const bus: Bus = createKafkaBus({ brokers: options.brokers, clientId: options.clientId, logger });
  let adminClient: Promise<Admin> | undefined;
  const admin = () =>
    (adminClient ??= (async () => {
      const client = kafka.admin();
      await client.connect();
      return client;
    })());

  async function watermarks(topic: string): Promise<Watermarks> {
    const client = await admin();
    if (!(await client.listTopics()).includes(topic)) return new Map();
    const offsets = await client.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
  }

  async function committed(groupId: string, topic: string): Promise<Map<number, bigint>> {
    const client = await admin();
    const [offsets] = await client.fetchOffsets({ groupId, topics: [topic] });
    return new Map((offsets?.partitions ?? []).filter((p) => p.offset !== '-1').map((p) => [p.partition, BigInt(p.offset)]));
  }

  /** Runs `onMessage` over every record below the high watermarks, as member of `groupId`. */
  async function readUpTo(
    topic: string,
    groupId: string,
    ends: Watermarks,
    start: Map<number, bigint>,
    onMessage: (partition: number, message: KafkaMessage) => Promise<'commit' | 'skip'>,
  ): Promise<void> {
    const next = new Map([...ends].map(([partition, { low }]) => [partition, start.get(partition) ?? low]));
    const finished = () => [...ends].every(([partition, { high }]) => next.get(partition)! >= high);
    if (finished()) return;
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      let done: () => void = () => {};
      const allRead = new Promise<void>((resolve) => (done = resolve));
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const offset = BigInt(message.offset);
          if (offset >= (ends.get(partition)?.high ?? 0n)) return;
          if ((await onMessage(partition, message)) === 'commit') {
            await consumer.commitOffsets([{ topic, partition, offset: (offset + 1n).toString() }]);
          }
          next.set(partition, offset + 1n);
          if (finished()) done();
        },
      });
      const timeoutMs = options.timeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new BackboneError('unavailable', `reading ${topic} did not finish within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([allRead, timeout]).finally(() => clearTimeout(timer));
    } finally {
      await consumer.disconnect();
    }
  }

  return {
    async list(group: string): Promise<DeadLetter[]> {
      const topic = deadLetterTopic(group);
      const ends = await watermarks(topic);
      if (ends.size === 0) return [];
      const replayedUpTo = await committed(replayerGroup(group), topic);
      const letters: DeadLetter[] = [];
      const reader = `${group}.dlq.lister.${randomUUID()}`;
      await readUpTo(topic, reader, ends, new Map(), async (partition, message) => {
        const record = {
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value?.toString('utf8') ?? '',
          headers: decodeHeaders(message.headers),
        };
        letters.push(toDeadLetter(record, BigInt(message.offset) < (replayedUpTo.get(partition) ?? 0n)));
        return 'skip';
      });
      await (await admin()).deleteGroups([reader]).catch(() => undefined);
      return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
    },

    async replay(group: string): Promise<{ replayed: number }> {
      const topic = deadLetterTopic(group);
      const replayer = replayerGroup(group);
      const ends = await watermarks(topic);
      if (ends.size === 0) return { replayed: 0 };
      let replayed = 0;
      await readUpTo(topic, replayer, ends, await committed(replayer, topic), async (partition, message) => {
        const letter = toDeadLetter(
          {
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? '',
            value: message.value?.toString('utf8') ?? '',
            headers: decodeHeaders(message.headers),
          },
          false,
        );
        await bus.publish(letter.originalTopic, [letter.record]);
        replayed++;
        return 'commit';
      });
      return { replayed };
    },

    async close() {
      await bus.close();
      const client = adminClient;
      adminClient = undefined;
      if (client) await (await client).disconnect();
    },
  };
}
