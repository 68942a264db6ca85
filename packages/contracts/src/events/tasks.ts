import { z } from 'zod';
import { defineEvent } from '../eventType.ts';
import type { DomainEvent, EventData } from '../eventType.ts';
import { DepartmentId, FieldId } from './reference.ts';

/** A task id: chosen by the tasks service when the task is created (the stream's subject). */
export const TaskId = z.string().min(1).max(200);

const Instant = z.iso.datetime({ offset: true });
const Reason = z.string().trim().min(1).max(2000);
const Note = z.string().trim().min(1).max(2000);

/** The coordinating department created a key task in a field, due at `dueDate`. */
export const TaskCreated = defineEvent(
  'tasks',
  'TaskCreated',
  1,
  z.strictObject({
    taskId: TaskId,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(5000).optional(),
    field: FieldId,
    dueDate: Instant,
    createdBy: DepartmentId,
  }),
);

/** The task was given a lead department and supporting departments, each still to accept. */
export const TaskAssigned = defineEvent(
  'tasks',
  'TaskAssigned',
  1,
  z.strictObject({ lead: DepartmentId, supporting: z.array(DepartmentId), assignedAt: Instant }),
);

/**
 * After the lead declined, the task was given a new lead (and supporting set, which replaces
 * the old one; supporting departments kept from before keep their acceptance).
 */
export const TaskReassigned = defineEvent(
  'tasks',
  'TaskReassigned',
  1,
  z.strictObject({
    lead: DepartmentId,
    supporting: z.array(DepartmentId),
    previousLead: DepartmentId,
    assignedAt: Instant,
  }),
);

/** An assignee took on its part of the task. */
export const TaskAccepted = defineEvent(
  'tasks',
  'TaskAccepted',
  1,
  z.strictObject({ department: DepartmentId, acceptedAt: Instant }),
);

/** An assignee refused the task, citing the rule or remit that puts it outside its duties. */
export const TaskDeclined = defineEvent(
  'tasks',
  'TaskDeclined',
  1,
  z.strictObject({
    department: DepartmentId,
    /** The role the department declined; a declining lead leaves the task awaiting reassignment. */
    role: z.enum(['lead', 'supporting']),
    reason: Reason,
    citedRule: z.string().trim().min(1).max(500),
  }),
);

/** An assignee reported the task's overall progress; a decrease carries its reason. */
export const TaskProgressReported = defineEvent(
  'tasks',
  'TaskProgressReported',
  1,
  z.strictObject({
    department: DepartmentId,
    percent: z.int().min(0).max(100),
    note: Note.optional(),
    decreaseReason: Reason.optional(),
  }),
);

/** An assignee cannot go on, optionally naming the department whose help it needs. */
export const TaskBlocked = defineEvent(
  'tasks',
  'TaskBlocked',
  1,
  z.strictObject({ department: DepartmentId, reason: Reason, needsHelpFrom: DepartmentId.optional() }),
);

/** The block was lifted. */
export const TaskUnblocked = defineEvent(
  'tasks',
  'TaskUnblocked',
  1,
  z.strictObject({ department: DepartmentId, note: Note.optional() }),
);

/** The lead department reported the task done; `onTime` compares `completedAt` with the due date. */
export const TaskCompleted = defineEvent(
  'tasks',
  'TaskCompleted',
  1,
  z.strictObject({
    department: DepartmentId,
    summary: z.string().trim().min(1).max(5000),
    completedAt: Instant,
    onTime: z.boolean(),
  }),
);

/** The coordinating department accepted the completed work and rated it. The task is closed. */
export const TaskVerified = defineEvent(
  'tasks',
  'TaskVerified',
  1,
  z.strictObject({ rating: z.int().min(1).max(5), note: Note.optional() }),
);

/** The coordinating department sent the completed work back to the lead. */
export const TaskReopened = defineEvent(
  'tasks',
  'TaskReopened',
  1,
  z.strictObject({ reason: Reason, rating: z.int().min(1).max(5).optional() }),
);

/** The coordinating department cancelled the task. The task is closed. */
export const TaskCancelled = defineEvent('tasks', 'TaskCancelled', 1, z.strictObject({ reason: Reason }));

/** The coordinating department moved the due date; any overdue or escalated state is cleared. */
export const TaskDueDateChanged = defineEvent(
  'tasks',
  'TaskDueDateChanged',
  1,
  z.strictObject({ dueDate: Instant, previousDueDate: Instant, reason: Reason }),
);

/** The deadline passed while the task was still open (written once per due date). */
export const TaskBecameOverdue = defineEvent(
  'tasks',
  'TaskBecameOverdue',
  1,
  z.strictObject({ dueDate: Instant, detectedAt: Instant }),
);

/** The task stayed overdue past the grace period and went up to the coordinating department. */
export const TaskEscalated = defineEvent(
  'tasks',
  'TaskEscalated',
  1,
  z.strictObject({ to: DepartmentId, overdueSince: Instant, escalatedAt: Instant }),
);

/** Every event of a task's closed loop, by name. */
export const taskEvents = {
  TaskCreated,
  TaskAssigned,
  TaskReassigned,
  TaskAccepted,
  TaskDeclined,
  TaskProgressReported,
  TaskBlocked,
  TaskUnblocked,
  TaskCompleted,
  TaskVerified,
  TaskReopened,
  TaskCancelled,
  TaskDueDateChanged,
  TaskBecameOverdue,
  TaskEscalated,
} as const;

/** The name of a task event. */
export type TaskEventName = keyof typeof taskEvents;

/** A task event as the task decider produces it. */
export type TaskEvent = {
  [K in TaskEventName]: DomainEvent<K, EventData<(typeof taskEvents)[K]>>;
}[TaskEventName];
