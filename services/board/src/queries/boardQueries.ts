import type { ViewReader } from '@backbone/views';
import { requireDepartment, requireField } from '../directory/boardDirectory.ts';
import type { BoardDirectory } from '../directory/boardDirectory.ts';
import { BOARD_METRICS, boardCounter, departmentScope, fieldScope } from '../projections/boardCounters.ts';
import type { BoardMetric, BoardScope } from '../projections/boardCounters.ts';
import type { TaskStatus } from '../projections/taskSummary.ts';

/** The board's numbers for one scope (the plan, a field or a department). */
export interface BoardNumbers {
  /** Tasks in the scope (for a department: the tasks it currently leads or supports). */
  readonly tasks: number;
  readonly byStatus: Readonly<Record<TaskStatus, number>>;
  /** Open tasks past their due date. */
  readonly overdue: number;
  /** Open tasks with a block. */
  readonly blocked: number;
  /** Open tasks escalated to the coordinating department. */
  readonly escalated: number;
  /** Declines so far (for a department: the ones it made). */
  readonly declined: number;
  /** Reopenings so far. */
  readonly reopened: number;
  /** Completed or verified tasks, and how many of them were completed by their due date. */
  readonly completed: number;
  readonly completedOnTime: number;
  /** Mean progress (0–100) of the tasks not cancelled; null without any. */
  readonly averageProgress: number | null;
  /** completedOnTime / completed; null before any completion. */
  readonly onTimeCompletionRate: number | null;
  /** Mean seconds from (re)assignment to acceptance, over every acceptance; null before any. */
  readonly meanAcceptanceSeconds: number | null;
  readonly acceptances: number;
}

/** A field's or a department's row on the board. */
export type BoardRow = { readonly id: string; readonly name: string } & BoardNumbers;

/** The whole one board: plan totals and a row for every field and department in the directory. */
export interface PlanBoard {
  readonly totals: BoardNumbers;
  readonly fields: readonly BoardRow[];
  readonly departments: readonly BoardRow[];
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Turns a scope's counters into its board numbers. */
export function boardNumbersFrom(counter: (metric: BoardMetric) => number): BoardNumbers {
  const byStatus: Record<TaskStatus, number> = {
    created: counter('status:created'),
    assigned: counter('status:assigned'),
    in_progress: counter('status:in_progress'),
    awaiting_reassignment: counter('status:awaiting_reassignment'),
    completed: counter('status:completed'),
    verified: counter('status:verified'),
    cancelled: counter('status:cancelled'),
  };
  return {
    tasks: counter('tasks'),
    byStatus,
    overdue: counter('overdue'),
    blocked: counter('blocked'),
    escalated: counter('escalated'),
    declined: counter('declined'),
    reopened: counter('reopened'),
    completed: counter('completed'),
    completedOnTime: counter('completedOnTime'),
    averageProgress: ratio(counter('progressSum'), counter('progressTasks')),
    onTimeCompletionRate: ratio(counter('completedOnTime'), counter('completed')),
    meanAcceptanceSeconds: ratio(counter('acceptanceSeconds'), counter('acceptances')),
    acceptances: counter('acceptances'),
  };
}

/** Reads one scope's board numbers from the one-board view. */
export async function scopeBoard(reader: ViewReader, scope: BoardScope): Promise<BoardNumbers> {
  const values = await Promise.all(BOARD_METRICS.map((metric) => reader.counter(boardCounter(scope, metric))));
  const byMetric = new Map(BOARD_METRICS.map((metric, i) => [metric, values[i] ?? 0]));
  return boardNumbersFrom((metric) => byMetric.get(metric) ?? 0);
}

/** The whole one board, with a row (zeros when it has no tasks) for every field and department of the directory. */
export async function planBoard(reader: ViewReader, directory: BoardDirectory): Promise<PlanBoard> {
  const entries = await directory();
  const [totals, fields, departments] = await Promise.all([
    scopeBoard(reader, 'all'),
    Promise.all(entries.fields.map(async ({ id, name }) => ({ id, name, ...(await scopeBoard(reader, fieldScope(id))) }))),
    Promise.all(
      entries.departments.map(async ({ id, name }) => ({ id, name, ...(await scopeBoard(reader, departmentScope(id))) })),
    ),
  ]);
  return { totals, fields, departments };
}

/** One field's row; 404 `field-not-found` when the directory does not know it. */
export async function fieldBoard(reader: ViewReader, directory: BoardDirectory, fieldId: string): Promise<BoardRow> {
  const { id, name } = requireField(await directory(), fieldId);
  return { id, name, ...(await scopeBoard(reader, fieldScope(id))) };
}

/** One department's row; 404 `department-not-found` when the directory does not know it. */
export async function departmentBoard(reader: ViewReader, directory: BoardDirectory, departmentId: string): Promise<BoardRow> {
  const { id, name } = requireDepartment(await directory(), departmentId);
  return { id, name, ...(await scopeBoard(reader, departmentScope(id))) };
}
