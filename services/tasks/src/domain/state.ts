import type { TaskEvent } from '@backbone/contracts';

/**
 * Where a task is in its closed loop. Being blocked, overdue or escalated are flags beside
 * the status, not statuses of their own.
 */
export type TaskStatus =
  | 'created' // no assignment yet
  | 'assigned' // a lead is named but has not accepted
  | 'in_progress' // the lead accepted
  | 'awaiting_reassignment' // the lead declined
  | 'completed' // the lead reported it done; awaits verification
  | 'verified' // closed
  | 'cancelled'; // closed

export interface TaskBlock {
  readonly by: string;
  readonly reason: string;
  readonly needsHelpFrom?: string;
}

/** A task that exists. */
export interface Task {
  readonly status: TaskStatus;
  readonly taskId: string;
  readonly title: string;
  readonly description?: string;
  readonly field: string;
  readonly dueDate: string;
  readonly createdBy: string;
  readonly lead?: string;
  readonly supporting: readonly string[];
  /** Current assignees (lead or supporting) that accepted. */
  readonly accepted: readonly string[];
  /** Every department that ever declined the task. */
  readonly declined: readonly string[];
  /** The lead that declined, while the task awaits reassignment. */
  readonly previousLead?: string;
  readonly progress: number;
  readonly block?: TaskBlock;
  readonly overdue: boolean;
  readonly escalated: boolean;
  readonly onTime?: boolean;
  readonly rating?: number;
  readonly reopenCount: number;
}

export type TaskState = { readonly status: 'none' } | Task;

/** The state of a task stream with no events. */
export const initialTaskState = (): TaskState => ({ status: 'none' });

/** Verified or cancelled: nothing happens to it any more. */
export const isClosed = (task: Task): boolean => task.status === 'verified' || task.status === 'cancelled';

/** Still being worked on: not completed, verified or cancelled. Only open tasks become overdue. */
export const isOpen = (task: Task): boolean => !isClosed(task) && task.status !== 'completed';

/** Whether the department is an assignee that accepted its part. */
export const hasAccepted = (task: Task, department: string): boolean => task.accepted.includes(department);

const withAdded = (list: readonly string[], item: string) => (list.includes(item) ? list : [...list, item]);
const without = (list: readonly string[], item: string) => list.filter((x) => x !== item);

/** Folds one event into the task's state. */
export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (state.status === 'none') {
    if (event.type !== 'TaskCreated') return state;
    const { taskId, title, description, field, dueDate, createdBy } = event.data;
    return {
      status: 'created',
      taskId,
      title,
      ...(description === undefined ? {} : { description }),
      field,
      dueDate,
      createdBy,
      supporting: [],
      accepted: [],
      declined: [],
      progress: 0,
      overdue: false,
      escalated: false,
      reopenCount: 0,
    };
  }
  return evolveExisting(state, event);
}

function evolveExisting(task: Task, event: TaskEvent): Task {
  switch (event.type) {
    case 'TaskCreated':
      return task;
    case 'TaskAssigned':
      return { ...task, status: 'assigned', lead: event.data.lead, supporting: event.data.supporting, accepted: [] };
    case 'TaskReassigned': {
      const { lead, supporting } = event.data;
      const keptAcceptance = task.accepted.filter((d) => supporting.includes(d));
      const { previousLead: _done, ...rest } = task;
      return { ...rest, status: 'assigned', lead, supporting, accepted: keptAcceptance };
    }
    case 'TaskAccepted': {
      const { department } = event.data;
      const status = department === task.lead ? 'in_progress' : task.status;
      return { ...task, status, accepted: withAdded(task.accepted, department) };
    }
    case 'TaskDeclined': {
      const { department, role } = event.data;
      const declined = withAdded(task.declined, department);
      if (role === 'lead') {
        const { lead: _gone, ...rest } = task;
        return { ...rest, status: 'awaiting_reassignment', previousLead: department, declined };
      }
      return {
        ...task,
        supporting: without(task.supporting, department),
        accepted: without(task.accepted, department),
        declined,
      };
    }
    case 'TaskProgressReported':
      return { ...task, progress: event.data.percent };
    case 'TaskBlocked': {
      const { department, reason, needsHelpFrom } = event.data;
      return { ...task, block: { by: department, reason, ...(needsHelpFrom === undefined ? {} : { needsHelpFrom }) } };
    }
    case 'TaskUnblocked': {
      const { block: _lifted, ...rest } = task;
      return rest;
    }
    case 'TaskCompleted':
      return { ...task, status: 'completed', progress: 100, onTime: event.data.onTime };
    case 'TaskVerified':
      return { ...task, status: 'verified', rating: event.data.rating };
    case 'TaskReopened':
      return { ...task, status: 'in_progress', reopenCount: task.reopenCount + 1 };
    case 'TaskCancelled':
      return { ...task, status: 'cancelled' };
    case 'TaskDueDateChanged':
      return { ...task, dueDate: event.data.dueDate, overdue: false, escalated: false };
    case 'TaskBecameOverdue':
      return { ...task, overdue: true };
    case 'TaskEscalated':
      return { ...task, escalated: true };
  }
}
