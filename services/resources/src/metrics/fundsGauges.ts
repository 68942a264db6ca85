import type { ViewStore } from '@backbone/views';
import { scrapeSnapshot, snapshotGauge } from '@backbone/service-kit';
import type { GaugeSeries } from '@backbone/service-kit';
import type { Registry } from 'prom-client';
import { FUNDS_KINDS } from '../projections/fundsCounters.ts';
import { fundsBoard } from '../projections/fundsBoard.ts';
import type { FundsBoard, FundsNumbers } from '../projections/fundsBoard.ts';
import { RESOURCES_BOARD } from '../projections/resourcesBoardProjection.ts';

export interface FundsGaugesOptions {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  readonly views: ViewStore;
  /** The key fields, each of which gets a series. */
  readonly fields: () => Promise<readonly { readonly id: string; readonly name: string }[]>;
}

type ScopeKind = 'plan' | 'field';

interface CountSpec {
  readonly metric: string;
  readonly help: string;
  readonly value: (numbers: FundsNumbers) => number;
}

const COUNTS: readonly CountSpec[] = [
  { metric: 'fund_pools', help: 'fund pools opened (per field: pools dedicated to it)', value: (n) => n.pools },
  { metric: 'incubation_calls', help: 'incubation calls opened', value: (n) => n.calls },
  { metric: 'incubation_applications', help: 'applications submitted to incubation calls', value: (n) => n.applications },
  { metric: 'incubation_scored_applications', help: 'applications with at least one review', value: (n) => n.scoredApplications },
  { metric: 'incubation_awards', help: 'grants awarded', value: (n) => n.awards },
  { metric: 'incubation_revocations', help: 'grants revoked', value: (n) => n.revocations },
  { metric: 'policies', help: 'support policies issued (per field: policies naming it)', value: (n) => n.policies },
];

interface Row {
  readonly labels: Record<string, string>;
  readonly numbers: FundsNumbers;
}

const rowsOf = (kind: ScopeKind, board: FundsBoard): Row[] =>
  kind === 'plan' ? [{ labels: {}, numbers: board.totals }] : board.fields.map((row) => ({ labels: { field: row.id }, numbers: row }));
const scopeLabels = (kind: ScopeKind): string[] => (kind === 'plan' ? [] : ['field']);
const scopeHelp = { plan: 'in the whole plan', field: 'per key field' };

/**
 * Registers the funds board as gauges read from the `resources-board` view at every scrape:
 * `backbone_board_{plan,field}_funds_fen{kind}` (kind = pooled, budgeted, awarded, returned,
 * disbursed), `…_funds_utilisation_ratio`, `…_fund_pools`, `…_incubation_{calls,applications,
 * scored_applications,awards,revocations}`, `…_policies`; plus `backbone_board_funds_scrape_errors_total`.
 */
export function registerFundsGauges(options: FundsGaugesOptions): void {
  const { registry } = options;
  const reader = options.views.reader(RESOURCES_BOARD);
  const snapshot = scrapeSnapshot({
    registry,
    read: async () => fundsBoard(reader, await options.fields()),
    errorsMetric: { name: 'backbone_board_funds_scrape_errors_total', help: 'scrapes whose funds gauges could not be read (the gauges were left empty)' },
  });
  const gauge = (kind: ScopeKind, name: string, help: string, labels: string[], series: (row: Row) => GaugeSeries[]) =>
    snapshotGauge(registry, snapshot, {
      name: `backbone_board_${kind}_${name}`,
      help: `${help} ${scopeHelp[kind]}`,
      labelNames: [...scopeLabels(kind), ...labels],
      series: (board) => rowsOf(kind, board).flatMap(series),
    });
  for (const kind of ['plan', 'field'] as const) {
    gauge(kind, 'funds_fen', 'money in fen by kind (pooled, budgeted to calls, awarded, returned by revocations, disbursed)', ['kind'], (row) =>
      FUNDS_KINDS.map((fundsKind) => [{ ...row.labels, kind: fundsKind }, row.numbers[`${fundsKind}Fen`]]),
    );
    gauge(kind, 'funds_utilisation_ratio', 'disbursed / (awarded − returned), absent before any award', [], (row) => [[row.labels, row.numbers.utilisation]]);
    for (const spec of COUNTS) gauge(kind, spec.metric, spec.help, [], (row) => [[row.labels, spec.value(row.numbers)]]);
  }
}
