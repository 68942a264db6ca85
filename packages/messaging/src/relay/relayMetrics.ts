import type { Registry } from 'prom-client';
import { registeredCounter, registeredGauge } from '../metrics/registeredMetric.ts';

/** Relay metrics (names prefixed `backbone_relay_`). */
export interface RelayMetrics {
  published(relay: string, topic: string, count: number): void;
  lag(relay: string, events: number, seconds: number): void;
  /** A checkpoint save refused: the stored checkpoint was not the one the cycle loaded. */
  checkpointConflict(relay: string): void;
}

/** Relay metrics on `registry`, or a no-op when none is given. */
export function createRelayMetrics(registry?: Registry): RelayMetrics {
  if (!registry) return { published() {}, lag() {}, checkpointConflict() {} };
  const published = registeredCounter(registry, 'backbone_relay_events_published_total', 'Events the relay published to the bus', [
    'relay',
    'topic',
  ]);
  const lagEvents = registeredGauge(registry, 'backbone_relay_lag_events', 'Events in the store not yet published (head - checkpoint)', ['relay']);
  const lagSeconds = registeredGauge(
    registry,
    'backbone_relay_lag_seconds',
    'Age of the oldest event not yet published (0 when caught up)',
    ['relay'],
  );
  const conflicts = registeredCounter(
    registry,
    'backbone_relay_checkpoint_conflicts_total',
    'Checkpoint saves refused because the checkpoint changed since the relay loaded it (lost, or moved by another relay)',
    ['relay'],
  );
  return {
    published: (relay, topic, count) => published.inc({ relay, topic }, count),
    checkpointConflict: (relay) => conflicts.inc({ relay }),
    lag(relay, events, seconds) {
      lagEvents.set({ relay }, Math.max(0, events));
      lagSeconds.set({ relay }, Math.max(0, seconds));
    },
  };
}
