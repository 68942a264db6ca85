import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';

/**
 * Removes what one backbone deployment with its own NAMESPACE (= KAFKA_TOPIC_PREFIX) left on
 * shared servers: its Redis keys (`<namespace>:*`), its topics (`<namespace>.*`, dead-letter
 * topics included) and its consumer groups (`<namespace>.*`).
 */
export async function removeNamespace(options: { namespace: string; brokers: readonly string[]; redisUrl: string }): Promise<void> {
  const prefix = `${options.namespace}.`;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${options.namespace}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }

  const admin = new Kafka({ brokers: [...options.brokers], clientId: `${options.namespace}-cleanup`, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    // A member of a process that died keeps its group non-empty until its session times out;
    // such a group (unique to the run, and empty of offsets once its topics are gone) is left.
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    for (const group of groups) await admin.deleteGroups([group]).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
