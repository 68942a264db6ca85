import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COORDINATING, LEAD, directory } from '../domain/testing/taskFixtures.ts';
import { openTaskStoreFixture } from '../projections/testing/taskStoreFixture.ts';
import type { TaskHandler, TaskStoreFixture } from '../projections/testing/taskStoreFixture.ts';
import { startDeadlineWatcher } from './deadlineWatcher.ts';
import type { DeadlineWatcher } from './deadlineWatcher.ts';

const HOUR = 3_600_000;
const GRACE_HOURS = 48;
const START = new Date('2025-04-01T09:00:00.000Z');
const DUE = new Date('2025-06-30T16:00:00.000Z');
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

let fixture: TaskStoreFixture;
const watchers: DeadlineWatcher[] = [];
beforeEach(() => {
  fixture = openTaskStoreFixture(START);
});
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.stop()));
  await fixture.close();
});

function watch(options: { handler?: TaskHandler; intervalMs?: number; logLines?: Record<string, unknown>[] } = {}): DeadlineWatcher {
  const logLines = options.logLines;
  const logger = logLines
    ? pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) })
    : undefined;
  const watcher = startDeadlineWatcher({
    handler: options.handler ?? fixture.handler,
    deadlines: fixture.deadlines,
    directory: async () => directory,
    clock: () => fixture.clock.now,
    graceHours: GRACE_HOURS,
    intervalMs: options.intervalMs ?? HOUR,
    ...(logger ? { logger } : {}),
  });
  watchers.push(watcher);
  return watcher;
}

/** Moves the clock, lets the view catch up with the log, and scans once. */
async function scanAt(watcher: DeadlineWatcher, now: Date) {
  fixture.clock.now = now;
  await fixture.catchUp();
  return watcher.runOnce();
}

describe('the deadline watcher', () => {
  it('marks a task overdue once, after its due date', async () => {
    const taskId = await fixture.openTask(DUE);
    const watcher = watch();
    expect(await scanAt(watcher, at(DUE, -1000))).toEqual({ overdue: 0, escalated: 0 });
    expect(await scanAt(watcher, at(DUE, 1000))).toEqual({ overdue: 1, escalated: 0 });
    expect(await scanAt(watcher, at(DUE, 2000))).toEqual({ overdue: 0, escalated: 0 });
    expect(await fixture.eventsOf(taskId)).toEqual(['TaskCreated', 'TaskAssigned', 'TaskAccepted', 'TaskBecameOverdue']);
    const [overdue] = (await fixture.store.readStream(taskId)).slice(-1);
    expect(overdue?.envelope).toMatchObject({ actor: 'system', data: { dueDate: DUE.toISOString() } });
  });

  it('escalates to the coordinating department only after the grace period, once', async () => {
    const taskId = await fixture.openTask(DUE);
    const watcher = watch();
    expect(await scanAt(watcher, at(DUE, 1000))).toEqual({ overdue: 1, escalated: 0 });
    expect(await scanAt(watcher, at(DUE, GRACE_HOURS * HOUR - 1000))).toEqual({ overdue: 0, escalated: 0 });
    expect(await scanAt(watcher, at(DUE, GRACE_HOURS * HOUR + 1000))).toEqual({ overdue: 0, escalated: 1 });
    expect(await scanAt(watcher, at(DUE, GRACE_HOURS * HOUR + 2000))).toEqual({ overdue: 0, escalated: 0 });
    const events = await fixture.store.readStream(taskId);
    expect(events.at(-1)?.envelope).toMatchObject({ actor: 'system', data: { to: COORDINATING, overdueSince: DUE.toISOString() } });
    expect((await fixture.eventsOf(taskId)).filter((type) => type === 'TaskEscalated')).toHaveLength(1);
  });

  it('catches up both steps in one scan after being away past the grace period', async () => {
    const taskId = await fixture.openTask(DUE);
    expect(await scanAt(watch(), at(DUE, 3 * GRACE_HOURS * HOUR))).toEqual({ overdue: 1, escalated: 1 });
    expect((await fixture.eventsOf(taskId)).slice(-2)).toEqual(['TaskBecameOverdue', 'TaskEscalated']);
  });

  it('leaves completed and cancelled tasks alone', async () => {
    const completed = await fixture.openTask(DUE);
    const cancelled = await fixture.openTask(DUE);
    await fixture.run('completeTask', completed, LEAD, { summary: 'done' });
    await fixture.run('cancelTask', cancelled, COORDINATING, { reason: 'merged into another task' });
    const watcher = watch();
    expect(await scanAt(watcher, at(DUE, 3 * GRACE_HOURS * HOUR))).toEqual({ overdue: 0, escalated: 0 });
    expect((await fixture.eventsOf(completed)).at(-1)).toBe('TaskCompleted');
    expect((await fixture.eventsOf(cancelled)).at(-1)).toBe('TaskCancelled');
  });

  it('starts over after a due-date change: nothing until the new date, then overdue and escalation again', async () => {
    const taskId = await fixture.openTask(DUE);
    const watcher = watch();
    expect(await scanAt(watcher, at(DUE, GRACE_HOURS * HOUR + 1000))).toEqual({ overdue: 1, escalated: 1 });
    const newDue = at(DUE, 30 * 24 * HOUR);
    await fixture.run('changeDueDate', taskId, COORDINATING, { dueDate: newDue.toISOString(), reason: 'funding arrived late' });
    expect(await scanAt(watcher, at(newDue, -1000))).toEqual({ overdue: 0, escalated: 0 });
    expect(await scanAt(watcher, at(newDue, 1000))).toEqual({ overdue: 1, escalated: 0 });
    expect(await scanAt(watcher, at(newDue, GRACE_HOURS * HOUR + 1000))).toEqual({ overdue: 0, escalated: 1 });
    const types = await fixture.eventsOf(taskId);
    expect(types.filter((t) => t === 'TaskBecameOverdue')).toHaveLength(2);
    expect(types.filter((t) => t === 'TaskEscalated')).toHaveLength(2);
  });

  it('acts on the task itself, not on a view that lags behind it', async () => {
    const taskId = await fixture.openTask(DUE);
    await fixture.catchUp();
    // The due date moved, but the view has not seen it yet: the loaded task decides.
    await fixture.run('changeDueDate', taskId, COORDINATING, {
      dueDate: at(DUE, 30 * 24 * HOUR).toISOString(),
      reason: 'funding arrived late',
    });
    fixture.clock.now = at(DUE, 1000);
    expect(await watch().runOnce()).toEqual({ overdue: 0, escalated: 0 });
    expect((await fixture.eventsOf(taskId)).at(-1)).toBe('TaskDueDateChanged');
  });

  it('two watchers on one store write each event once', async () => {
    const tasks = await Promise.all([1, 2, 3, 4, 5, 6].map(() => fixture.openTask(DUE)));
    const first = watch({ handler: fixture.anotherHandler() });
    const second = watch({ handler: fixture.anotherHandler() });

    fixture.clock.now = at(DUE, 1000);
    await fixture.catchUp();
    const overdue = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(overdue[0].overdue + overdue[1].overdue).toBe(tasks.length);

    fixture.clock.now = at(DUE, GRACE_HOURS * HOUR + 1000);
    await fixture.catchUp();
    const escalated = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(escalated[0].escalated + escalated[1].escalated).toBe(tasks.length);

    for (const taskId of tasks) {
      expect((await fixture.eventsOf(taskId)).slice(3)).toEqual(['TaskBecameOverdue', 'TaskEscalated']);
    }
  });

  it('the watcher that loses a race gets a rule violation, logs it at debug and counts nothing', async () => {
    const taskId = await fixture.openTask(DUE);
    // Both watchers load the task and decide before either may append.
    let arrived = 0;
    let release = () => {};
    const bothDecided = new Promise<void>((resolve) => (release = resolve));
    const barrier = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothDecided;
    };
    const logLines: Record<string, unknown>[] = [];
    const first = watch({ handler: fixture.anotherHandler(barrier), logLines });
    const second = watch({ handler: fixture.anotherHandler(barrier), logLines });
    fixture.clock.now = at(DUE, 1000);
    await fixture.catchUp();
    const scans = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(scans.map((s) => s.overdue).sort()).toEqual([0, 1]);
    expect((await fixture.eventsOf(taskId)).filter((t) => t === 'TaskBecameOverdue')).toHaveLength(1);
    expect(logLines).toContainEqual(expect.objectContaining({ level: 20, taskId, rule: 'overdue-already-recorded' }));
  });

  it('logs a task it cannot handle and goes on with the others', async () => {
    const broken = await fixture.openTask(DUE);
    const healthy = await fixture.openTask(DUE);
    const [last] = (await fixture.store.readStream(broken)).slice(-1);
    // An event this build cannot read makes the task fail to load (a broken deployment, not a rule).
    await fixture.store.append(
      broken,
      [{ ...last!.envelope, id: randomUUID(), type: 'gov.backbone.tasks.TaskMystified.v1', data: {}, streamversion: 4, prevhash: '' }],
      3,
    );
    const logLines: Record<string, unknown>[] = [];
    expect(await scanAt(watch({ logLines }), at(DUE, 1000))).toEqual({ overdue: 1, escalated: 0 });
    expect((await fixture.eventsOf(healthy)).at(-1)).toBe('TaskBecameOverdue');
    expect(logLines).toContainEqual(expect.objectContaining({ level: 50, taskId: broken, msg: expect.stringContaining('deadline command failed') }));
  });

  it('scans on its own every interval until stopped', async () => {
    const taskId = await fixture.openTask(DUE);
    fixture.clock.now = at(DUE, 1000);
    await fixture.catchUp();
    const watcher = watch({ intervalMs: 20 });
    const deadline = Date.now() + 2000;
    while ((await fixture.eventsOf(taskId)).at(-1) !== 'TaskBecameOverdue' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await fixture.eventsOf(taskId)).at(-1)).toBe('TaskBecameOverdue');
    await watcher.stop();
  });

  it('refuses a negative grace period and a zero interval', () => {
    const options = { handler: fixture.handler, deadlines: fixture.deadlines, directory: async () => directory, clock: () => START };
    expect(() => startDeadlineWatcher({ ...options, graceHours: -1, intervalMs: 1000 })).toThrow(/graceHours/);
    expect(() => startDeadlineWatcher({ ...options, graceHours: 48, intervalMs: 0 })).toThrow(/intervalMs/);
  });
});
