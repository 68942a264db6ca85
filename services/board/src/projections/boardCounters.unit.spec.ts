import type { TaskEvent } from '@backbone/contracts';
import { describe, expect, it } from 'vitest';
import { boardCounter, contribution, contributionChange, departmentScope, eventCounts } from './boardCounters.ts';
import type { TaskSummary } from './taskSummary.ts';

const task: TaskSummary = {
  taskId: 'task-1',
  title: 'Key task',
  field: 'tech-support',
  status: 'in_progress',
  progress: 40,
  dueDate: '2025-04-30T09:00:00.000Z',
  overdue: true,
  escalated: false,
  lead: 'science-tech',
  supporting: ['civil-affairs'],
  accepted: ['science-tech'],
  declinedBy: [],
  blocked: { by: 'science-tech', reason: 'venue', needsHelpFrom: 'civil-affairs', since: '2025-04-01T00:00:00.000Z' },
  assignedAt: '2025-03-03T00:00:00.000Z',
  reopenCount: 0,
  version: 6,
  updatedAt: '2025-04-01T00:00:00.000Z',
};

describe('contribution', () => {
  it('counts a task once in the plan, its field and each of its departments', () => {
    const counters = contribution(task);
    for (const scope of ['all', 'field:tech-support', 'department:science-tech', 'department:civil-affairs']) {
      expect(counters.get(`${scope}:tasks`)).toBe(1);
      expect(counters.get(`${scope}:status:in_progress`)).toBe(1);
      expect(counters.get(`${scope}:progressSum`)).toBe(40);
      expect(counters.get(`${scope}:overdue`)).toBe(1);
      expect(counters.get(`${scope}:blocked`)).toBe(1);
      expect(counters.get(`${scope}:escalated`)).toBeUndefined();
    }
    expect([...counters.keys()].some((key) => key.startsWith('department:social-work'))).toBe(false);
  });

  it('stops counting overdue and blocked once a task is closed, and leaves cancelled tasks out of progress', () => {
    const counters = contribution({ ...task, status: 'cancelled' });
    expect(counters.get('all:overdue')).toBeUndefined();
    expect(counters.get('all:blocked')).toBeUndefined();
    expect(counters.get('all:progressTasks')).toBeUndefined();
    expect(counters.get('all:status:cancelled')).toBe(1);
  });

  it('counts completions and on-time ones for completed and verified tasks', () => {
    const done = contribution({ ...task, status: 'verified', progress: 100, completedOnTime: true });
    expect(done.get('field:tech-support:completed')).toBe(1);
    expect(done.get('field:tech-support:completedOnTime')).toBe(1);
    expect(contribution({ ...task, status: 'completed', completedOnTime: false }).get('all:completedOnTime')).toBeUndefined();
  });
});

describe('contributionChange', () => {
  it('moves only what changed: a lead that declines leaves its department, the status moves', () => {
    const { lead: _gone, ...rest } = task;
    const after: TaskSummary = { ...rest, status: 'awaiting_reassignment' };
    const writes = contributionChange(task, after);
    const by = new Map(writes.map((w) => (w.op === 'increment' ? [w.counter, w.by] : ['', 0])));
    expect(by.get('department:science-tech:tasks')).toBe(-1);
    expect(by.get('all:status:in_progress')).toBe(-1);
    expect(by.get('all:status:awaiting_reassignment')).toBe(1);
    expect(by.has('all:tasks')).toBe(false);
    expect(by.has('department:civil-affairs:tasks')).toBe(false);
  });

  it('counts a department listed twice twice, and moves one of its counts when one listing goes', () => {
    const twice: TaskSummary = { ...task, supporting: ['civil-affairs', 'civil-affairs'] };
    expect(contribution(twice).get('department:civil-affairs:tasks')).toBe(2);
    const writes = contributionChange(twice, task);
    expect(writes).toEqual(
      expect.arrayContaining([
        { op: 'increment', counter: 'department:civil-affairs:tasks', by: -1 },
        { op: 'increment', counter: 'department:civil-affairs:progressSum', by: -40 },
      ]),
    );
    expect(writes.every((w) => w.op === 'increment' && w.counter.startsWith('department:civil-affairs:'))).toBe(true);
  });

  it('takes a removed task out whole', () => {
    const writes = contributionChange(task, undefined);
    expect(new Map(writes.map((w) => (w.op === 'increment' ? [w.counter, w.by] : ['', 0])))).toEqual(
      new Map([...contribution(task)].map(([counter, by]) => [counter, -by])),
    );
  });

  it('adds a new task whole and writes nothing when nothing changed', () => {
    expect(contributionChange(undefined, task).length).toBe(contribution(task).size);
    expect(contributionChange(task, { ...task, version: 7 })).toEqual([]);
  });
});

describe('eventCounts', () => {
  const counted = (event: TaskEvent, before: TaskSummary = task) =>
    Object.fromEntries(eventCounts(event, before).map((w) => (w.op === 'increment' ? [w.counter, w.by] : ['', 0])));

  it('times an acceptance from the assignment, for the plan, the field and the accepting department', () => {
    expect(counted({ type: 'TaskAccepted', data: { department: 'civil-affairs', acceptedAt: '2025-03-03T02:30:00.000Z' } })).toEqual({
      'all:acceptances': 1,
      'field:tech-support:acceptances': 1,
      'department:civil-affairs:acceptances': 1,
      'all:acceptanceSeconds': 9000,
      'field:tech-support:acceptanceSeconds': 9000,
      'department:civil-affairs:acceptanceSeconds': 9000,
    });
    expect(counted({ type: 'TaskAccepted', data: { department: 'science-tech', acceptedAt: '2025-03-04T00:00:00.000Z' } })).toEqual({});
  });

  it('counts a decline against the declining department and a reopening against the current assignees', () => {
    expect(counted({ type: 'TaskDeclined', data: { department: 'civil-affairs', role: 'supporting', reason: 'no', citedRule: 'r' } })).toEqual({
      'all:declined': 1,
      'field:tech-support:declined': 1,
      'department:civil-affairs:declined': 1,
    });
    expect(counted({ type: 'TaskReopened', data: { reason: 'evidence missing' } }, { ...task, status: 'completed' })).toEqual({
      'all:reopened': 1,
      'field:tech-support:reopened': 1,
      'department:science-tech:reopened': 1,
      'department:civil-affairs:reopened': 1,
    });
  });
});

describe('boardCounter', () => {
  it('names a counter by scope and metric, however many scopes were named before', () => {
    expect(boardCounter('all', 'tasks')).toBe('all:tasks');
    for (let i = 0; i < 12_000; i++) expect(boardCounter(departmentScope(`dept-${i}`), 'blocked')).toBe(`department:dept-${i}:blocked`);
    expect(boardCounter('field:elderly-care', 'status:verified')).toBe('field:elderly-care:status:verified');
  });
});
