import type { TaskEvent } from '@backbone/contracts';
import { createTaskDirectory, SYSTEM_ACTOR } from '../commands.ts';
import type { TaskCommandOf, TaskCommandType } from '../commands.ts';

// Shared givens for the task decider specifications: a directory like config/reference.json,
// one task and the events of each step of its loop.

export const COORDINATING = 'social-work';
export const LEAD = 'science-technology';
export const SUPPORTING = 'civil-affairs';
export const OTHER = 'department-4';
export const UNRELATED = 'department-5';
export const FIELD = 'technology-development-support';

export const directory = createTaskDirectory({
  coordinating: COORDINATING,
  departments: [COORDINATING, LEAD, SUPPORTING, OTHER, UNRELATED],
  fields: [FIELD, 'new-employment-groups'],
});

export const TASK_ID = 'task-2025-q2-001';
export const NOW = new Date('2025-04-01T09:00:00.000Z');
export const DUE = '2025-06-30T16:00:00.000Z';
export const BEFORE_DUE = new Date('2025-06-30T15:59:59.000Z');
export const AFTER_DUE = new Date('2025-06-30T16:00:01.000Z');

/** A command of the given type as the server would hand it to the decider. */
export function command<T extends TaskCommandType>(
  type: T,
  actor: string,
  data: TaskCommandOf<T>['data'],
  now: Date = NOW,
): TaskCommandOf<T> {
  return { type, taskId: TASK_ID, actor, now, directory, data };
}

/** A deadline command from the scheduler. */
export const systemCommand = <T extends 'markOverdue' | 'escalate'>(type: T, data: TaskCommandOf<T>['data'], now: Date) =>
  command(type, SYSTEM_ACTOR, data, now);

export const created: TaskEvent = {
  type: 'TaskCreated',
  data: { taskId: TASK_ID, title: 'Volunteer support for tech start-ups', field: FIELD, dueDate: DUE, createdBy: COORDINATING },
};
export const assigned: TaskEvent = {
  type: 'TaskAssigned',
  data: { lead: LEAD, supporting: [SUPPORTING, OTHER], assignedAt: NOW.toISOString() },
};
export const acceptedBy = (department: string): TaskEvent => ({
  type: 'TaskAccepted',
  data: { department, acceptedAt: NOW.toISOString() },
});
export const declinedBy = (department: string, role: 'lead' | 'supporting'): TaskEvent => ({
  type: 'TaskDeclined',
  data: { department, role, reason: 'outside our remit', citedRule: 'Bureau charter art. 3' },
});
export const progressed = (department: string, percent: number): TaskEvent => ({
  type: 'TaskProgressReported',
  data: { department, percent },
});
export const blockedBy = (department: string, needsHelpFrom?: string): TaskEvent => ({
  type: 'TaskBlocked',
  data: needsHelpFrom === undefined ? { department, reason: 'waiting' } : { department, reason: 'waiting', needsHelpFrom },
});
export const completed: TaskEvent = {
  type: 'TaskCompleted',
  data: { department: LEAD, summary: 'done', completedAt: NOW.toISOString(), onTime: true },
};
export const becameOverdue: TaskEvent = {
  type: 'TaskBecameOverdue',
  data: { dueDate: DUE, detectedAt: AFTER_DUE.toISOString() },
};

/** Created and assigned: the lead and both supporting departments still to accept. */
export const assignedTask: readonly TaskEvent[] = [created, assigned];
/** Everyone accepted. */
export const inProgressTask: readonly TaskEvent[] = [...assignedTask, acceptedBy(LEAD), acceptedBy(SUPPORTING), acceptedBy(OTHER)];
/** The lead reported it done. */
export const completedTask: readonly TaskEvent[] = [...inProgressTask, completed];
