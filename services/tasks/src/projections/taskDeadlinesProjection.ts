import { allEventDefinitions, contextTopic, createEventRegistry, readContextEvent, taskEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, TaskEvent } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';

/** The projection's name: its consumer group is `projection.task-deadlines`. */
export const TASK_DEADLINES = 'task-deadlines';
const OPEN = 'open';
// A completed task awaits verification: not watched, but kept so a reopen restores its deadline.
const COMPLETED = 'completed';

/** What the deadline watcher needs to know of an open task. */
export interface TaskDeadline {
  readonly taskId: string;
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly escalated: boolean;
  /** The task's stream version this document reflects. */
  readonly version: number;
}

type Tracked = { readonly where: typeof OPEN | typeof COMPLETED; readonly deadline: TaskDeadline };

export interface TaskDeadlinesProjectionOptions {
  /** Reads (upcasts and validates) the events; default: every published definition. */
  readonly registry?: EventRegistry;
}

/**
 * The tasks context's own view of deadlines: one document per open task (not completed,
 * verified or cancelled), from `backbone.tasks.v1`. The deadline watcher scans it.
 */
export function taskDeadlinesProjection(options: TaskDeadlinesProjectionOptions = {}): Projection {
  const registry = options.registry ?? createEventRegistry(allEventDefinitions);
  return {
    name: TASK_DEADLINES,
    topics: [contextTopic('tasks')],
    async project(envelope, view): Promise<ViewWrite[]> {
      const event = taskEventOf(registry, envelope);
      if (!event) return [];
      const id = envelope.subject;
      const [open, completed] = await Promise.all([
        view.get<TaskDeadline>(OPEN, id),
        view.get<TaskDeadline>(COMPLETED, id),
      ]);
      const before: Tracked | undefined = open
        ? { where: OPEN, deadline: open }
        : completed
          ? { where: COMPLETED, deadline: completed }
          : undefined;
      const after = trackDeadline(before, event, id, envelope.streamversion);
      const writes: ViewWrite[] = [];
      if (before && before.where !== after?.where) writes.push({ op: 'delete', collection: before.where, id });
      if (after) writes.push({ op: 'put', collection: after.where, id, doc: after.deadline });
      return writes;
    },
  };
}

/** Every open task's deadline document (in no particular order). */
export function readOpenTaskDeadlines(reader: ViewReader): Promise<TaskDeadline[]> {
  return reader.all<TaskDeadline>(OPEN);
}

/** Folds one task event into what the projection tracks of the task; undefined once it is closed. */
function trackDeadline(before: Tracked | undefined, event: TaskEvent, taskId: string, version: number): Tracked | undefined {
  if (event.type === 'TaskCreated') {
    return { where: OPEN, deadline: { taskId, dueDate: event.data.dueDate, overdue: false, escalated: false, version } };
  }
  if (!before) return undefined;
  const deadline = { ...before.deadline, version };
  switch (event.type) {
    case 'TaskDueDateChanged':
      return { where: before.where, deadline: { ...deadline, dueDate: event.data.dueDate, overdue: false, escalated: false } };
    case 'TaskBecameOverdue':
      return { where: before.where, deadline: { ...deadline, overdue: true } };
    case 'TaskEscalated':
      return { where: before.where, deadline: { ...deadline, escalated: true } };
    case 'TaskCompleted':
      return { where: COMPLETED, deadline };
    case 'TaskReopened':
      return { where: OPEN, deadline };
    case 'TaskVerified':
    case 'TaskCancelled':
      return undefined;
    default:
      return { where: before.where, deadline };
  }
}

/** The task event an envelope carries; undefined for others and for unknown types. */
const taskEventOf = (registry: EventRegistry, envelope: Envelope): TaskEvent | undefined =>
  readContextEvent<TaskEvent>(registry, envelope, 'tasks', taskEvents);
