import { ruleViolation } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import { SYSTEM_ACTOR } from './commands.ts';
import type { TaskCommandOf, TaskDirectory } from './commands.ts';
import { invalidInput, requireNotCompleted } from './guards.ts';
import { isOpen } from './state.ts';
import type { Task, TaskState } from './state.ts';

const HOUR_MS = 3_600_000;

const dueAt = (task: Task) => Date.parse(task.dueDate);
const escalationAt = (task: Task, graceHours: number) => dueAt(task) + graceHours * HOUR_MS;

function requireGraceHours(graceHours: number): void {
  if (!Number.isFinite(graceHours) || graceHours < 0) {
    throw invalidInput('grace-hours-out-of-range', `graceHours must be zero or more, got ${graceHours}`);
  }
}

/** markOverdue: once per due date, when the due date has passed and the task is still open. */
export function decideMarkOverdue(command: TaskCommandOf<'markOverdue'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  if (command.now.getTime() <= dueAt(task)) {
    throw ruleViolation('task-not-overdue-yet', `task ${task.taskId} is due at ${task.dueDate}`);
  }
  if (task.overdue) throw ruleViolation('overdue-already-recorded', `task ${task.taskId} is already overdue`);
  return [{ type: 'TaskBecameOverdue', data: { dueDate: task.dueDate, detectedAt: command.now.toISOString() } }];
}

/** escalate: once, to the coordinating department, when an overdue task outlived the grace period. */
export function decideEscalate(command: TaskCommandOf<'escalate'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  requireGraceHours(command.data.graceHours);
  if (!task.overdue) throw ruleViolation('task-not-overdue', `task ${task.taskId} is not overdue`);
  if (task.escalated) throw ruleViolation('already-escalated', `task ${task.taskId} is already escalated`);
  if (command.now.getTime() <= escalationAt(task, command.data.graceHours)) {
    throw ruleViolation('grace-period-not-over', `task ${task.taskId} is still within its grace period`);
  }
  return [
    {
      type: 'TaskEscalated',
      data: { to: command.directory.coordinating, overdueSince: task.dueDate, escalatedAt: command.now.toISOString() },
    },
  ];
}

/** The deadline command a task needs now, if any. */
export type DueDeadline = 'markOverdue' | 'escalate' | 'none';

/** Which system command is due for the task at `now`, given the grace period in hours. */
export function dueDeadline(state: TaskState, now: Date, graceHours: number): DueDeadline {
  if (state.status === 'none' || !isOpen(state)) return 'none';
  if (!state.overdue) return now.getTime() > dueAt(state) ? 'markOverdue' : 'none';
  if (!state.escalated && now.getTime() > escalationAt(state, graceHours)) return 'escalate';
  return 'none';
}

/**
 * The instant after which the task's next deadline command becomes due, or undefined when
 * none will (closed, completed or already escalated), so a scheduler knows when to look again.
 */
export function nextDeadlineAt(state: TaskState, graceHours: number): Date | undefined {
  if (state.status === 'none' || !isOpen(state) || state.escalated) return undefined;
  return new Date(state.overdue ? escalationAt(state, graceHours) : dueAt(state));
}

export interface DeadlineCommandOptions {
  readonly now: Date;
  readonly graceHours: number;
  readonly directory: TaskDirectory;
}

/** The system command to issue for the task at `now`, or undefined when nothing is due. */
export function deadlineCommandFor(
  state: TaskState,
  options: DeadlineCommandOptions,
): TaskCommandOf<'markOverdue'> | TaskCommandOf<'escalate'> | undefined {
  if (state.status === 'none') return undefined;
  const due = dueDeadline(state, options.now, options.graceHours);
  const facts = { taskId: state.taskId, actor: SYSTEM_ACTOR, now: options.now, directory: options.directory };
  if (due === 'markOverdue') return { ...facts, type: 'markOverdue', data: {} };
  if (due === 'escalate') return { ...facts, type: 'escalate', data: { graceHours: options.graceHours } };
  return undefined;
}
