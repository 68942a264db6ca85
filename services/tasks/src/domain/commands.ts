import { z } from 'zod';
import { DepartmentId, FieldId } from '@backbone/contracts';

// Request bodies: what a department sends. The task id, the acting department, the time and
// the directory are facts the server adds; they never come from a body.

const Instant = z.iso.datetime({ offset: true });
const Reason = z.string().trim().min(1).max(2000);
const Note = z.string().trim().min(1).max(2000);
const Rating = z.int().min(1).max(5);

/** POST /api/tasks */
export const CreateTaskBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000).optional(),
  field: FieldId,
  dueDate: Instant,
});
/** POST /api/tasks/{id}/assignments */
export const AssignTaskBody = z.strictObject({
  lead: DepartmentId,
  supporting: z.array(DepartmentId).max(50).default([]),
});
/** POST /api/tasks/{id}/accept */
export const AcceptTaskBody = z.strictObject({});
/** POST /api/tasks/{id}/decline: the reason and the rule or remit that puts the task outside the department's duties. */
export const DeclineTaskBody = z.strictObject({ reason: Reason, citedRule: z.string().trim().min(1).max(500) });
/** POST /api/tasks/{id}/progress */
export const ReportProgressBody = z.strictObject({
  percent: z.int().min(0).max(100),
  note: Note.optional(),
  decreaseReason: Reason.optional(),
});
/** POST /api/tasks/{id}/block */
export const BlockTaskBody = z.strictObject({ reason: Reason, needsHelpFrom: DepartmentId.optional() });
/** POST /api/tasks/{id}/unblock */
export const UnblockTaskBody = z.strictObject({ note: Note.optional() });
/** POST /api/tasks/{id}/complete */
export const CompleteTaskBody = z.strictObject({ summary: z.string().trim().min(1).max(5000) });
/** POST /api/tasks/{id}/verify: accept with a rating, or reopen with a reason. */
export const VerifyTaskBody = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('accept'), rating: Rating, note: Note.optional() }),
  z.strictObject({ outcome: z.literal('reopen'), reason: Reason, rating: Rating.optional() }),
]);
/** POST /api/tasks/{id}/cancel */
export const CancelTaskBody = z.strictObject({ reason: Reason });
/** PATCH /api/tasks/{id} */
export const ChangeDueDateBody = z.strictObject({ dueDate: Instant, reason: Reason });
/** Issued by the deadline scheduler, not over HTTP. */
export const MarkOverdueData = z.strictObject({});
/** Issued by the deadline scheduler; the grace period comes from configuration. */
export const EscalateData = z.strictObject({ graceHours: z.number().min(0).max(24 * 365) });

/** The schema of each command's request part, by command type. */
export const taskCommandBodies = {
  createTask: CreateTaskBody,
  assignTask: AssignTaskBody,
  acceptTask: AcceptTaskBody,
  declineTask: DeclineTaskBody,
  reportProgress: ReportProgressBody,
  blockTask: BlockTaskBody,
  unblockTask: UnblockTaskBody,
  completeTask: CompleteTaskBody,
  verifyTask: VerifyTaskBody,
  cancelTask: CancelTaskBody,
  changeDueDate: ChangeDueDateBody,
  markOverdue: MarkOverdueData,
  escalate: EscalateData,
} as const;

/** Every task command type. */
export type TaskCommandType = keyof typeof taskCommandBodies;
export const TASK_COMMAND_TYPES = Object.keys(taskCommandBodies) as TaskCommandType[];

/** The actor of the deadline commands; never a department id (the directory reserves it). */
export const SYSTEM_ACTOR = 'system';

/** What the tasks service knows of the reference directory when it decides. */
export interface TaskDirectory {
  readonly coordinating: string;
  readonly departments: ReadonlySet<string>;
  readonly fields: ReadonlySet<string>;
}

/** Builds a directory from the ids the reference context published. */
export function createTaskDirectory(options: {
  coordinating: string;
  departments: Iterable<string>;
  fields: Iterable<string>;
}): TaskDirectory {
  return { coordinating: options.coordinating, departments: new Set(options.departments), fields: new Set(options.fields) };
}

/** A command as the decider sees it: the request part plus the facts the server adds. */
export type TaskCommandOf<TType extends TaskCommandType> = {
  readonly type: TType;
  readonly taskId: string;
  /** The department id from the credential, or `system`. */
  readonly actor: string;
  readonly now: Date;
  readonly directory: TaskDirectory;
  readonly data: z.output<(typeof taskCommandBodies)[TType]>;
};

/** Every command of a task's closed loop. */
export type TaskCommand = { [K in TaskCommandType]: TaskCommandOf<K> }[TaskCommandType];
