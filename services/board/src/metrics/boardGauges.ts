import type { ViewStore } from '@backbone/views';
import { scrapeSnapshot, snapshotGauge } from '@backbone/service-kit';
import type { GaugeSeries } from '@backbone/service-kit';
import type { Registry } from 'prom-client';
import type { BoardDirectory } from '../directory/boardDirectory.ts';
import { ONE_BOARD } from '../projections/oneBoardProjection.ts';
import { TASK_STATUSES } from '../projections/taskSummary.ts';
import { planBoard } from '../queries/boardQueries.ts';
import type { BoardNumbers, PlanBoard } from '../queries/boardQueries.ts';

export interface BoardGaugesOptions {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  readonly views: ViewStore;
  readonly directory: BoardDirectory;
}

/** The plan as a whole, one key field, or one department: each kind has its own gauges, so sums never double count. */
type ScopeKind = 'plan' | 'field' | 'department';
const SCOPE_KINDS: readonly ScopeKind[] = ['plan', 'field', 'department'];

interface GaugeSpec {
  readonly metric: string;
  readonly help: string;
  /** null leaves the series out (e.g. no completion yet means no on-time rate, not 0). */
  readonly value: (numbers: BoardNumbers) => number | null;
}

const GAUGES: readonly GaugeSpec[] = [
  { metric: 'overdue_tasks', help: 'open tasks past their due date', value: (n) => n.overdue },
  { metric: 'blocked_tasks', help: 'open tasks that are blocked', value: (n) => n.blocked },
  { metric: 'escalated_tasks', help: 'open tasks escalated to the coordinating department', value: (n) => n.escalated },
  { metric: 'declines', help: 'declines so far (per department: the ones it made)', value: (n) => n.declined },
  { metric: 'reopenings', help: 'completed tasks sent back so far', value: (n) => n.reopened },
  { metric: 'average_progress_percent', help: 'mean progress of the tasks not cancelled', value: (n) => n.averageProgress },
  { metric: 'on_time_completion_ratio', help: 'completed tasks done by their due date / completed tasks', value: (n) => n.onTimeCompletionRate },
  { metric: 'mean_acceptance_seconds', help: 'mean seconds from assignment to acceptance', value: (n) => n.meanAcceptanceSeconds },
];

interface Row {
  readonly labels: Record<string, string>;
  readonly numbers: BoardNumbers;
}

function rowsOf(kind: ScopeKind, board: PlanBoard): Row[] {
  switch (kind) {
    case 'plan':
      return [{ labels: {}, numbers: board.totals }];
    case 'field':
      return board.fields.map((row) => ({ labels: { field: row.id }, numbers: row }));
    case 'department':
      return board.departments.map((row) => ({ labels: { department: row.id }, numbers: row }));
  }
}

const scopeLabels = (kind: ScopeKind): string[] => (kind === 'plan' ? [] : [kind]);
const scopeHelp = { plan: 'in the whole plan', field: 'per key field', department: 'per department (tasks it leads or supports)' };

/**
 * Registers the one board as gauges read from the board view at every scrape:
 * `backbone_board_{plan,field,department}_tasks{status}`, `…_overdue_tasks`, `…_blocked_tasks`,
 * `…_escalated_tasks`, `…_declines`, `…_reopenings`, `…_average_progress_percent`,
 * `…_on_time_completion_ratio`, `…_mean_acceptance_seconds`; plus `backbone_board_scrape_errors_total`.
 */
export function registerBoardGauges(options: BoardGaugesOptions): void {
  const { registry, directory } = options;
  const reader = options.views.reader(ONE_BOARD);
  const snapshot = scrapeSnapshot({
    registry,
    read: () => planBoard(reader, directory),
    errorsMetric: { name: 'backbone_board_scrape_errors_total', help: 'scrapes whose board gauges could not be read (the gauges were left empty)' },
  });

  for (const kind of SCOPE_KINDS) {
    snapshotGauge(registry, snapshot, {
      name: `backbone_board_${kind}_tasks`,
      help: `tasks by status ${scopeHelp[kind]}`,
      labelNames: [...scopeLabels(kind), 'status'],
      series: (board) =>
        rowsOf(kind, board).flatMap((row) => TASK_STATUSES.map((status): GaugeSeries => [{ ...row.labels, status }, row.numbers.byStatus[status]])),
    });
    for (const spec of GAUGES) {
      snapshotGauge(registry, snapshot, {
        name: `backbone_board_${kind}_${spec.metric}`,
        help: `${spec.help} ${scopeHelp[kind]}`,
        labelNames: scopeLabels(kind),
        series: (board) => rowsOf(kind, board).map((row): GaugeSeries => [row.labels, spec.value(row.numbers)]),
      });
    }
  }
}
