import type { Admin } from 'kafkajs';
import type { ConsumerMetrics } from '../consumers/consumerMetrics.ts';

/** Sets the lag gauge of every partition of `topics`: high watermark − the group's committed offset. */
export async function refreshKafkaLag(
  admin: () => Promise<Admin>,
  group: string,
  topics: readonly string[],
  metrics: ConsumerMetrics,
): Promise<void> {
  const client = await admin();
  const committed = await client.fetchOffsets({ groupId: group, topics: [...topics] });
  for (const topic of topics) {
    const watermarks = await client.fetchTopicOffsets(topic);
    const byPartition = new Map(committed.find((c) => c.topic === topic)?.partitions.map((p) => [p.partition, p.offset]));
    for (const { partition, high, low } of watermarks) {
      const offset = byPartition.get(partition);
      const from = offset === undefined || offset === '-1' ? BigInt(low) : BigInt(offset);
      metrics.lag(group, topic, partition, Number(BigInt(high) - from));
    }
  }
}
