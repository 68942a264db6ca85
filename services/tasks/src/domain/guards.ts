import { BackboneError, ruleViolation } from '@backbone/contracts';
import type { TaskDirectory } from './commands.ts';
import { hasAccepted, isClosed } from './state.ts';
import type { Task } from './state.ts';

// Checks shared by several decisions. Bad input is `invalid_input` (400); a command that does
// not fit the task's current state is a `rule_violation` (409).

/** A 400 naming the rule the input breaks. */
export function invalidInput(rule: string, message: string): BackboneError {
  return new BackboneError('invalid_input', message, { rule });
}

/** Parses an ISO date-time or throws `invalid-date`. */
export function parseInstant(value: string, what: string): number {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw invalidInput('invalid-date', `${what} is not a date-time: ${value}`);
  return time;
}

/** Returns the trimmed text or throws `reason-required` when it is missing or blank. */
export function requireText(value: string | undefined, what: string): string {
  const text = value?.trim() ?? '';
  if (text.length === 0) throw invalidInput('reason-required', `${what} is required`);
  return value ?? '';
}

export function requireKnownDepartment(directory: TaskDirectory, department: string): void {
  if (!directory.departments.has(department)) {
    throw invalidInput('unknown-department', `unknown department ${department}`);
  }
}

export function requireKnownField(directory: TaskDirectory, field: string): void {
  if (!directory.fields.has(field)) throw invalidInput('unknown-field', `unknown key field ${field}`);
}

/** Nothing happens to a verified or cancelled task. */
export function requireNotClosed(task: Task): void {
  if (isClosed(task)) throw ruleViolation('task-is-closed', `task ${task.taskId} is ${task.status}`);
}

/** Completed work waits for verification; only verify and cancel act on it. */
export function requireNotCompleted(task: Task): void {
  requireNotClosed(task);
  if (task.status === 'completed') {
    throw ruleViolation('task-is-completed', `task ${task.taskId} is completed and awaits verification`);
  }
}

/** Assignees act on a task only after accepting their part. */
export function requireAccepted(task: Task, department: string): void {
  if (!hasAccepted(task, department)) {
    throw ruleViolation('assignee-must-accept-first', `${department} has not accepted task ${task.taskId}`);
  }
}

/** Copies an object without its undefined properties, so events carry no empty keys. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
