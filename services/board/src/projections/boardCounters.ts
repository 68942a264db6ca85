import type { TaskEvent } from '@backbone/contracts';
import type { ViewWrite } from '@backbone/views';
import { TASK_STATUSES, isDone, isOpen } from './taskSummary.ts';
import type { TaskStatus, TaskSummary } from './taskSummary.ts';
import { madeOnce } from './madeOnce.ts';

/** A board scope: the whole plan, one key field, or one department. */
export type BoardScope = 'all' | `field:${string}` | `department:${string}`;

/** The scope of a key field, and of a department: every event asks for its task's scopes, so each name is made once. */
export const fieldScope: (field: string) => BoardScope = madeOnce((field): BoardScope => `field:${field}`);
export const departmentScope: (department: string) => BoardScope = madeOnce((department): BoardScope => `department:${department}`);

/**
 * The board's counters per scope. State counters hold what the scope's tasks are now;
 * event counters (`declined`, `reopened`, `acceptances`, `acceptanceSeconds`) accumulate.
 */
export type BoardMetric =
  | 'tasks'
  | `status:${TaskStatus}`
  | 'progressSum'
  | 'progressTasks'
  | 'overdue'
  | 'blocked'
  | 'escalated'
  | 'completed'
  | 'completedOnTime'
  | 'declined'
  | 'reopened'
  | 'acceptances'
  | 'acceptanceSeconds';

/** Every board metric, in a fixed order. */
export const BOARD_METRICS: readonly BoardMetric[] = [
  'tasks',
  ...TASK_STATUSES.map((status): BoardMetric => `status:${status}`),
  'progressSum',
  'progressTasks',
  'overdue',
  'blocked',
  'escalated',
  'completed',
  'completedOnTime',
  'declined',
  'reopened',
  'acceptances',
  'acceptanceSeconds',
];

const METRIC_AT = new Map(BOARD_METRICS.map((metric, at) => [metric, at]));

/** The counters of a scope, by metric in `BOARD_METRICS` order: a rebuild asks for several per event. */
const countersOf: (scope: BoardScope) => readonly string[] = madeOnce((scope) => BOARD_METRICS.map((metric) => `${scope}:${metric}`));

/** The view counter a board number is kept in. */
export function boardCounter(scope: BoardScope, metric: BoardMetric): string {
  return countersOf(scope)[METRIC_AT.get(metric)!]!;
}

/** The scopes a task counts in: the plan, its field, and each department it currently concerns. */
export function scopesOf(summary: TaskSummary): BoardScope[] {
  const scopes: BoardScope[] = ['all', fieldScope(summary.field)];
  if (summary.lead !== undefined) scopes.push(departmentScope(summary.lead));
  for (const department of summary.supporting) scopes.push(departmentScope(department));
  return scopes;
}

type Counters = Map<string, number>;

const metricAt = (metric: BoardMetric): number => METRIC_AT.get(metric)!;
const TASKS = metricAt('tasks');
const STATUS_AT = new Map(TASK_STATUSES.map((status) => [status, metricAt(`status:${status}`)]));
const PROGRESS_SUM = metricAt('progressSum');
const PROGRESS_TASKS = metricAt('progressTasks');
const OVERDUE = metricAt('overdue');
const ESCALATED = metricAt('escalated');
const BLOCKED = metricAt('blocked');
const COMPLETED = metricAt('completed');
const COMPLETED_ON_TIME = metricAt('completedOnTime');
/** The metrics of a task before and after an event, filled again by each `contributionChange`. */
const WAS: number[] = BOARD_METRICS.map(() => 0);
const IS: number[] = BOARD_METRICS.map(() => 0);
const NO_SCOPES: readonly BoardScope[] = [];

/**
 * Fills `metrics` with what one task adds to each of its scopes as it is now, by metric in
 * `BOARD_METRICS` order: the same numbers in every scope, so they are worked out once (all 0
 * when the task does not exist yet).
 */
function taskMetrics(summary: TaskSummary | undefined, metrics: number[]): readonly number[] {
  metrics.fill(0);
  if (!summary) return metrics;
  const open = isOpen(summary);
  metrics[TASKS] = 1;
  metrics[STATUS_AT.get(summary.status)!] = 1;
  if (summary.status !== 'cancelled') {
    metrics[PROGRESS_SUM] = summary.progress;
    metrics[PROGRESS_TASKS] = 1;
  }
  if (open && summary.overdue) metrics[OVERDUE] = 1;
  if (open && summary.escalated) metrics[ESCALATED] = 1;
  if (open && summary.blocked) metrics[BLOCKED] = 1;
  if (isDone(summary)) {
    metrics[COMPLETED] = 1;
    if (summary.completedOnTime === true) metrics[COMPLETED_ON_TIME] = 1;
  }
  return metrics;
}

/** Where `scope` is first in the scopes before and then after. */
function firstAt(wasScopes: readonly BoardScope[], isScopes: readonly BoardScope[], scope: BoardScope): number {
  const was = wasScopes.indexOf(scope);
  return was >= 0 ? was : wasScopes.length + isScopes.indexOf(scope);
}

/** How many times `scope` is in `scopes` (a department listed twice counts twice). */
function timesIn(scopes: readonly BoardScope[], scope: BoardScope): number {
  let times = 0;
  for (const each of scopes) if (each === scope) times++;
  return times;
}

/** What one task adds to the state counters as it is now (nothing when it does not exist yet). */
export function contribution(summary: TaskSummary | undefined): Counters {
  const counters: Counters = new Map();
  for (const write of contributionChange(undefined, summary)) {
    if (write.op === 'increment') counters.set(write.counter, write.by);
  }
  return counters;
}

/**
 * The increments that move the state counters from one task state to the next: contribution
 * after − contribution before. Increments commute, so the counters are exact whatever the
 * order of events across tasks. Worked out per scope from the task's metrics before and after,
 * so only the counters that move get a write. This runs once per event, so it keeps to arrays
 * (and allocates little besides its writes): a task has a handful of scopes and the board a
 * fixed list of metrics.
 */
export function contributionChange(before: TaskSummary | undefined, after: TaskSummary | undefined): ViewWrite[] {
  const was = taskMetrics(before, WAS);
  const is = taskMetrics(after, IS);
  const wasScopes = before ? scopesOf(before) : NO_SCOPES;
  const isScopes = after ? scopesOf(after) : NO_SCOPES;
  const writes: ViewWrite[] = [];
  const scopes = wasScopes.length + isScopes.length;
  for (let at = 0; at < scopes; at++) {
    const scope = at < wasScopes.length ? wasScopes[at]! : isScopes[at - wasScopes.length]!;
    // Each scope once: at its first place in the scopes before, then after.
    if (firstAt(wasScopes, isScopes, scope) !== at) continue;
    const wasTimes = timesIn(wasScopes, scope);
    const isTimes = timesIn(isScopes, scope);
    const counters = countersOf(scope);
    for (let metric = 0; metric < counters.length; metric++) {
      const by = isTimes * is[metric]! - wasTimes * was[metric]!;
      if (by !== 0) writes.push({ op: 'increment', counter: counters[metric]!, by });
    }
  }
  return writes;
}

const MS_PER_SECOND = 1000;
/** What most events add to the per-event counts. */
const NO_WRITES: readonly ViewWrite[] = [];

/** Counts that accumulate per event rather than per state: hand-offs back and response times. */
export function eventCounts(event: TaskEvent, before: TaskSummary): readonly ViewWrite[] {
  switch (event.type) {
    case 'TaskDeclined':
      return bump(['all', fieldScope(before.field), departmentScope(event.data.department)], 'declined', 1);
    case 'TaskReopened':
      return bump(scopesOf(before), 'reopened', 1);
    case 'TaskAccepted': {
      if (before.assignedAt === undefined || before.accepted.includes(event.data.department)) return [];
      const waitedMs = Date.parse(event.data.acceptedAt) - Date.parse(before.assignedAt);
      const seconds = Math.max(0, Math.round(waitedMs / MS_PER_SECOND));
      const scopes: BoardScope[] = ['all', fieldScope(before.field), departmentScope(event.data.department)];
      return [...bump(scopes, 'acceptances', 1), ...bump(scopes, 'acceptanceSeconds', seconds)];
    }
    default:
      return NO_WRITES;
  }
}

function bump(scopes: readonly BoardScope[], metric: BoardMetric, by: number): ViewWrite[] {
  return scopes.map((scope) => ({ op: 'increment', counter: boardCounter(scope, metric), by }));
}
