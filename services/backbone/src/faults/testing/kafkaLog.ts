// Reads the suite's own topics with a plain kafkajs consumer, apart from the backbone's code, to
// check which events the broker really holds.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';

export interface KafkaLog {
  /** The namespace's context topics (`<ns>.backbone.<context>.v1`, no inbox copies) and dead-letter topics (`….dlq`). */
  topics(): Promise<{ readonly context: string[]; readonly deadLetter: string[] }>;
  /** Reads `topics` from their start to their end as of now: how often each event id (`ce_id`) occurs. */
  eventIds(topics: readonly string[]): Promise<Map<string, number>>;
  /** Messages held in `topics` (high minus low watermark, summed). */
  messageCount(topics: readonly string[]): Promise<number>;
  /**
   * The namespace's consumer groups (the suite's own readers aside), each with its state and
   * members right now and how many messages of the topics it committed on it has not committed yet.
   */
  consumerGroups(): Promise<ConsumerGroup[]>;
}

export interface ConsumerGroup {
  readonly group: string;
  /** As the coordinator reports it: `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Empty`, `Dead`. */
  readonly state: string;
  readonly members: number;
  readonly behind: number;
}

const READ_TIMEOUT_MS = 30_000;
/** The name part of the suite's own reader groups. */
const SUITE_READER = 'fault-suite-reader';

/** A reader of the Kafka topics under `namespace` (both the NAMESPACE and the KAFKA_TOPIC_PREFIX). */
export function kafkaLog(brokers: readonly string[], namespace: string): KafkaLog {
  const kafka = new Kafka({ brokers: [...brokers], clientId: `${namespace}-fault-suite`, logLevel: logLevel.NOTHING });

  async function withAdmin<T>(use: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }

  /** The end offset (exclusive) of every non-empty partition, keyed `topic:partition`. */
  const ends = (topics: readonly string[]) =>
    withAdmin(async (admin) => {
      const found = new Map<string, { low: bigint; high: bigint }>();
      for (const topic of topics) {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          found.set(`${topic}:${partition}`, { low: BigInt(low), high: BigInt(high) });
        }
      }
      return found;
    });

  return {
    topics: () =>
      withAdmin(async (admin) => {
        const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(`${namespace}.`)).sort();
        return {
          context: mine.filter((topic) => /^[a-z0-9-]+\.backbone\.[a-z]+\.v1$/.test(topic)),
          deadLetter: mine.filter((topic) => topic.endsWith('.dlq')),
        };
      }),

    async messageCount(topics) {
      let total = 0n;
      for (const { low, high } of (await ends(topics)).values()) total += high - low;
      return Number(total);
    },

    async eventIds(topics) {
      const seen = new Map<string, number>();
      const remaining = new Map([...(await ends(topics))].filter(([, { low, high }]) => high > low));
      if (remaining.size === 0) return seen;
      const groupId = `${namespace}.${SUITE_READER}-${randomUUID()}`;
      const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
      let finish: () => void = () => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [...topics], fromBeginning: true });
        await consumer.run({
          eachBatch: async ({ batch }) => {
            const key = `${batch.topic}:${batch.partition}`;
            const end = remaining.get(key);
            for (const message of batch.messages) {
              if (end === undefined || BigInt(message.offset) >= end.high) break;
              const raw = message.headers?.ce_id;
              const id = (Array.isArray(raw) ? raw.at(-1) : raw)?.toString() ?? `(no ce_id at ${key}:${message.offset})`;
              seen.set(id, (seen.get(id) ?? 0) + 1);
              if (BigInt(message.offset) + 1n >= end.high) remaining.delete(key);
            }
            if (remaining.size === 0) finish();
          },
        });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), READ_TIMEOUT_MS)));
        const outcome = await Promise.race([finished, timedOut]);
        clearTimeout(timer);
        if (outcome === 'timeout') throw new Error(`reading ${topics.join(', ')} did not reach the end within ${READ_TIMEOUT_MS} ms; left: ${[...remaining.keys()].join(', ')}`);
        return seen;
      } finally {
        await consumer.disconnect();
        await withAdmin((admin) => admin.deleteGroups([groupId])).catch(() => undefined);
      }
    },

    async consumerGroups() {
      // Each group's state and members, and its committed offset on every partition of the topics it committed on (-1: never).
      const found = await withAdmin(async (admin) => {
        const ids = (await admin.listGroups()).groups
          .map((g) => g.groupId)
          .filter((id) => id.startsWith(`${namespace}.`) && !id.includes(SUITE_READER))
          .sort();
        if (ids.length === 0) return [];
        const { groups } = await admin.describeGroups(ids);
        const described = new Map(groups.map((g) => [g.groupId, { state: g.state, members: g.members.length }]));
        return Promise.all(
          ids.map(async (group) => {
            const topics = (await admin.fetchOffsets({ groupId: group })).map((t) => t.topic);
            const offsets = new Map<string, bigint>();
            for (const { topic, partitions } of topics.length > 0 ? await admin.fetchOffsets({ groupId: group, topics }) : []) {
              for (const { partition, offset } of partitions) offsets.set(`${topic}:${partition}`, BigInt(offset));
            }
            return { group, ...(described.get(group) ?? { state: 'Dead', members: 0 }), offsets };
          }),
        );
      });
      const topics = new Set(found.flatMap(({ offsets }) => [...offsets.keys()].map((key) => key.slice(0, key.lastIndexOf(':')))));
      const end = await ends([...topics]);
      return found.map(({ group, state, members, offsets }) => {
        let behind = 0n;
        for (const [key, offset] of offsets) {
          const { low, high } = end.get(key) ?? { low: 0n, high: 0n };
          behind += high - (offset < 0n ? low : offset);
        }
        return { group, state, members, behind: Number(behind) };
      });
    },
  };
}
