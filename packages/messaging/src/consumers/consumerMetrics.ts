import type { Registry } from 'prom-client';
import { registeredCounter, registeredGauge } from '../metrics/registeredMetric.ts';

/** What happened to one delivery attempt or one record. */
export type RecordOutcome = 'handled' | 'failed_attempt' | 'dead_lettered';

/** The consumer-side metrics both adapters report (names prefixed `backbone_`). */
export interface ConsumerMetrics {
  /** Counts `count` records (default 1) of one topic with this outcome. */
  recordOutcome(group: string, topic: string, outcome: RecordOutcome, count?: number): void;
  deadLettered(group: string): void;
  /** Starts a group's series at zero, so a first dead letter shows as an increase. */
  subscribed(group: string): void;
  lag(group: string, topic: string, partition: number, lag: number): void;
  /** Counts a consumer started again after its client stopped it for good. */
  restarted(group: string): void;
  readonly enabled: boolean;
}

/** Consumer metrics on `registry`, or a no-op when none is given. */
export function createConsumerMetrics(registry?: Registry): ConsumerMetrics {
  if (!registry) return { recordOutcome() {}, deadLettered() {}, subscribed() {}, lag() {}, restarted() {}, enabled: false };
  const records = registeredCounter(registry, 'backbone_consumer_records_total', 'Records seen by consumers, by outcome', [
    'group',
    'topic',
    'outcome',
  ]);
  const deadLetters = registeredCounter(registry, 'backbone_consumer_dead_letters_total', 'Records sent to a dead-letter topic', ['group']);
  const lag = registeredGauge(registry, 'backbone_consumer_lag', 'Records not yet committed by the group (head - committed offset)', [
    'group',
    'topic',
    'partition',
  ]);
  const restarts = registeredCounter(
    registry,
    'backbone_consumer_restarts_total',
    'Consumers started again after their Kafka client stopped them for good',
    ['group'],
  );
  return {
    enabled: true,
    recordOutcome: (group, topic, outcome, count = 1) => records.inc({ group, topic, outcome }, count),
    deadLettered: (group) => deadLetters.inc({ group }),
    subscribed: (group) => {
      deadLetters.inc({ group }, 0);
      restarts.inc({ group }, 0);
    },
    lag: (group, topic, partition, value) => lag.set({ group, topic, partition: String(partition) }, Math.max(0, value)),
    restarted: (group) => restarts.inc({ group }),
  };
}
