import { deadLetterTopic } from '@backbone/contracts';
import { DLQ_HEADERS } from '@backbone/messaging';
import type { Bus, BusRecord, DeliveredRecord } from '@backbone/messaging';

/**
 * Sends a record straight to `<group>.dlq`, in the same shape the bus uses after its retries
 * (original headers + `dlq_*`), so `list`/`replay` and `pnpm backbone dlq` treat both alike.
 * Used for records no retry can fix: an event the adapter cannot read.
 */
export async function deadLetterNow(bus: Bus, group: string, record: DeliveredRecord, reason: string): Promise<void> {
  const original = Object.fromEntries(Object.entries(record.headers).filter(([name]) => !name.startsWith('dlq_')));
  const letter: BusRecord = {
    key: record.key,
    value: record.value,
    headers: {
      ...original,
      [DLQ_HEADERS.reason]: reason.replace(/\s+/g, ' ').slice(0, 1000),
      [DLQ_HEADERS.originalTopic]: record.topic,
      [DLQ_HEADERS.partition]: String(record.partition),
      [DLQ_HEADERS.offset]: record.offset,
      [DLQ_HEADERS.group]: group,
      [DLQ_HEADERS.attempts]: String(record.attempt),
    },
  };
  await bus.publish(deadLetterTopic(group), [letter]);
}
