import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

/**
 * Returns the counter registered under `name`, creating it on first use: several buses,
 * consumers or relays may share one Registry, and prom-client refuses a second registration.
 */
export function registeredCounter<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing as Counter<L>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/** Like `registeredCounter`, for gauges. */
export function registeredGauge<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing as Gauge<L>;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}
