import type { TaskEvent } from '@backbone/contracts';
import type { TaskEventMeta } from './taskEvents.ts';

/** Every status a task can have on the read side; being blocked, overdue or escalated are flags beside it. */
export const TASK_STATUSES = [
  'created',
  'assigned',
  'in_progress',
  'awaiting_reassignment',
  'completed',
  'verified',
  'cancelled',
] as const;

/** Where a task stands in its closed loop, as inboxes and the board show it. */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who is blocking whom: the department that cannot go on, and the one whose help it needs. */
export interface TaskBlock {
  readonly by: string;
  readonly reason: string;
  readonly needsHelpFrom?: string;
  readonly since: string;
}

/** One task as inboxes and the board see it, folded from its events. */
export interface TaskSummary {
  readonly taskId: string;
  readonly title: string;
  readonly field: string;
  readonly status: TaskStatus;
  readonly progress: number;
  readonly dueDate: string;
  /** Past its due date while open (from `TaskBecameOverdue`; a new due date clears it). */
  readonly overdue: boolean;
  readonly escalated: boolean;
  readonly lead?: string;
  readonly supporting: readonly string[];
  /** Current assignees that accepted their part. */
  readonly accepted: readonly string[];
  /** Every department that ever declined the task. */
  readonly declinedBy: readonly string[];
  readonly blocked?: TaskBlock;
  /** When the current assignment (or reassignment) was made: acceptance times count from here. */
  readonly assignedAt?: string;
  readonly completedAt?: string;
  readonly completedOnTime?: boolean;
  readonly rating?: number;
  readonly reopenCount: number;
  /** The task stream's version this summary reflects (read-your-writes waits on it). */
  readonly version: number;
  readonly updatedAt: string;
}

/** Every department the task currently concerns: its lead and its supporting assignees. */
export function assigneesOf(summary: TaskSummary | undefined): string[] {
  if (!summary) return [];
  return summary.lead === undefined ? [...summary.supporting] : [summary.lead, ...summary.supporting];
}

/** The part a department plays in the task, if it is an assignee. */
export function roleOf(summary: TaskSummary, department: string): 'lead' | 'supporting' | undefined {
  if (summary.lead === department) return 'lead';
  return summary.supporting.includes(department) ? 'supporting' : undefined;
}

/** Still being worked on: not completed, verified or cancelled. Only open tasks count as overdue or blocked. */
export function isOpen(summary: TaskSummary): boolean {
  return summary.status !== 'completed' && summary.status !== 'verified' && summary.status !== 'cancelled';
}

/** Completed or verified: counts towards the on-time completion rate. */
export function isDone(summary: TaskSummary): boolean {
  return summary.status === 'completed' || summary.status === 'verified';
}

const withAdded = (list: readonly string[], item: string) => (list.includes(item) ? [...list] : [...list, item]);
const without = (list: readonly string[], item: string) => list.filter((x) => x !== item);

/**
 * Folds one task event into the task's summary. Pure. Returns undefined when there is no
 * summary to fold into (an event before `TaskCreated`), so the caller writes nothing.
 */
export function foldTaskEvent(before: TaskSummary | undefined, event: TaskEvent, meta: TaskEventMeta): TaskSummary | undefined {
  if (event.type === 'TaskCreated') {
    if (before) return { ...before, version: meta.version, updatedAt: meta.time };
    const { taskId, title, field, dueDate } = event.data;
    return {
      taskId,
      title,
      field,
      status: 'created',
      progress: 0,
      dueDate,
      overdue: false,
      escalated: false,
      supporting: [],
      accepted: [],
      declinedBy: [],
      reopenCount: 0,
      version: meta.version,
      updatedAt: meta.time,
    };
  }
  if (!before) return undefined;
  return foldExisting(before, event, meta);
}

/** Each case copies the task once, with the `stamp` of the event that changed it. */
function foldExisting(task: TaskSummary, event: Exclude<TaskEvent, { type: 'TaskCreated' }>, meta: TaskEventMeta): TaskSummary {
  const stamp: Pick<TaskSummary, 'version' | 'updatedAt'> = { version: meta.version, updatedAt: meta.time };
  switch (event.type) {
    case 'TaskAssigned': {
      const { lead, supporting, assignedAt } = event.data;
      return { ...task, ...stamp, status: 'assigned', lead, supporting: [...supporting], accepted: [], assignedAt };
    }
    case 'TaskReassigned': {
      // Supporting departments kept from before keep their acceptance.
      const { lead, supporting, assignedAt } = event.data;
      const accepted = task.accepted.filter((d) => supporting.includes(d));
      return { ...task, ...stamp, status: 'assigned', lead, supporting: [...supporting], accepted, assignedAt };
    }
    case 'TaskAccepted': {
      const { department } = event.data;
      const status = department === task.lead ? 'in_progress' : task.status;
      return { ...task, ...stamp, status, accepted: withAdded(task.accepted, department) };
    }
    case 'TaskDeclined': {
      const { department, role } = event.data;
      const declinedBy = withAdded(task.declinedBy, department);
      if (role === 'lead') {
        const { lead: _gone, ...rest } = task;
        return { ...rest, ...stamp, status: 'awaiting_reassignment', accepted: without(task.accepted, department), declinedBy };
      }
      return { ...task, ...stamp, supporting: without(task.supporting, department), accepted: without(task.accepted, department), declinedBy };
    }
    case 'TaskProgressReported':
      return { ...task, ...stamp, progress: event.data.percent };
    case 'TaskBlocked': {
      const { department, reason, needsHelpFrom } = event.data;
      const blocked: TaskBlock = { by: department, reason, ...(needsHelpFrom === undefined ? {} : { needsHelpFrom }), since: meta.time };
      return { ...task, ...stamp, blocked };
    }
    case 'TaskUnblocked': {
      const { blocked: _lifted, ...rest } = task;
      return { ...rest, ...stamp };
    }
    case 'TaskCompleted': {
      const { completedAt, onTime } = event.data;
      return { ...task, ...stamp, status: 'completed', progress: 100, completedAt, completedOnTime: onTime };
    }
    case 'TaskVerified':
      return { ...task, ...stamp, status: 'verified', rating: event.data.rating };
    case 'TaskReopened': {
      const { completedAt: _undone, completedOnTime: _unjudged, ...rest } = task;
      return { ...rest, ...stamp, status: 'in_progress', reopenCount: task.reopenCount + 1 };
    }
    case 'TaskCancelled': {
      // A cancelled task blocks no one any more.
      const { blocked: _gone, ...rest } = task;
      return { ...rest, ...stamp, status: 'cancelled' };
    }
    case 'TaskDueDateChanged':
      return { ...task, ...stamp, dueDate: event.data.dueDate, overdue: false, escalated: false };
    case 'TaskBecameOverdue':
      return { ...task, ...stamp, overdue: true };
    case 'TaskEscalated':
      return { ...task, ...stamp, escalated: true };
  }
}
