import { contextTopic } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import type { Projection, ViewReader, ViewWrite } from '@backbone/views';
import { contributionChange, eventCounts } from './boardCounters.ts';
import { readTaskEvent } from './taskEvents.ts';
import type { TaskProjectionOptions } from './taskEvents.ts';
import { foldTaskEvent } from './taskSummary.ts';
import type { TaskSummary } from './taskSummary.ts';

/** The one board's projection name (its consumer group is `projection.one-board`). */
export const ONE_BOARD = 'one-board';
/** The collection of task summaries the board keeps to know what each event changes. */
export const BOARD_TASKS = 'tasks';

/**
 * The one board (一盘棋): per scope (plan, field, department) counters of tasks by status,
 * overdue, blocked, escalated, declines, reopenings, progress, on-time completion and
 * acceptance times. Each event moves the counters by what it changed in its task's
 * contribution, plus per-event counts; the view store's per-task dedupe makes it idempotent.
 */
export function oneBoardProjection(options: TaskProjectionOptions = {}): Projection {
  return {
    name: ONE_BOARD,
    topics: [contextTopic('tasks')],
    // Each task's summary and counters: events of different tasks can be projected at once.
    ownAggregateOnly: true,
    async project(envelope: Envelope, view: ViewReader): Promise<ViewWrite[]> {
      const read = readTaskEvent(envelope, options.registry);
      if (!read) return [];
      const before = await view.get<TaskSummary>(BOARD_TASKS, read.meta.taskId);
      // Already seen: the store would refuse the writes anyway; computing them from a newer state would be wrong.
      if (before && read.meta.version <= before.version) return [];
      const after = foldTaskEvent(before, read.event, read.meta);
      if (!after) return [];
      const writes = contributionChange(before, after);
      writes.unshift({ op: 'put', collection: BOARD_TASKS, id: after.taskId, doc: after });
      if (before) writes.push(...eventCounts(read.event, before));
      return writes;
    },
  };
}
