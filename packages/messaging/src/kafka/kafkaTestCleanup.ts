import { Kafka, logLevel } from 'kafkajs';

/** Deletes the topics and consumer groups an integration suite created on a real broker. */
export async function deleteKafkaTopicsAndGroups(brokers: readonly string[], names: { topics: string[]; groups: string[] }): Promise<void> {
  const admin = new Kafka({ brokers: [...brokers], clientId: 'backbone-test-cleanup', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const owned = names.topics.filter((topic) => existing.has(topic));
    if (owned.length > 0) await admin.deleteTopics({ topics: owned });
    if (names.groups.length > 0) await admin.deleteGroups(names.groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
