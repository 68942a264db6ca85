import { contextTopic } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';
import { readTaskEvent } from './taskEvents.ts';
import type { TaskProjectionOptions } from './taskEvents.ts';
import { assigneesOf, foldTaskEvent } from './taskSummary.ts';
import { madeOnce } from './madeOnce.ts';
import type { TaskSummary } from './taskSummary.ts';

/** The department inbox projection's name (its consumer group is `projection.department-inbox`). */
export const DEPARTMENT_INBOX = 'department-inbox';
/** The collection of task summaries, one per task. */
export const INBOX_TASKS = 'tasks';

/** The set holding the ids of every task a department currently leads or supports (its name made once per department). */
export const inboxSet: (department: string) => string = madeOnce((department) => `inbox:${department}`);

/**
 * Each department's inbox: one summary per task, and per department the set of tasks it
 * leads or supports. A department that declines, or is replaced by a reassignment, leaves
 * the task's set; the view store's per-task dedupe makes it idempotent.
 */
export function departmentInboxProjection(options: TaskProjectionOptions = {}): Projection {
  return {
    name: DEPARTMENT_INBOX,
    topics: [contextTopic('tasks')],
    // Each task's summary and its id in the inbox sets: events of different tasks can be projected at once.
    ownAggregateOnly: true,
    async project(envelope: Envelope, view: ViewReader): Promise<ViewWrite[]> {
      const read = readTaskEvent(envelope, options.registry);
      if (!read) return [];
      const before = await view.get<TaskSummary>(INBOX_TASKS, read.meta.taskId);
      if (before && read.meta.version <= before.version) return [];
      const after = foldTaskEvent(before, read.event, read.meta);
      if (!after) return [];
      const was = assigneesOf(before);
      const is = assigneesOf(after);
      const writes: ViewWrite[] = [{ op: 'put', collection: INBOX_TASKS, id: after.taskId, doc: after }];
      // A task has a few assignees, so arrays rather than sets: this runs once per event. Each
      // department once, at its first place.
      for (let at = 0; at < is.length; at++) {
        const department = is[at]!;
        if (is.indexOf(department) === at && !was.includes(department)) writes.push({ op: 'addToSet', set: inboxSet(department), member: after.taskId });
      }
      for (let at = 0; at < was.length; at++) {
        const department = was[at]!;
        if (was.indexOf(department) === at && !is.includes(department)) writes.push({ op: 'removeFromSet', set: inboxSet(department), member: after.taskId });
      }
      return writes;
    },
  };
}
