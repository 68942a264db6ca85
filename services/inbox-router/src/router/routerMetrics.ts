import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';

export interface RouterMetrics {
  event(outcome: 'routed' | 'unrouted' | 'duplicate'): void;
  /** `copies` events were copied to the department's inbox. */
  copied(department: string, copies: number): void;
}

function counterIn<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** `backbone_inbox_router_events_total{outcome}` and `backbone_inbox_router_copies_total{department}`. */
export function routerMetrics(registry?: Registry): RouterMetrics {
  if (!registry) return { event() {}, copied() {} };
  const events = counterIn(registry, 'backbone_inbox_router_events_total', 'Events seen by the inbox router, by outcome', ['outcome']);
  const copies = counterIn(registry, 'backbone_inbox_router_copies_total', 'Event copies published to department inboxes', ['department']);
  return { event: (outcome) => events.inc({ outcome }), copied: (department, count) => copies.inc({ department }, count) };
}
