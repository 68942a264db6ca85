import { ruleViolation } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import type { TaskCommandOf } from './commands.ts';
import { definedOnly, invalidInput, parseInstant, requireNotClosed, requireNotCompleted, requireText } from './guards.ts';
import type { Task } from './state.ts';

function requireRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw invalidInput('rating-out-of-range', `rating must be a whole number from 1 to 5, got ${rating}`);
  }
}

/** verify: the coordinating department accepts completed work with a rating, or reopens it with a reason. */
export function decideVerify(command: TaskCommandOf<'verifyTask'>, task: Task): TaskEvent[] {
  requireNotClosed(task);
  if (task.status !== 'completed') {
    throw ruleViolation('task-not-completed', `task ${task.taskId} is ${task.status}, not completed`);
  }
  const verdict = command.data;
  if (verdict.outcome === 'accept') {
    requireRating(verdict.rating);
    return [{ type: 'TaskVerified', data: definedOnly({ rating: verdict.rating, note: verdict.note }) }];
  }
  const reason = requireText(verdict.reason, 'reason');
  if (verdict.rating !== undefined) requireRating(verdict.rating);
  return [{ type: 'TaskReopened', data: definedOnly({ reason, rating: verdict.rating }) }];
}

/** cancel: the coordinating department closes an unfinished or unverified task, with a reason. */
export function decideCancel(command: TaskCommandOf<'cancelTask'>, task: Task): TaskEvent[] {
  requireNotClosed(task);
  const reason = requireText(command.data.reason, 'reason');
  return [{ type: 'TaskCancelled', data: { reason } }];
}

/** change due date: to a future date, with a reason; clears overdue and escalated. */
export function decideChangeDueDate(command: TaskCommandOf<'changeDueDate'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  const { dueDate } = command.data;
  const reason = requireText(command.data.reason, 'reason');
  const next = parseInstant(dueDate, 'dueDate');
  if (next <= command.now.getTime()) throw invalidInput('due-date-in-past', `due date ${dueDate} is not in the future`);
  if (next === parseInstant(task.dueDate, 'dueDate')) {
    throw ruleViolation('due-date-unchanged', `task ${task.taskId} is already due at ${task.dueDate}`);
  }
  return [{ type: 'TaskDueDateChanged', data: { dueDate, previousDueDate: task.dueDate, reason } }];
}
