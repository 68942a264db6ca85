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

/** What one task adds to the state counters as it is now (nothing when it does not exist yet). */
export function contribution(summary: TaskSummary | undefined): Counters {
  const counters: Counters = new Map();
  if (!summary) return counters;
  const open = isOpen(summary);
  for (const scope of scopesOf(summary)) {
    const add = (metric: BoardMetric, by = 1) => {
      const key = boardCounter(scope, metric);
      counters.set(key, (counters.get(key) ?? 0) + by);
    };
    add('tasks');
    add(`status:${summary.status}`);
    if (summary.status !== 'cancelled') {
      add('progressSum', summary.progress);
      add('progressTasks');
    }
    if (open && summary.overdue) add('overdue');
    if (open && summary.escalated) add('escalated');
    if (open && summary.blocked) add('blocked');
    if (isDone(summary)) {
      add('completed');
      if (summary.completedOnTime === true) add('completedOnTime');
    }
  }
  return counters;
}

/**
 * The increments that move the state counters from one task state to the next: contribution
 * after − contribution before. Increments commute, so the counters are exact whatever the
 * order of events across tasks.
 */
export function contributionChange(before: TaskSummary | undefined, after: TaskSummary | undefined): ViewWrite[] {
  const was = contribution(before);
  const is = contribution(after);
  const writes: ViewWrite[] = [];
  for (const key of new Set([...was.keys(), ...is.keys()])) {
    const by = (is.get(key) ?? 0) - (was.get(key) ?? 0);
    if (by !== 0) writes.push({ op: 'increment', counter: key, by });
  }
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
