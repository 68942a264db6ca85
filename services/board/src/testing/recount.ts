import type { Envelope } from '@backbone/contracts';
import type { BoardDirectoryEntries } from '../directory/boardDirectory.ts';
import { boardNumbersFrom } from '../queries/boardQueries.ts';
import type { BoardNumbers, PlanBoard } from '../queries/boardQueries.ts';
import { readTaskEvent } from '../projections/taskEvents.ts';
import { assigneesOf, foldTaskEvent, isDone, isOpen } from '../projections/taskSummary.ts';
import type { TaskSummary } from '../projections/taskSummary.ts';
import type { BoardMetric } from '../projections/boardCounters.ts';

/** Each task's final summary, folded straight from its stream. */
export function finalSummaries(streams: readonly (readonly Envelope[])[]): TaskSummary[] {
  return streams.flatMap((stream) => {
    let summary: TaskSummary | undefined;
    for (const envelope of stream) {
      const read = readTaskEvent(envelope);
      if (read) summary = foldTaskEvent(summary, read.event, read.meta);
    }
    return summary ? [summary] : [];
  });
}

interface Acceptance {
  readonly department: string;
  readonly field: string;
  readonly seconds: number;
}

/** Every acceptance with its seconds since the assignment before it, read off the streams. */
function acceptances(streams: readonly (readonly Envelope[])[]): Acceptance[] {
  return streams.flatMap((stream) => {
    let field = '';
    let assignedAt = 0;
    const found: Acceptance[] = [];
    for (const envelope of stream) {
      const event = readTaskEvent(envelope)?.event;
      if (event?.type === 'TaskCreated') field = event.data.field;
      if (event?.type === 'TaskAssigned' || event?.type === 'TaskReassigned') assignedAt = Date.parse(event.data.assignedAt);
      if (event?.type === 'TaskAccepted') {
        const seconds = Math.round((Date.parse(event.data.acceptedAt) - assignedAt) / 1000);
        found.push({ department: event.data.department, field, seconds });
      }
    }
    return found;
  });
}

/**
 * The board recounted the plain way, for tests to compare the projection with: state numbers
 * from the final summaries, declines and reopenings from them too (each department declines a
 * task at most once in the stories), acceptance times from the streams.
 */
export function recountBoard(streams: readonly (readonly Envelope[])[], directory: BoardDirectoryEntries): PlanBoard {
  const summaries = finalSummaries(streams);
  const accepted = acceptances(streams);
  const numbers = (
    inScope: (s: TaskSummary) => boolean,
    declines: (s: TaskSummary) => number,
    acceptedHere: (a: Acceptance) => boolean,
  ): BoardNumbers => {
    const tasks = summaries.filter(inScope);
    const count = (p: (s: TaskSummary) => boolean) => tasks.filter(p).length;
    const sum = (f: (s: TaskSummary) => number) => tasks.reduce((total, s) => total + f(s), 0);
    const mine = accepted.filter(acceptedHere);
    const values: Record<BoardMetric, number> = {
      tasks: tasks.length,
      'status:created': count((s) => s.status === 'created'),
      'status:assigned': count((s) => s.status === 'assigned'),
      'status:in_progress': count((s) => s.status === 'in_progress'),
      'status:awaiting_reassignment': count((s) => s.status === 'awaiting_reassignment'),
      'status:completed': count((s) => s.status === 'completed'),
      'status:verified': count((s) => s.status === 'verified'),
      'status:cancelled': count((s) => s.status === 'cancelled'),
      progressSum: sum((s) => (s.status === 'cancelled' ? 0 : s.progress)),
      progressTasks: count((s) => s.status !== 'cancelled'),
      overdue: count((s) => isOpen(s) && s.overdue),
      blocked: count((s) => isOpen(s) && s.blocked !== undefined),
      escalated: count((s) => isOpen(s) && s.escalated),
      completed: count(isDone),
      completedOnTime: count((s) => isDone(s) && s.completedOnTime === true),
      declined: summaries.reduce((total, s) => total + declines(s), 0),
      reopened: sum((s) => s.reopenCount),
      acceptances: mine.length,
      acceptanceSeconds: mine.reduce((total, a) => total + a.seconds, 0),
    };
    return boardNumbersFrom((metric) => values[metric]);
  };
  return {
    totals: numbers(() => true, (s) => s.declinedBy.length, () => true),
    fields: directory.fields.map(({ id, name }) => ({
      id,
      name,
      ...numbers((s) => s.field === id, (s) => (s.field === id ? s.declinedBy.length : 0), (a) => a.field === id),
    })),
    departments: directory.departments.map(({ id, name }) => ({
      id,
      name,
      ...numbers(
        (s) => assigneesOf(s).includes(id),
        (s) => (s.declinedBy.includes(id) ? 1 : 0),
        (a) => a.department === id,
      ),
    })),
  };
}
