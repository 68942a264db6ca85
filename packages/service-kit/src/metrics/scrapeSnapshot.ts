import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';

export interface ScrapeSnapshotOptions<T> {
  readonly registry: Registry;
  /** Reads what the gauges show, e.g. a board view. */
  readonly read: () => Promise<T>;
  /** The counter of scrapes whose read failed, e.g. `backbone_board_scrape_errors_total`. */
  readonly errorsMetric: { readonly name: string; readonly help: string };
}

/**
 * One read per scrape, shared by every gauge whose `collect` awaits it: prom-client collects
 * the gauges of one scrape concurrently. A failed read resolves to undefined (the gauges stay
 * empty, the scrape still succeeds) and is counted in the errors counter, which joins the same
 * read so the count includes a failure of this very scrape.
 */
export function scrapeSnapshot<T>(options: ScrapeSnapshotOptions<T>): () => Promise<T | undefined> {
  let inflight: Promise<T | undefined> | undefined;
  const snapshot = (): Promise<T | undefined> =>
    (inflight ??= options
      .read()
      .catch(() => {
        errors.inc();
        return undefined;
      })
      .finally(() => {
        inflight = undefined;
      }));
  const errors = new Counter({
    name: options.errorsMetric.name,
    help: options.errorsMetric.help,
    registers: [options.registry],
    async collect() {
      await snapshot();
    },
  });
  return snapshot;
}

/** One series of a snapshot gauge; a null value is left out (e.g. a ratio with no denominator yet), not 0. */
export type GaugeSeries = readonly [labels: Readonly<Record<string, string>>, value: number | null];

export interface SnapshotGaugeSpec<T> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  /** The series of one snapshot. */
  readonly series: (snapshot: T) => Iterable<GaugeSeries>;
}

/**
 * A gauge filled at every scrape from the snapshot `scrapeSnapshot` returned: emptied, then set
 * from `spec.series`; left empty when the snapshot could not be read.
 */
export function snapshotGauge<T>(registry: Registry, snapshot: () => Promise<T | undefined>, spec: SnapshotGaugeSpec<T>): Gauge {
  return new Gauge({
    name: spec.name,
    help: spec.help,
    labelNames: spec.labelNames,
    registers: [registry],
    async collect() {
      const taken = await snapshot();
      this.reset();
      if (taken === undefined) return;
      for (const [labels, value] of spec.series(taken)) {
        if (value !== null) this.set(labels, value);
      }
    },
  });
}
