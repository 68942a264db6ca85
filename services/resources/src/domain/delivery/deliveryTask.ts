import { BackboneError } from '@backbone/contracts';
import type { EventData, GrantAwarded } from '@backbone/contracts';

// The cross-context rule "a grant awarded in resources creates a delivery task in tasks", as a
// pure function for the process manager. The shapes mirror the tasks context's create and
// assign bodies; a context never imports another, so they are restated here.

/** The data of a `GrantAwarded` event. */
export type GrantAwardedData = EventData<typeof GrantAwarded>;

/** What the process manager sends to the tasks context for one awarded grant. */
export interface DeliveryTaskRequest {
  /** Derived from the grant id: a redelivered award names the same task, so no second one is made. */
  readonly taskId: string;
  /** The body of `POST /api/tasks` (create). */
  readonly create: { readonly title: string; readonly description: string; readonly field: string; readonly dueDate: string };
  /** The body of `POST /api/tasks/{id}/assignments`: the sponsoring department leads delivery. */
  readonly assign: { readonly lead: string; readonly supporting: readonly string[] };
}

const TASK_TITLE_MAX = 200;

/** The id of the delivery task of a grant: `task-grant-<grantId>`. */
export function deliveryTaskIdFor(grantId: string): string {
  return `task-grant-${grantId}`;
}

/** The create + assign request for the delivery task of an awarded grant, due at the grant's end. */
export function deliveryTaskFor(award: GrantAwardedData, grantId: string = award.grantId): DeliveryTaskRequest {
  if (grantId !== award.grantId) {
    throw new BackboneError('invalid_input', `the award is for grant ${award.grantId}, not ${grantId}`, { rule: 'grant-id-mismatch' });
  }
  const yuan = `${Math.trunc(award.amountFen / 100)}.${String(award.amountFen % 100).padStart(2, '0')}`;
  return {
    taskId: deliveryTaskIdFor(grantId),
    create: {
      title: `Deliver: ${award.title}`.slice(0, TASK_TITLE_MAX),
      description:
        `Deliver the project funded by incubation grant ${grantId} (${yuan} yuan from call ${award.callId}, ` +
        `pool ${award.poolId}, application ${award.applicationId}) by ${award.endsAt}.`,
      field: award.field,
      dueDate: award.endsAt,
    },
    assign: { lead: award.sponsoringDepartment, supporting: [] },
  };
}
