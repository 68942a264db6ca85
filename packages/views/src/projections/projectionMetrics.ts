import { Counter, Gauge, type Registry } from 'prom-client';

/** The projection metrics, registered once per Registry (so a runtime and a rebuild can share one). */
export interface ProjectionMetrics {
  readonly events: Counter<'projection' | 'outcome'>;
  readonly lagSeconds: Gauge<'projection'>;
  readonly rebuildProgress: Gauge<'projection'>;
  readonly rebuildEvents: Counter<'projection'>;
}

/** Gets or registers the `backbone_projection_*` metrics in `registry`. */
export function projectionMetrics(registry: Registry): ProjectionMetrics {
  return {
    events: counter(registry, 'backbone_projection_events_total', 'Events handled by projections, by outcome (applied, duplicate, gap)', ['projection', 'outcome']),
    lagSeconds: gauge(registry, 'backbone_projection_lag_seconds', 'Seconds between now and the time of the last event a projection applied', ['projection']),
    rebuildProgress: gauge(registry, 'backbone_projection_rebuild_progress_ratio', 'Share of the event log a running rebuild has read (0..1)', ['projection']),
    rebuildEvents: counter(registry, 'backbone_projection_rebuild_events_total', 'Events projected by rebuilds', ['projection']),
  };
}

function counter<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Counter<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

function gauge<L extends string>(registry: Registry, name: string, help: string, labelNames: L[]): Gauge<L> {
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  return new Gauge({ name, help, labelNames, registers: [registry] });
}
