import type { Consistency, InboxItem, InboxPage, PlanBoard } from '@backbone/service-board';
import { expect } from 'vitest';
import type { ApiClient } from '../testing/api.ts';
import { eventually } from '../testing/eventually.ts';
import { CIVIL, COORDINATING, DEPT_4, DEPT_5, DEPT_6, EMPLOYMENT, MICRO_ECONOMY, SCIENCE, TECHNOLOGY } from './closedLoop.ts';
import type { ClientFor, LoopTasks, TaskRef } from './closedLoop.ts';
import { expectedBoard, expectedRow } from './loopExpectations.ts';

type Read<T> = T & { readonly consistency?: Consistency };

/**
 * GETs a view with `waitFor=<task>@<version>` until the view says it caught up (the wait of
 * one read is bounded at 2 s; a fresh consumer group may need longer to join, hence the retries).
 */
export async function readCaughtUp<T>(client: ApiClient, path: string, task: TaskRef, timeoutMs = 30_000): Promise<Read<T>> {
  const url = `${path}${path.includes('?') ? '&' : '?'}waitFor=${task.id}@${task.version}`;
  const answer = await eventually(
    `${url} to catch up`,
    () => client.get<Read<T>>(url),
    (r) => r.status !== 200 || r.body.consistency?.caughtUp === true,
    { timeoutMs },
  );
  expect(answer.status, `${url} → ${JSON.stringify(answer.body)}`).toBe(200);
  expect(answer.body.consistency).toEqual({ caughtUp: true, version: expect.any(Number) });
  return answer.body;
}

/** Waits until the inbox and the board projections have seen every task at its last version. */
export async function waitForViews(coordinating: ApiClient, tasks: readonly TaskRef[]): Promise<void> {
  for (const task of tasks) {
    await readCaughtUp(coordinating, `/api/departments/${COORDINATING}/tasks`, task);
    await readCaughtUp(coordinating, '/api/board', task);
  }
}

const ids = (page: InboxPage) => page.items.map((item) => item.taskId);

/** Checks every department's inbox after the loop: who sees which task, as what, in which state, and the filters. */
export async function checkInboxes(as: ClientFor, tasks: LoopTasks): Promise<void> {
  const { verified, reopened, cancelled, rescheduled } = tasks;
  // Kafka keeps order per task only: each task must have reached the views before any inbox is judged.
  await waitForViews(as(COORDINATING), [verified, reopened, cancelled, rescheduled]);
  const inbox = (department: string, query = '', task: TaskRef = verified) =>
    readCaughtUp<InboxPage>(as(department), `/api/departments/${department}/tasks${query}`, task);

  const science = await inbox(SCIENCE, '', reopened);
  expect(ids(science)).toEqual([verified.id, reopened.id, cancelled.id]);
  expect(science.total).toBe(3);
  const [scienceVerified, scienceReopened, scienceCancelled] = science.items as [InboxItem, InboxItem, InboxItem];
  expect(scienceVerified).toMatchObject({
    role: 'lead',
    accepted: true,
    status: 'verified',
    progress: 100,
    field: EMPLOYMENT,
    lead: SCIENCE,
    supporting: [CIVIL],
    declinedBy: [DEPT_4],
    blocked: null,
    dueDate: verified.dueDate,
    version: verified.version,
  });
  expect(scienceReopened).toMatchObject({
    role: 'lead',
    accepted: true,
    status: 'in_progress',
    progress: 100,
    lead: SCIENCE,
    supporting: [DEPT_5],
    declinedBy: [CIVIL],
    version: reopened.version,
  });
  // Who is blocking whom: science-tech cannot go on and names civil-affairs as the help it needs.
  expect(scienceReopened.blocked).toMatchObject({ by: SCIENCE, needsHelpFrom: CIVIL, reason: 'Needs a licensed social worker' });
  expect(scienceCancelled).toMatchObject({ role: 'supporting', accepted: false, status: 'cancelled', lead: DEPT_4 });

  const civil = await inbox(CIVIL, '', rescheduled);
  // Civil-affairs declined the lead of the reopened task: it is no longer in its inbox.
  expect(ids(civil)).toEqual([verified.id, rescheduled.id]);
  expect(civil.items[0]).toMatchObject({ role: 'supporting', accepted: true, status: 'verified' });
  expect(civil.items[1]).toMatchObject({ role: 'lead', status: 'in_progress', progress: 30, dueDate: rescheduled.dueDate, overdue: false, field: TECHNOLOGY });

  expect(ids(await inbox(DEPT_4, '', cancelled))).toEqual([cancelled.id]);
  expect(ids(await inbox(DEPT_5, '', reopened))).toEqual([reopened.id]);
  expect((await inbox(DEPT_5)).items[0]).toMatchObject({ role: 'supporting', accepted: true, blocked: { by: SCIENCE, needsHelpFrom: CIVIL } });

  // The filters: status, field, overdue, and combined.
  expect(ids(await inbox(SCIENCE, '?status=in_progress'))).toEqual([reopened.id]);
  expect(ids(await inbox(SCIENCE, `?field=${MICRO_ECONOMY}`))).toEqual([reopened.id]);
  expect(ids(await inbox(SCIENCE, '?overdue=false'))).toEqual([verified.id, reopened.id, cancelled.id]);
  expect(ids(await inbox(SCIENCE, '?overdue=true'))).toEqual([]);
  expect(ids(await inbox(CIVIL, `?status=verified&field=${EMPLOYMENT}`))).toEqual([verified.id]);
  expect(ids(await inbox(CIVIL, `?status=in_progress&field=${EMPLOYMENT}`))).toEqual([]);

  // The coordinating department reads every inbox; another department only its own.
  const readByCoordinating = await readCaughtUp<InboxPage>(as(COORDINATING), `/api/departments/${SCIENCE}/tasks`, verified);
  expect(ids(readByCoordinating)).toEqual(ids(science));
  expect((await as(CIVIL).get(`/api/departments/${SCIENCE}/tasks`)).status).toBe(403);
}

/** Checks the one board and its field and department rows against what the loop drove. */
export async function checkBoard(client: ApiClient, tasks: readonly TaskRef[], withOverdue = false): Promise<PlanBoard> {
  const expected = expectedBoard(withOverdue);
  await waitForViews(client, tasks);
  const last = tasks.at(-1);
  if (!last) throw new Error('checkBoard needs the tasks the board must have seen');
  const board = await readCaughtUp<PlanBoard>(client, '/api/board', last);
  expect(board.totals).toEqual(expected.totals);
  // Every field and department of config/reference.json has a row, zeros where the loop did not go.
  expect(board.fields).toHaveLength(10);
  expect(board.departments).toHaveLength(11);
  for (const { id, name, ...numbers } of [...board.fields, ...board.departments]) {
    expect(name).toEqual(expect.any(String));
    expect(numbers, `board row ${id}`).toEqual(expectedRow(expected, id));
  }
  for (const id of [EMPLOYMENT, MICRO_ECONOMY, TECHNOLOGY]) {
    const field = await readCaughtUp<PlanBoard['fields'][number]>(client, `/api/board/fields/${id}`, last);
    expect(field).toMatchObject({ id, ...expectedRow(expected, id) });
  }
  for (const id of [SCIENCE, CIVIL, DEPT_4, DEPT_5, DEPT_6, COORDINATING]) {
    const department = await readCaughtUp<PlanBoard['departments'][number]>(client, `/api/board/departments/${id}`, last);
    expect(department).toMatchObject({ id, ...expectedRow(expected, id) });
  }
  return board;
}
