import { scrapeSnapshot, snapshotGauge } from '@backbone/service-kit';
import type { SnapshotGaugeSpec } from '@backbone/service-kit';
import type { Registry } from 'prom-client';
import { readPlatformsBoard } from './platformsBoardSection.ts';
import type { PlatformsBoardOptions } from './platformsBoardSection.ts';
import type { PlatformsBoard } from './platformsBoardQuery.ts';

export interface PlatformsGaugesOptions extends PlatformsBoardOptions {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
}

const GAUGES: readonly SnapshotGaugeSpec<PlatformsBoard>[] = [
  {
    name: 'backbone_platforms_platforms',
    help: 'town/street platforms by status',
    labelNames: ['status'],
    series: (b) => Object.entries(b.platforms.byStatus).map(([status, n]) => [{ status }, n] as const),
  },
  { name: 'backbone_platforms_coverage_ratio', help: 'operating platforms / towns with a platform', labelNames: [], series: (b) => [[{}, b.platforms.coverage]] },
  {
    name: 'backbone_platforms_district_coverage_ratio',
    help: 'operating platforms / towns with a platform, per district',
    labelNames: ['district'],
    series: (b) => b.districts.map((d) => [{ district: d.district }, d.coverage] as const),
  },
  { name: 'backbone_platforms_field_services', help: 'services delivered per key field', labelNames: ['field'], series: (b) => b.fields.map((f) => [{ field: f.field }, f.services] as const) },
  {
    name: 'backbone_platforms_field_beneficiaries',
    help: 'people served per key field',
    labelNames: ['field'],
    series: (b) => b.fields.map((f) => [{ field: f.field }, f.beneficiaries] as const),
  },
  {
    name: 'backbone_platforms_field_volunteer_hours',
    help: 'volunteer hours per key field',
    labelNames: ['field'],
    series: (b) => b.fields.map((f) => [{ field: f.field }, f.volunteerHours] as const),
  },
  {
    name: 'backbone_platforms_month_services',
    help: 'services delivered per month and key field',
    labelNames: ['month', 'field'],
    series: (b) => b.months.flatMap((m) => m.fields.map((f) => [{ month: m.month, field: f.field }, f.services] as const)),
  },
  {
    name: 'backbone_platforms_month_beneficiaries',
    help: 'people served per month and key field',
    labelNames: ['month', 'field'],
    series: (b) => b.months.flatMap((m) => m.fields.map((f) => [{ month: m.month, field: f.field }, f.beneficiaries] as const)),
  },
  { name: 'backbone_platforms_active_fields', help: 'key fields with any service (breadth)', labelNames: [], series: (b) => [[{}, b.breadth.activeFields]] },
  {
    name: 'backbone_platforms_qualified_service_ratio',
    help: 'services delivered with certified or tiered talent / services',
    labelNames: [],
    series: (b) => [[{}, b.services.qualifiedShare]],
  },
  {
    name: 'backbone_platforms_services_month_change_ratio',
    help: 'services of the latest month against the month before, as a ratio of change',
    labelNames: [],
    series: (b) => [[{}, b.trend?.services.changeRatio ?? null]],
  },
];

/**
 * Registers the platforms KPIs as gauges read from the platforms board view at every scrape
 * (one shared read per scrape), plus `backbone_platforms_scrape_errors_total`.
 */
export function registerPlatformsGauges(options: PlatformsGaugesOptions): void {
  const { registry } = options;
  const snapshot = scrapeSnapshot({
    registry,
    read: () => readPlatformsBoard(options),
    errorsMetric: { name: 'backbone_platforms_scrape_errors_total', help: 'scrapes whose platforms gauges could not be read (the gauges were left empty)' },
  });
  for (const spec of GAUGES) snapshotGauge(registry, snapshot, spec);
}
