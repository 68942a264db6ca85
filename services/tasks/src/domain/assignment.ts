import { ruleViolation } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import type { TaskCommandOf } from './commands.ts';
import {
  definedOnly,
  invalidInput,
  parseInstant,
  requireKnownDepartment,
  requireKnownField,
  requireNotCompleted,
  requireText,
} from './guards.ts';
import { hasAccepted } from './state.ts';
import type { Task, TaskState } from './state.ts';

/** create: a new task in a known field, due in the future. */
export function decideCreate(command: TaskCommandOf<'createTask'>, state: TaskState): TaskEvent[] {
  if (state.status !== 'none') throw ruleViolation('task-already-exists', `task ${command.taskId} already exists`);
  const { title, description, field, dueDate } = command.data;
  requireText(title, 'title');
  requireKnownField(command.directory, field);
  if (parseInstant(dueDate, 'dueDate') <= command.now.getTime()) {
    throw invalidInput('due-date-in-past', `due date ${dueDate} is not in the future`);
  }
  return [
    {
      type: 'TaskCreated',
      data: definedOnly({ taskId: command.taskId, title, description, field, dueDate, createdBy: command.actor }),
    },
  ];
}

/** assign: a lead and supporting departments, first time or after the lead declined. */
export function decideAssign(command: TaskCommandOf<'assignTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  if (task.status !== 'created' && task.status !== 'awaiting_reassignment') {
    throw ruleViolation('task-already-assigned', `task ${task.taskId} already has lead ${task.lead ?? ''}`);
  }
  const { lead, supporting } = command.data;
  for (const department of [lead, ...supporting]) requireKnownDepartment(command.directory, department);
  if (supporting.includes(lead)) {
    throw invalidInput('lead-not-also-supporting', `${lead} cannot be both lead and supporting`);
  }
  if (new Set(supporting).size !== supporting.length) {
    throw invalidInput('no-duplicate-assignees', 'a supporting department is named twice');
  }
  const assignedAt = command.now.toISOString();
  if (task.status === 'awaiting_reassignment' && task.previousLead !== undefined) {
    return [
      { type: 'TaskReassigned', data: { lead, supporting: [...supporting], previousLead: task.previousLead, assignedAt } },
    ];
  }
  return [{ type: 'TaskAssigned', data: { lead, supporting: [...supporting], assignedAt } }];
}

/** accept: an assignee takes on its part, once. */
export function decideAccept(command: TaskCommandOf<'acceptTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  if (hasAccepted(task, command.actor)) {
    throw ruleViolation('already-accepted', `${command.actor} already accepted task ${task.taskId}`);
  }
  return [{ type: 'TaskAccepted', data: { department: command.actor, acceptedAt: command.now.toISOString() } }];
}

/** decline: a pending assignee refuses, citing the rule; it stops being an assignee. */
export function decideDecline(command: TaskCommandOf<'declineTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  if (hasAccepted(task, command.actor)) {
    throw ruleViolation('cannot-decline-after-accepting', `${command.actor} already accepted task ${task.taskId}`);
  }
  const reason = requireText(command.data.reason, 'reason');
  const citedRule = requireText(command.data.citedRule, 'citedRule');
  const role = task.lead === command.actor ? 'lead' : 'supporting';
  return [{ type: 'TaskDeclined', data: { department: command.actor, role, reason, citedRule } }];
}
