import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COORDINATING, LEAD } from '../domain/testing/taskFixtures.ts';
import { openTaskStoreFixture } from './testing/taskStoreFixture.ts';
import type { TaskStoreFixture } from './testing/taskStoreFixture.ts';
import { readOpenTaskDeadlines, TASK_DEADLINES, taskDeadlinesProjection } from './taskDeadlinesProjection.ts';

const START = new Date('2025-04-01T09:00:00.000Z');
const DUE = new Date('2025-06-30T16:00:00.000Z');
const LATER_DUE = new Date('2025-09-30T16:00:00.000Z');
const AFTER_DUE = new Date(DUE.getTime() + 1000);
const AFTER_GRACE = new Date(DUE.getTime() + 49 * 3_600_000);

let fixture: TaskStoreFixture;
beforeEach(() => {
  fixture = openTaskStoreFixture(START);
});
afterEach(async () => {
  await fixture.close();
});

const deadlineOf = async (taskId: string) =>
  (await readOpenTaskDeadlines(fixture.deadlines)).find((d) => d.taskId === taskId);
const system = { markOverdue: {}, escalate: { graceHours: 48 } } as const;

describe('taskDeadlinesProjection', () => {
  it('keeps one document per open task with its due date, flags and version', async () => {
    const taskId = await fixture.openTask(DUE);
    await fixture.catchUp();
    expect(await readOpenTaskDeadlines(fixture.deadlines)).toEqual([
      { taskId, dueDate: DUE.toISOString(), overdue: false, escalated: false, version: 3 },
    ]);
    expect(await fixture.deadlines.appliedVersion(taskId)).toBe(3);
  });

  it('follows overdue, escalation and a due-date change that clears both', async () => {
    const taskId = await fixture.openTask(DUE);
    fixture.clock.now = AFTER_DUE;
    await fixture.run('markOverdue', taskId, 'system', system.markOverdue);
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toMatchObject({ overdue: true, escalated: false, version: 4 });

    fixture.clock.now = AFTER_GRACE;
    await fixture.run('escalate', taskId, 'system', system.escalate);
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toMatchObject({ overdue: true, escalated: true, version: 5 });

    await fixture.run('changeDueDate', taskId, COORDINATING, { dueDate: LATER_DUE.toISOString(), reason: 'funding arrived late' });
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toEqual({ taskId, dueDate: LATER_DUE.toISOString(), overdue: false, escalated: false, version: 6 });
  });

  it('drops a completed task, restores it on reopen, and forgets it once verified', async () => {
    const taskId = await fixture.openTask(DUE);
    fixture.clock.now = AFTER_DUE;
    await fixture.run('markOverdue', taskId, 'system', system.markOverdue);
    await fixture.run('completeTask', taskId, LEAD, { summary: 'done' });
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toBeUndefined();

    await fixture.run('verifyTask', taskId, COORDINATING, { outcome: 'reopen', reason: 'the report is missing' });
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toEqual({ taskId, dueDate: DUE.toISOString(), overdue: true, escalated: false, version: 6 });

    await fixture.run('completeTask', taskId, LEAD, { summary: 'done, with the report' });
    await fixture.run('verifyTask', taskId, COORDINATING, { outcome: 'accept', rating: 4 });
    await fixture.catchUp();
    expect(await deadlineOf(taskId)).toBeUndefined();
    expect(await fixture.deadlines.all('completed')).toEqual([]);
  });

  it('drops a cancelled task, open or completed', async () => {
    const open = await fixture.openTask(DUE);
    const completed = await fixture.openTask(DUE);
    await fixture.run('completeTask', completed, LEAD, { summary: 'done' });
    await fixture.run('cancelTask', open, COORDINATING, { reason: 'merged into another task' });
    await fixture.run('cancelTask', completed, COORDINATING, { reason: 'no longer needed' });
    await fixture.catchUp();
    expect(await readOpenTaskDeadlines(fixture.deadlines)).toEqual([]);
    expect(await fixture.deadlines.all('completed')).toEqual([]);
  });

  it('changes nothing when an event is delivered again', async () => {
    const taskId = await fixture.openTask(DUE);
    fixture.clock.now = AFTER_DUE;
    await fixture.run('markOverdue', taskId, 'system', system.markOverdue);
    await fixture.catchUp();
    const before = await deadlineOf(taskId);
    const [created] = await fixture.store.readStream(taskId);
    // Applied again, TaskCreated would reset the flags: the view store's dedupe refuses it.
    expect(await fixture.project(created!.envelope)).toBe(false);
    expect(await deadlineOf(taskId)).toEqual(before);
    expect(before).toMatchObject({ overdue: true, version: 4 });
  });

  it('ignores events of other contexts', async () => {
    const taskId = await fixture.openTask(DUE);
    const [created] = await fixture.store.readStream(taskId);
    const foreign = { ...created!.envelope, source: '/backbone/reference', type: 'gov.backbone.reference.FieldUpdated.v1' };
    expect(await taskDeadlinesProjection().project(foreign, fixture.deadlines)).toEqual([]);
    expect(TASK_DEADLINES).toBe('task-deadlines');
  });
});
