import { join } from 'node:path';
import type { Envelope } from '@backbone/contracts';
import type { InboxPage } from '@backbone/service-board';
import { kafkaServer, redisServer } from '@backbone/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../testing/api.ts';
import type { ApiClient } from '../testing/api.ts';
import type { BackboneProcess } from '../testing/backboneProcess.ts';
import { backboneSuite } from '../testing/backboneSuite.ts';
import { eventually } from '../testing/eventually.ts';
import { serverNamespace } from '../testing/sharedServers.ts';
import type { ServerNamespace } from '../testing/sharedServers.ts';
import { tokenIssuer } from '../testing/tokens.ts';
import { COORDINATING, DEPT_6, FIELD_4, LOOP_DEPARTMENTS, createAssigned, command, driveClosedLoop } from './closedLoop.ts';
import type { ClientFor, LoopTasks, TaskRef } from './closedLoop.ts';
import { checkBoard, checkInboxes, readCaughtUp } from './loopViews.ts';

const kafka = await kafkaServer();
const redis = await redisServer();

describe.skipIf(!kafka.available || !redis.available)('distributed mode: tasks API, relay and read side as separate processes over real Kafka and Redis', () => {
  const suite = backboneSuite();
  let namespace: ServerNamespace;
  let tasksApi: BackboneProcess;
  let relay: BackboneProcess;
  let readSide: BackboneProcess;
  /** Commands go to the tasks API process, reads to the read-side process. */
  let commands: ClientFor;
  let reads: ClientFor;
  let loop: LoopTasks;
  const loopTasks = (): TaskRef[] => [loop.verified, loop.reopened, loop.cancelled, loop.rescheduled];

  beforeAll(async () => {
    // Its own Kafka topics and groups and Redis keys: no other deployment's events or views.
    namespace = serverNamespace({ brokers: kafka.endpoint?.brokers ?? [], redisUrl: redis.endpoint?.url ?? '' });
    suite.onCleanup(() => namespace.remove());
    const dir = suite.tempDir('backbone-distributed-');
    const keysDir = join(dir, 'keys');
    const issue = tokenIssuer({ keysDir });
    const tokens = new Map<string, string>();
    for (const department of LOOP_DEPARTMENTS) tokens.set(department, await issue(department));

    const env = {
      ...namespace.env,
      DATA_DIR: dir,
      KEYS_DIR: keysDir,
      // One SQLite log shared by the processes of this machine.
      EVENT_STORE_URL: join(dir, 'events.db'),
      // The deadline watcher (in the read side's `processes`) looks every half second and escalates at once.
      DEADLINE_SCAN_MS: '500',
      OVERDUE_GRACE_HOURS: '0',
      LOG_LEVEL: 'info',
    };
    [tasksApi, relay, readSide] = await Promise.all([
      suite.start({ name: 'tasks-api', env: { ...env, TARGETS: 'reference,tasks' } }),
      suite.start({ name: 'relay', env: { ...env, TARGETS: 'relay' } }),
      suite.start({ name: 'read-side', env: { ...env, TARGETS: 'projections,board,processes' } }),
    ]);
    const client = (url: string) => (department: string): ApiClient => api(url, tokens.get(department));
    commands = client(tasksApi.url);
    reads = client(readSide.url);
    // Ready once the reference directory went store → relay → Kafka → projection → Redis.
    for (const process of [tasksApi, readSide]) {
      await eventually(`${process.name} /readyz`, () => api(process.url).get('/readyz'), (r) => r.status === 200, { timeoutMs: 60_000 });
    }
  });

  it('runs each part in its own process, each serving only its own API', async () => {
    expect([tasksApi.mode, relay.mode, readSide.mode]).toEqual(['distributed', 'distributed', 'distributed']);
    expect(tasksApi.targets).toEqual(['reference', 'tasks']);
    expect(relay.targets).toEqual(['relay']);
    expect(readSide.targets).toEqual(['projections', 'board', 'processes']);
    expect(new Set([tasksApi.pid, relay.pid, readSide.pid]).size).toBe(3);
    expect((await commands(COORDINATING).get('/api/board')).status).toBe(404);
    expect((await reads(COORDINATING).post('/api/tasks', {})).status).toBe(404);
    for (const process of [tasksApi, relay, readSide]) expect((await api(process.url).get('/healthz')).status).toBe(200);
  });

  it('drives the closed loop over HTTP for several departments', async () => {
    loop = await driveClosedLoop(commands);
    const state = await commands(COORDINATING).get<{ version: number; state: { status: string } }>(`/api/tasks/${loop.verified.id}`);
    expect(state.body).toMatchObject({ version: loop.verified.version, state: { status: 'verified' } });
    // The events travelled on this suite's own topics, not on the shared `backbone.*.v1`.
    expect(await namespace.kafkaTopics()).toEqual(expect.arrayContaining([`${namespace.name}.backbone.reference.v1`, `${namespace.name}.backbone.tasks.v1`]));
  });

  it("shows each department its own tasks in its inbox, with the filters, once the views caught up", async () => {
    await checkInboxes(reads, loop);
  });

  it('shows on the one board exactly what was driven', async () => {
    await checkBoard(reads(COORDINATING), loopTasks());
  });

  it('marks a task past its due date overdue, escalates it to the coordinating department, and the board shows both', async () => {
    const overdue: TaskRef = await createAssigned(commands, {
      title: 'Due in three seconds',
      field: FIELD_4,
      dueDate: new Date(Date.now() + 3_000).toISOString(),
      lead: DEPT_6,
    });
    await command(commands(DEPT_6), 'POST', `/api/tasks/${overdue.id}/accept`, {}, overdue);
    // Written by the deadline watcher of the read-side process, not by this suite.
    const history = await eventually(
      'the overdue task escalated',
      () => commands(COORDINATING).get<{ version: number; events: Envelope[] }>(`/api/tasks/${overdue.id}/history`),
      (r) => r.body.events.some((e) => e.type.includes('.TaskEscalated.')),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const types = history.body.events.map((e) => e.type.split('.')[3]);
    expect(types).toEqual(['TaskCreated', 'TaskAssigned', 'TaskAccepted', 'TaskBecameOverdue', 'TaskEscalated']);
    expect(history.body.events.at(-1)).toMatchObject({ actor: 'system', data: { to: COORDINATING } });
    overdue.version = history.body.version;

    const board = await checkBoard(reads(COORDINATING), [...loopTasks(), overdue], true);
    expect(board.totals).toMatchObject({ overdue: 1, escalated: 1 });
    const inbox = await readCaughtUp<InboxPage>(reads(DEPT_6), `/api/departments/${DEPT_6}/tasks?overdue=true`, overdue);
    expect(inbox.items).toEqual([expect.objectContaining({ taskId: overdue.id, overdue: true, escalated: true, status: 'in_progress' })]);
  });
});
