import { randomBytes } from 'node:crypto';
import { deleteRedisKeys } from '@backbone/testkit';
import { Kafka, logLevel } from 'kafkajs';

/** A deployment's own corner of the shared Kafka and Redis. */
export interface ServerNamespace {
  /** Used as NAMESPACE and KAFKA_TOPIC_PREFIX. */
  readonly name: string;
  /** KAFKA_BROKERS, REDIS_URL, NAMESPACE and KAFKA_TOPIC_PREFIX for a backbone process. */
  readonly env: Readonly<Record<string, string>>;
  /** The Kafka topics under the namespace, sorted. */
  kafkaTopics(): Promise<string[]>;
  /** Deletes every Kafka topic and consumer group and every Redis key under the namespace. */
  remove(): Promise<void>;
}

/**
 * A fresh namespace on the shared servers, so that a suite's processes see none of another
 * deployment's events, consumer offsets or read models (and leave nothing behind after `remove`).
 */
export function serverNamespace(servers: { brokers: readonly string[]; redisUrl: string }, label = 'e2e'): ServerNamespace {
  const name = `${label}-${randomBytes(6).toString('hex')}`;
  return {
    name,
    env: { KAFKA_BROKERS: servers.brokers.join(','), REDIS_URL: servers.redisUrl, NAMESPACE: name, KAFKA_TOPIC_PREFIX: name },
    async kafkaTopics() {
      const admin = kafkaAdmin(servers.brokers, name);
      await admin.connect();
      try {
        return (await admin.listTopics()).filter((topic) => topic.startsWith(`${name}.`)).sort();
      } finally {
        await admin.disconnect();
      }
    },
    async remove() {
      await Promise.all([removeKafkaNamespace(servers.brokers, name), deleteRedisKeys(servers.redisUrl, `${name}:*`)]);
    },
  };
}

const kafkaAdmin = (brokers: readonly string[], name: string) =>
  new Kafka({ brokers: [...brokers], clientId: `${name}-admin`, logLevel: logLevel.NOTHING }).admin();

async function removeKafkaNamespace(brokers: readonly string[], name: string): Promise<void> {
  const admin = kafkaAdmin(brokers, name);
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const owned = groups.map((g) => g.groupId).filter((id) => id.startsWith(`${name}.`));
    if (owned.length > 0) await admin.deleteGroups(owned);
    // Dead-letter topics follow the (namespaced) group names, the others the topic prefix: both start with the name.
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${name}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
