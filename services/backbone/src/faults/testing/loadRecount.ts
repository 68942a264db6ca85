import { parseEventType } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';

/** The board numbers the load can move, counted straight from the log without any projection code. */
export interface LoadRecount {
  readonly tasks: number;
  readonly byStatus: { readonly created: number; readonly assigned: number; readonly in_progress: number };
  readonly acceptances: number;
  /** Mean progress of all tasks (the load never cancels one); null without tasks. */
  readonly averageProgress: number | null;
  /** Tasks each department leads. */
  readonly tasksByDepartment: Readonly<Record<string, number>>;
}

interface TaskFacts {
  status: 'created' | 'assigned' | 'in_progress';
  lead?: string;
  progress: number;
}

const dataOf = (event: Envelope): Record<string, unknown> => (typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {});

/**
 * Recounts the tasks the load drove (create → assign → accept by the lead → progress) from their
 * events in the log. Throws on any other task event: the recount would not know what it means.
 */
export function recountLoad(events: readonly Envelope[]): LoadRecount {
  const tasks = new Map<string, TaskFacts>();
  let acceptances = 0;
  for (const event of events) {
    const type = parseEventType(event.type);
    if (type?.context !== 'tasks') continue;
    const data = dataOf(event);
    const task = tasks.get(event.subject);
    if (type.name === 'TaskCreated') tasks.set(event.subject, { status: 'created', progress: 0 });
    else if (!task) throw new Error(`${type.name} ${event.id} of ${event.subject} before its TaskCreated`);
    else if (type.name === 'TaskAssigned') Object.assign(task, { status: 'assigned', lead: String(data.lead) });
    else if (type.name === 'TaskAccepted') {
      acceptances++;
      if (data.department === task.lead) task.status = 'in_progress';
    } else if (type.name === 'TaskProgressReported') task.progress = Number(data.percent);
    else throw new Error(`the load never causes ${type.name} (${event.id} of ${event.subject})`);
  }
  const all = [...tasks.values()];
  const count = (status: TaskFacts['status']) => all.filter((t) => t.status === status).length;
  const tasksByDepartment: Record<string, number> = {};
  for (const { lead } of all) if (lead) tasksByDepartment[lead] = (tasksByDepartment[lead] ?? 0) + 1;
  return {
    tasks: all.length,
    byStatus: { created: count('created'), assigned: count('assigned'), in_progress: count('in_progress') },
    acceptances,
    averageProgress: all.length === 0 ? null : all.reduce((sum, t) => sum + t.progress, 0) / all.length,
    tasksByDepartment,
  };
}
