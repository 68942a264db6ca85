import type { Registry } from 'prom-client';
import { counterIn, histogramIn } from '../metrics/registered.ts';

/** What became of one record an adapter received. */
export type AdapterOutcome = 'handled' | 'ignored' | 'dead_lettered' | 'skipped_unreadable' | 'failed_attempt';

export interface AdapterMetrics {
  outcome(event: string, outcome: AdapterOutcome): void;
  handled(event: string, seconds: number): void;
  deadLettered(group: string): void;
}

/**
 * `backbone_adapter_events_total{adapter,event,outcome}`, `backbone_adapter_handler_seconds{adapter,event}`
 * and — for records the adapter dead-letters itself — the bus's own
 * `backbone_consumer_dead_letters_total{group}`, so one DLQ alert covers every consumer.
 */
export function adapterMetrics(registry: Registry | undefined, adapter: string): AdapterMetrics {
  if (!registry) return { outcome() {}, handled() {}, deadLettered() {} };
  const events = counterIn(registry, 'backbone_adapter_events_total', 'Events received by department adapters, by outcome', [
    'adapter',
    'event',
    'outcome',
  ]);
  const seconds = histogramIn(
    registry,
    'backbone_adapter_handler_seconds',
    'Time a department adapter took to handle one event (successful attempts)',
    ['adapter', 'event'],
    [0.005, 0.02, 0.1, 0.5, 1, 2.5, 5, 10, 30],
  );
  const deadLetters = counterIn(registry, 'backbone_consumer_dead_letters_total', 'Records sent to a dead-letter topic', ['group']);
  return {
    outcome: (event, outcome) => events.inc({ adapter, event, outcome }),
    handled: (event, value) => seconds.observe({ adapter, event }, value),
    deadLettered: (group) => deadLetters.inc({ group }),
  };
}
