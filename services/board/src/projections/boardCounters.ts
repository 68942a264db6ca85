import type { TaskEvent } from '@backbone/contracts';
import type { ViewWrite } from '@backbone/views';
import { TASK_STATUSES, assigneesOf, isDone, isOpen } from './taskSummary.ts';
import type { TaskStatus, TaskSummary } from './taskSummary.ts';

/** A board scope: the whole plan, one key field, or one department. */
export type BoardScope = 'all' | `field:${string}` | `department:${string}`;

export const fieldScope = (field: string): BoardScope => `field:${field}`;
export const departmentScope = (department: string): BoardScope => `department:${department}`;

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

/** The view counter a board number is kept in. */
export const boardCounter = (scope: BoardScope, metric: BoardMetric) => `${scope}:${metric}`;

/** The scopes a task counts in: the plan, its field, and each department it currently concerns. */
export function scopesOf(summary: TaskSummary): BoardScope[] {
  return ['all', fieldScope(summary.field), ...assigneesOf(summary).map(departmentScope)];
}

type Counters = Map<string, number>;

/**
 * What one task adds to each of its scopes as it is now: the same numbers in every scope, so
 * they are worked out once (metric → value; empty when the task does not exist yet).
 */
function taskMetrics(summary: TaskSummary | undefined): Map<BoardMetric, number> {
  const metrics = new Map<BoardMetric, number>();
  if (!summary) return metrics;
  const open = isOpen(summary);
  metrics.set('tasks', 1);
  metrics.set(`status:${summary.status}`, 1);
  if (summary.status !== 'cancelled') {
    metrics.set('progressSum', summary.progress);
    metrics.set('progressTasks', 1);
  }
  if (open && summary.overdue) metrics.set('overdue', 1);
  if (open && summary.escalated) metrics.set('escalated', 1);
  if (open && summary.blocked) metrics.set('blocked', 1);
  if (isDone(summary)) {
    metrics.set('completed', 1);
    if (summary.completedOnTime === true) metrics.set('completedOnTime', 1);
  }
  return metrics;
}

/** How many times the task counts in each scope (a department listed twice counts twice). */
function scopeCounts(summary: TaskSummary | undefined): Map<BoardScope, number> {
  const counts = new Map<BoardScope, number>();
  if (!summary) return counts;
  for (const scope of scopesOf(summary)) counts.set(scope, (counts.get(scope) ?? 0) + 1);
  return counts;
}

/** What one task adds to the state counters as it is now (nothing when it does not exist yet). */
export function contribution(summary: TaskSummary | undefined): Counters {
  const counters: Counters = new Map();
  const metrics = taskMetrics(summary);
  for (const [scope, times] of scopeCounts(summary)) {
    for (const [metric, value] of metrics) counters.set(boardCounter(scope, metric), times * value);
  }
  return counters;
}

/**
 * The increments that move the state counters from one task state to the next: contribution
 * after − contribution before. Increments commute, so the counters are exact whatever the
 * order of events across tasks. Worked out per scope from the task's metrics before and after,
 * so only the counters that move get a key (this runs once per event of a rebuild).
 */
export function contributionChange(before: TaskSummary | undefined, after: TaskSummary | undefined): ViewWrite[] {
  const wasMetrics = taskMetrics(before);
  const isMetrics = taskMetrics(after);
  const wasScopes = scopeCounts(before);
  const isScopes = scopeCounts(after);
  const writes: ViewWrite[] = [];
  const move = (scope: BoardScope, wasTimes: number, isTimes: number) => {
    for (const [metric, value] of isMetrics) {
      const by = isTimes * value - wasTimes * (wasMetrics.get(metric) ?? 0);
      if (by !== 0) writes.push({ op: 'increment', counter: boardCounter(scope, metric), by });
    }
    for (const [metric, value] of wasMetrics) {
      const by = isMetrics.has(metric) ? 0 : -wasTimes * value;
      if (by !== 0) writes.push({ op: 'increment', counter: boardCounter(scope, metric), by });
    }
  };
  for (const [scope, wasTimes] of wasScopes) move(scope, wasTimes, isScopes.get(scope) ?? 0);
  for (const [scope, isTimes] of isScopes) if (!wasScopes.has(scope)) move(scope, 0, isTimes);
  return writes;
}

const MS_PER_SECOND = 1000;

/** Counts that accumulate per event rather than per state: hand-offs back and response times. */
export function eventCounts(event: TaskEvent, before: TaskSummary): ViewWrite[] {
  const bump = (scopes: readonly BoardScope[], metric: BoardMetric, by = 1): ViewWrite[] =>
    scopes.map((scope) => ({ op: 'increment', counter: boardCounter(scope, metric), by }));
  const taskScopes: BoardScope[] = ['all', fieldScope(before.field)];
  switch (event.type) {
    case 'TaskDeclined':
      return bump([...taskScopes, departmentScope(event.data.department)], 'declined');
    case 'TaskReopened':
      return bump([...taskScopes, ...assigneesOf(before).map(departmentScope)], 'reopened');
    case 'TaskAccepted': {
      if (before.assignedAt === undefined || before.accepted.includes(event.data.department)) return [];
      const waitedMs = Date.parse(event.data.acceptedAt) - Date.parse(before.assignedAt);
      const seconds = Math.max(0, Math.round(waitedMs / MS_PER_SECOND));
      const scopes = [...taskScopes, departmentScope(event.data.department)];
      return [...bump(scopes, 'acceptances'), ...bump(scopes, 'acceptanceSeconds', seconds)];
    }
    default:
      return [];
  }
}
