import type { Envelope } from '@backbone/contracts';

// The request bodies of the tasks API (`/api/tasks`, DESIGN.md §3). The task id, the acting
// department (from the credential) and the time are added by the server, never sent.

/** POST /api/tasks — the coordinating department creates a key task. */
export interface CreateTaskBody {
  readonly title: string;
  readonly description?: string;
  readonly field: string;
  /** ISO 8601 instant with offset. */
  readonly dueDate: string;
}
/** POST /api/tasks/{id}/assignments */
export interface AssignTaskBody {
  readonly lead: string;
  readonly supporting?: readonly string[];
}
/** POST /api/tasks/{id}/decline — the reason and the rule or remit that puts the task outside the department's duties. */
export interface DeclineTaskBody {
  readonly reason: string;
  readonly citedRule: string;
}
/** POST /api/tasks/{id}/progress — 0–100; a decrease needs `decreaseReason`. */
export interface ReportProgressBody {
  readonly percent: number;
  readonly note?: string;
  readonly decreaseReason?: string;
}
/** POST /api/tasks/{id}/block */
export interface BlockTaskBody {
  readonly reason: string;
  readonly needsHelpFrom?: string;
}
/** POST /api/tasks/{id}/unblock */
export interface UnblockTaskBody {
  readonly note?: string;
}
/** POST /api/tasks/{id}/complete — the lead reports the task done. */
export interface CompleteTaskBody {
  readonly summary: string;
}
/** POST /api/tasks/{id}/verify — accept with a rating, or reopen with a reason. */
export type VerifyTaskBody =
  | { readonly outcome: 'accept'; readonly rating: number; readonly note?: string }
  | { readonly outcome: 'reopen'; readonly reason: string; readonly rating?: number };
/** POST /api/tasks/{id}/cancel */
export interface CancelTaskBody {
  readonly reason: string;
}
/** PATCH /api/tasks/{id} */
export interface ChangeDueDateBody {
  readonly dueDate: string;
  readonly reason: string;
}

/** What every command answers: the aggregate, its new version and the ids of the events written. */
export interface CommandAnswer {
  readonly id: string;
  readonly version: number;
  readonly eventIds: readonly string[];
}

/** GET /api/tasks/{id} — the task's state as the tasks service folds it. */
export interface TaskSnapshot {
  readonly id: string;
  readonly version: number;
  readonly state: Readonly<Record<string, unknown>>;
}

/** GET /api/tasks/{id}/history — its CloudEvents, in order. */
export interface TaskHistory {
  readonly id: string;
  readonly version: number;
  readonly events: readonly Envelope[];
}
