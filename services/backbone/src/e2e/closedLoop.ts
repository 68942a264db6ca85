import { expect } from 'vitest';
import type { ApiClient, CommandAnswer } from '../testing/api.ts';

// The closed loop of DESIGN.md §3 as several departments drive it over HTTP, shared by the
// embedded and the distributed end-to-end suites. The ids come from config/reference.json.

export const COORDINATING = 'social-work';
export const SCIENCE = 'science-technology';
export const CIVIL = 'civil-affairs';
export const DEPT_4 = 'department-4';
export const DEPT_5 = 'department-5';
export const DEPT_6 = 'department-6';
export const EMPLOYMENT = 'new-employment-groups';
export const MICRO_ECONOMY = 'micro-economy-joint-services';
export const TECHNOLOGY = 'technology-development-support';
export const FIELD_4 = 'field-4';

/** Every department that acts in the loop. */
export const LOOP_DEPARTMENTS = [COORDINATING, SCIENCE, CIVIL, DEPT_4, DEPT_5, DEPT_6] as const;

/** A task as the suite last saw it: its id and the stream version of its last command. */
export interface TaskRef {
  readonly id: string;
  version: number;
}

/** The four tasks of the loop, named after how each ends. */
export interface LoopTasks {
  /** Employment; science-tech leads, civil-affairs supports, department-4 declined its support; blocked, unblocked, completed, verified (4). */
  readonly verified: TaskRef & { readonly dueDate: string };
  /** Micro-economy; civil-affairs declined the lead, science-tech took it over; completed, reopened, now blocked asking civil-affairs. */
  readonly reopened: TaskRef & { readonly dueDate: string };
  /** Technology; department-4 leads and accepted, science-tech supports; cancelled. */
  readonly cancelled: TaskRef & { readonly dueDate: string };
  /** Technology; civil-affairs leads at 30 %; its due date moved. */
  readonly rescheduled: TaskRef & { readonly dueDate: string; readonly previousDueDate: string };
}

/** A client of the tasks API speaking for a department. */
export type ClientFor = (department: string) => ApiClient;

const DAY_MS = 86_400_000;
/** An instant `days` from now, as the API takes it. */
export const daysFromNow = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();

/** Sends a command, checks its status and that it moved the task to the next version. */
export async function command(
  client: ApiClient,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  task?: TaskRef,
  headers?: Record<string, string>,
): Promise<CommandAnswer> {
  const answer = method === 'POST' ? await client.post<CommandAnswer>(path, body, headers) : await client.patch<CommandAnswer>(path, body, headers);
  const expected = task ? 200 : 201;
  expect(answer.status, `${method} ${path} ${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`).toBe(expected);
  if (task) {
    expect(answer.body.version, `${path} moves ${task.id} past version ${task.version}`).toBeGreaterThan(task.version);
    task.version = answer.body.version;
  }
  return answer.body;
}

/** Creates and assigns a task (the coordinating department); returns it at version 2. */
export async function createAssigned(
  as: ClientFor,
  task: { title: string; field: string; dueDate: string; lead: string; supporting?: string[] },
): Promise<TaskRef> {
  const { id, version } = await command(as(COORDINATING), 'POST', '/api/tasks', { title: task.title, field: task.field, dueDate: task.dueDate });
  const ref: TaskRef = { id, version };
  await command(as(COORDINATING), 'POST', `/api/tasks/${id}/assignments`, { lead: task.lead, supporting: task.supporting ?? [] }, ref);
  return ref;
}

/** Drives the four tasks through the loop; each command answers 200/201 with the next version. */
export async function driveClosedLoop(as: ClientFor): Promise<LoopTasks> {
  const post = (department: string, task: TaskRef, action: string, body: unknown = {}) =>
    command(as(department), 'POST', `/api/tasks/${task.id}/${action}`, body, task);

  const verifiedDue = daysFromNow(30);
  const verified = await createAssigned(as, { title: 'Volunteer stations for delivery riders', field: EMPLOYMENT, dueDate: verifiedDue, lead: SCIENCE, supporting: [CIVIL, DEPT_4] });
  await post(DEPT_4, verified, 'decline', { reason: 'Rider services are not ours to run', citedRule: 'Joint plan §3.2: department-4 covers enterprise registration only' });
  await post(SCIENCE, verified, 'accept');
  await post(CIVIL, verified, 'accept');
  await post(SCIENCE, verified, 'progress', { percent: 50, note: 'two of four stations open' });
  await post(CIVIL, verified, 'block', { reason: 'No venue approved yet', needsHelpFrom: DEPT_5 });
  await post(CIVIL, verified, 'unblock', { note: 'venue approved' });
  await post(SCIENCE, verified, 'complete', { summary: 'Four stations open, 120 riders served' });
  await post(COORDINATING, verified, 'verify', { outcome: 'accept', rating: 4 });

  const reopenedDue = daysFromNow(45);
  const reopened = await createAssigned(as, { title: 'Micro-economy joint service desk', field: MICRO_ECONOMY, dueDate: reopenedDue, lead: CIVIL, supporting: [DEPT_5] });
  await post(CIVIL, reopened, 'decline', { reason: 'The lead belongs to the technology side', citedRule: 'Civil Affairs remit, art. 4' });
  await command(as(COORDINATING), 'POST', `/api/tasks/${reopened.id}/assignments`, { lead: SCIENCE, supporting: [DEPT_5] }, reopened);
  await post(SCIENCE, reopened, 'accept');
  await post(DEPT_5, reopened, 'accept');
  await post(SCIENCE, reopened, 'progress', { percent: 80 });
  await post(SCIENCE, reopened, 'complete', { summary: 'Desk opened' });
  await post(COORDINATING, reopened, 'verify', { outcome: 'reopen', reason: 'The desk has no social worker yet', rating: 2 });
  await post(SCIENCE, reopened, 'block', { reason: 'Needs a licensed social worker', needsHelpFrom: CIVIL });

  const cancelledDue = daysFromNow(60);
  const cancelled = await createAssigned(as, { title: 'Lab volunteering scheme', field: TECHNOLOGY, dueDate: cancelledDue, lead: DEPT_4, supporting: [SCIENCE] });
  await post(DEPT_4, cancelled, 'accept');
  await post(COORDINATING, cancelled, 'cancel', { reason: 'Merged into the incubation venture' });

  const previousDueDate = daysFromNow(20);
  const rescheduled = await createAssigned(as, { title: 'Tech mentors for community centres', field: TECHNOLOGY, dueDate: previousDueDate, lead: CIVIL });
  await post(CIVIL, rescheduled, 'accept');
  await post(CIVIL, rescheduled, 'progress', { percent: 30 });
  const rescheduledDue = daysFromNow(40);
  await command(as(COORDINATING), 'PATCH', `/api/tasks/${rescheduled.id}`, { dueDate: rescheduledDue, reason: 'Mentors recruited late' }, rescheduled);

  return {
    verified: { ...verified, dueDate: verifiedDue },
    reopened: { ...reopened, dueDate: reopenedDue },
    cancelled: { ...cancelled, dueDate: cancelledDue },
    rescheduled: { ...rescheduled, dueDate: rescheduledDue, previousDueDate },
  };
}
