import type { ViewStore } from '@backbone/views';
import { scrapeSnapshot, snapshotGauge } from '@backbone/service-kit';
import type { GaugeSeries, SnapshotGaugeSpec } from '@backbone/service-kit';
import type { Registry } from 'prom-client';
import { TALENT_BOARD } from '../projections/talentBoardCounters.ts';
import { readTalentBoard } from './talentBoard.ts';
import type { TalentBoard } from './talentBoard.ts';

export interface TalentGaugesOptions {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  readonly views: ViewStore;
  /** The directory's fields, so each gets a series before anything happened in it. */
  readonly fields?: () => Promise<readonly string[]>;
}

/** `name` without its `backbone_talent_` prefix. */
type GaugeSpec = SnapshotGaugeSpec<TalentBoard>;

const each = (record: Readonly<Record<string, number>>, label: string): GaugeSeries[] =>
  Object.entries(record).map(([key, value]) => [{ [label]: key }, value]);
const one = (value: number): GaugeSeries[] => [[{}, value]];

const GAUGES: readonly GaugeSpec[] = [
  { name: 'people', help: 'people registered and not erased, by kind', labelNames: ['kind'], series: (b) => each(b.people.byKind, 'kind') },
  { name: 'people_by_sector', help: 'people registered and not erased, by sector', labelNames: ['sector'], series: (b) => each(b.people.bySector, 'sector') },
  { name: 'people_by_tier', help: 'people by tier reached (none = not selected yet)', labelNames: ['tier'], series: (b) => each(b.people.byTier, 'tier') },
  { name: 'people_by_field', help: 'people working in each key field', labelNames: ['field'], series: (b) => each(b.people.byField, 'field') },
  { name: 'people_erased', help: 'people whose personal data was erased', labelNames: [], series: (b) => one(b.people.erased) },
  { name: 'selection_rounds', help: 'selection rounds opened', labelNames: [], series: (b) => one(b.selection.rounds) },
  { name: 'selection_results', help: 'selection results recorded (tiers assigned)', labelNames: [], series: (b) => one(b.selection.results) },
  { name: 'trainings_completed', help: 'courses completed', labelNames: [], series: (b) => one(b.trainings.completed) },
  { name: 'training_hours', help: 'hours of the courses completed', labelNames: [], series: (b) => one(b.trainings.hours) },
  { name: 'certifications', help: 'certifications granted', labelNames: [], series: (b) => one(b.trainings.certifications) },
  {
    name: 'incentives_granted',
    help: 'incentives granted, by the issuing department',
    labelNames: ['department'],
    series: (b) => Object.entries(b.incentives.byDepartment).map(([department, g]): GaugeSeries => [{ department }, g.granted]),
  },
  {
    name: 'incentives_granted_fen',
    help: 'fen granted as incentives, by the issuing department',
    labelNames: ['department'],
    series: (b) => Object.entries(b.incentives.byDepartment).map(([department, g]): GaugeSeries => [{ department }, g.grantedFen]),
  },
  { name: 'incentive_budget_fen', help: 'fen budgeted by the incentive policies issued', labelNames: [], series: (b) => one(b.incentives.budgetFen) },
  {
    name: 'service_hours',
    help: 'hours served, by key field and kind of person (volunteer hours: kind="volunteer")',
    labelNames: ['field', 'kind'],
    series: (b) =>
      Object.entries(b.serviceHours.byField).flatMap(([field, h]) => Object.entries(h.byKind).map(([kind, value]): GaugeSeries => [{ field, kind }, value])),
  },
  { name: 'practice_bases', help: 'practice bases designated with universities', labelNames: [], series: (b) => one(b.practiceBases) },
  { name: 'think_tank_members', help: 'experts appointed to the think tank', labelNames: [], series: (b) => one(b.thinkTank.members) },
  { name: 'advice_notes', help: 'advice notes submitted by think-tank members', labelNames: [], series: (b) => one(b.thinkTank.adviceNotes) },
];

/**
 * Registers the talent board as gauges `backbone_talent_*`, read from the `talent-board`
 * view at every scrape (one shared read per scrape); a failed read leaves them empty and
 * counts `backbone_talent_board_scrape_errors_total`.
 */
export function registerTalentGauges(options: TalentGaugesOptions): void {
  const { registry } = options;
  const reader = options.views.reader(TALENT_BOARD);
  const snapshot = scrapeSnapshot({
    registry,
    read: async () => readTalentBoard(reader, { fields: options.fields ? await options.fields() : [] }),
    errorsMetric: { name: 'backbone_talent_board_scrape_errors_total', help: 'scrapes whose talent gauges could not be read (the gauges were left empty)' },
  });

  for (const spec of GAUGES) snapshotGauge(registry, snapshot, { ...spec, name: `backbone_talent_${spec.name}` });
}
