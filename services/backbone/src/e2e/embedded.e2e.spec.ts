import { join } from 'node:path';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import type { InboxPage, PlanBoard } from '@backbone/service-board';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../testing/api.ts';
import type { ApiClient, CommandAnswer } from '../testing/api.ts';
import { runBackboneCli } from '../testing/backboneProcess.ts';
import type { BackboneProcess } from '../testing/backboneProcess.ts';
import { backboneSuite } from '../testing/backboneSuite.ts';
import { eventually } from '../testing/eventually.ts';
import { forgeDepartment, tokenIssuer } from '../testing/tokens.ts';
import { badRequests } from './badRequests.ts';
import { CIVIL, COORDINATING, EMPLOYMENT, LOOP_DEPARTMENTS, command, createAssigned, daysFromNow, driveClosedLoop } from './closedLoop.ts';
import type { ClientFor, LoopTasks, TaskRef } from './closedLoop.ts';
import { checkBoard, checkInboxes, readCaughtUp, waitForViews } from './loopViews.ts';
import { TARGETS } from '../config.ts';

const TASK_ROUTES = [
  ['post', '/api/tasks'],
  ['post', '/api/tasks/{id}/assignments'],
  ['post', '/api/tasks/{id}/accept'],
  ['post', '/api/tasks/{id}/decline'],
  ['post', '/api/tasks/{id}/progress'],
  ['post', '/api/tasks/{id}/block'],
  ['post', '/api/tasks/{id}/unblock'],
  ['post', '/api/tasks/{id}/complete'],
  ['post', '/api/tasks/{id}/verify'],
  ['post', '/api/tasks/{id}/cancel'],
  ['patch', '/api/tasks/{id}'],
  ['get', '/api/tasks/{id}'],
  ['get', '/api/tasks/{id}/history'],
  ['get', '/api/departments/{dept}/tasks'],
  ['get', '/api/board'],
  ['get', '/api/board/fields/{field}'],
  ['get', '/api/board/departments/{dept}'],
] as const;

describe('embedded default: one real process on a fresh DATA_DIR, driven over HTTP and by the CLI', () => {
  const suite = backboneSuite();
  let dataDir: string;
  let backbone: BackboneProcess;
  let as: ClientFor;
  let store: EventStore;
  const tokens = new Map<string, string>();
  /** Every task the suite made, at its last version: the views must have seen them before a snapshot. */
  const made: TaskRef[] = [];
  let loop: LoopTasks;

  beforeAll(async () => {
    dataDir = suite.tempDir('backbone-embedded-');
    const issue = tokenIssuer({ dataDir });
    for (const department of LOOP_DEPARTMENTS) tokens.set(department, await issue(department));
    // `pnpm start` with nothing but a data directory and a free port.
    backbone = await suite.start({ name: 'embedded', env: { DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' } });
    as = (department) => api(backbone.url, tokens.get(department));
    store = createSqliteEventStore({ path: join(dataDir, 'events.db') });
    suite.onCleanup(() => store.close());
    await eventually('/readyz', () => api(backbone.url).get('/readyz'), (r) => r.status === 200, { timeoutMs: 30_000 });
  });

  it('serves /healthz, its own metrics and an OpenAPI document listing the task routes', async () => {
    expect(backbone.mode).toBe('embedded');
    expect(backbone.targets).toEqual([...TARGETS]);
    expect((await api(backbone.url).get('/healthz')).status).toBe(200);
    const metrics = await api(backbone.url).get<string>('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^backbone_http_request_duration_seconds_bucket\{/m);
    expect(metrics.body).toMatch(/^backbone_board_plan_tasks/m);
    const openApi = await api(backbone.url).get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json');
    for (const [method, path] of TASK_ROUTES) expect(openApi.body.paths[path], `${method} ${path}`).toHaveProperty(method);
  });

  it('drives the closed loop, and every inbox and the board show what was driven', async () => {
    loop = await driveClosedLoop(as);
    made.push(loop.verified, loop.reopened, loop.cancelled, loop.rescheduled);
    await checkInboxes(as, loop);
    await checkBoard(as(COORDINATING), made);
  });

  it('refuses bad input at the HTTP edge with a problem+json, and writes nothing', async () => {
    const fresh = await command(as(COORDINATING), 'POST', '/api/tasks', { title: 'Edge target', field: EMPLOYMENT, dueDate: daysFromNow(9) });
    const freshRef: TaskRef = { id: fresh.id, version: fresh.version };
    const working = await createAssigned(as, { title: 'Edge target at work', field: EMPLOYMENT, dueDate: daysFromNow(9), lead: CIVIL });
    await command(as(CIVIL), 'POST', `/api/tasks/${working.id}/accept`, {}, working);
    made.push(freshRef, working);
    const forgedToken = forgeDepartment(tokens.get(CIVIL) ?? '', COORDINATING);
    const head = await store.headPosition();

    for (const bad of badRequests({ as, fresh: freshRef, working, forgedToken })) {
      const answer = await bad.send();
      expect(answer.status, `${bad.name}: ${JSON.stringify(answer.body)}`).toBe(bad.status);
      expect(answer.contentType, bad.name).toBe('application/problem+json');
      expect(answer.body, bad.name).toMatchObject({ status: bad.status, code: bad.code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      if (bad.rule) expect(answer.body.rule, bad.name).toBe(bad.rule);
      if (bad.issuePath) expect(answer.body.issues?.map((i) => i.path), bad.name).toContain(bad.issuePath);
      if (bad.status === 401) expect(answer.headers.get('www-authenticate'), bad.name).toMatch(/^Bearer /);
      expect(await store.headPosition(), `${bad.name} wrote to the log`).toBe(head);
    }
    for (const task of [freshRef, working]) {
      const history = await as(COORDINATING).get<{ version: number; events: unknown[] }>(`/api/tasks/${task.id}/history`);
      expect(history.body.version).toBe(task.version);
      expect(history.body.events).toHaveLength(task.version);
    }
  });

  it('answers a repeated Idempotency-Key with the first answer and writes nothing more', async () => {
    const task = await createAssigned(as, { title: 'Idempotent progress', field: EMPLOYMENT, dueDate: daysFromNow(12), lead: CIVIL });
    await command(as(CIVIL), 'POST', `/api/tasks/${task.id}/accept`, {}, task);
    made.push(task);
    const key = { 'idempotency-key': `progress-${task.id}` };
    const first = await as(CIVIL).post<CommandAnswer>(`/api/tasks/${task.id}/progress`, { percent: 25 }, key);
    expect(first.status).toBe(200);
    task.version = first.body.version;
    const head = await store.headPosition();
    const repeat = await as(CIVIL).post<CommandAnswer>(`/api/tasks/${task.id}/progress`, { percent: 25 }, key);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual(first.body);
    const reused = await as(CIVIL).post<{ rule?: string }>(`/api/tasks/${task.id}/progress`, { percent: 40 }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.rule).toBe('idempotency-key-reused');
    expect(await store.headPosition()).toBe(head);
    expect((await as(CIVIL).get<{ version: number }>(`/api/tasks/${task.id}`)).body.version).toBe(first.body.version);
  });

  /** The board and every department's inbox, as the coordinating department reads them. */
  async function readModels(): Promise<{ board: PlanBoard; inboxes: Record<string, InboxPage> }> {
    const coordinating: ApiClient = as(COORDINATING);
    const board = (await coordinating.get<PlanBoard>('/api/board')).body;
    const inboxes: Record<string, InboxPage> = {};
    for (const { id } of board.departments) inboxes[id] = (await coordinating.get<InboxPage>(`/api/departments/${id}/tasks?limit=200`)).body;
    return { board, inboxes };
  }

  it('rebuilds the board and the inboxes from the log with `pnpm backbone rebuild all` to the same numbers, while serving', async () => {
    await waitForViews(as(COORDINATING), made);
    const before = await readModels();
    expect(before.board.totals.tasks).toBe(made.length);

    const rebuild = runBackboneCli(['rebuild', 'all'], { env: { DATA_DIR: dataDir }, timeoutMs: 60_000 });
    // The running instance keeps answering during the rebuild.
    expect((await api(backbone.url).get('/healthz')).status).toBe(200);
    const run = await rebuild;
    expect(run.code, run.stderr).toBe(0);
    for (const projection of ['one-board', 'department-inbox']) {
      // A new version, built from the whole log beside the live one, then made live.
      const [, version, events] = new RegExp(`${projection}: version (\\S+) live, (\\d+) events`).exec(run.stderr) ?? [];
      expect(version, run.stderr).toBeDefined();
      expect(version).not.toBe('1');
      expect(Number(events)).toBeGreaterThanOrEqual(made.length);
    }

    expect(await readModels()).toEqual(before);
    // The live projections carry on with the rebuilt versions.
    const after = await createAssigned(as, { title: 'After the rebuild', field: EMPLOYMENT, dueDate: daysFromNow(15), lead: CIVIL });
    made.push(after);
    const board = await readCaughtUp<PlanBoard>(as(COORDINATING), '/api/board', after);
    expect(board.totals.tasks).toBe(before.board.totals.tasks + 1);
    const inbox = await readCaughtUp<InboxPage>(as(CIVIL), `/api/departments/${CIVIL}/tasks`, after);
    expect(inbox.items.map((i) => i.taskId)).toContain(after.id);
  });

  it('fills the same data directory with `pnpm backbone demo`, and the board shows overdue, escalated, declined and blocked work', async () => {
    const tasksBefore = (await as(COORDINATING).get<PlanBoard>('/api/board')).body.totals.tasks;
    const demo = await runBackboneCli(['demo'], { env: { DATA_DIR: dataDir }, timeoutMs: 60_000 });
    expect(demo.code, demo.stderr).toBe(0);
    const written = Number(/demo: (\d+) key tasks/.exec(demo.stderr)?.[1]);
    expect(written).toBeGreaterThan(0);
    // The running instance relays and projects what the CLI wrote to its log.
    const board = await eventually(
      'the demo on the board',
      async () => (await as(COORDINATING).get<PlanBoard>('/api/board')).body,
      // The demo's key tasks, plus the delivery tasks its grants create through the process managers.
      (b) => b.totals.tasks >= tasksBefore + written && [b.totals.overdue, b.totals.escalated, b.totals.declined, b.totals.blocked].every((n) => n > 0),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const { overdue, escalated, declined, blocked } = board.totals;
    expect({ overdue, escalated, declined, blocked }).toEqual({
      overdue: expect.toSatisfy((n: number) => n > 0),
      escalated: expect.toSatisfy((n: number) => n > 0),
      declined: expect.toSatisfy((n: number) => n > 0),
      blocked: expect.toSatisfy((n: number) => n > 0),
    });
  });

  // Last: it ends the process the tests above share.
  it('exits with code 0 on SIGTERM once every part has stopped', async () => {
    const exit = await backbone.stop();
    expect(exit, backbone.logs()).toEqual({ code: 0, signal: null });
    expect(backbone.logs()).toContain('"msg":"stopping"');
  });
});
