import { describe, expect, it } from 'vitest';
import { taskCommandBodies, TASK_COMMAND_TYPES, VerifyTaskBody } from './commands.ts';
import type { TaskCommandType } from './commands.ts';

// The request bodies are the HTTP contract: closed objects, with the ranges the decider enforces.
const valid: Record<TaskCommandType, unknown> = {
  createTask: { title: 'Pilot', field: 'new-employment-groups', dueDate: '2025-06-30T16:00:00Z' },
  assignTask: { lead: 'science-technology', supporting: ['civil-affairs'] },
  acceptTask: {},
  declineTask: { reason: 'outside our remit', citedRule: 'charter art. 3' },
  reportProgress: { percent: 40, note: 'on track' },
  blockTask: { reason: 'waiting for data', needsHelpFrom: 'civil-affairs' },
  unblockTask: {},
  completeTask: { summary: 'done' },
  verifyTask: { outcome: 'accept', rating: 5 },
  cancelTask: { reason: 'merged' },
  changeDueDate: { dueDate: '2025-07-31T16:00:00+08:00', reason: 'more time' },
  markOverdue: {},
  escalate: { graceHours: 48 },
};

describe('task command bodies', () => {
  it.each(TASK_COMMAND_TYPES)('%s accepts a valid body', (type) => {
    expect(taskCommandBodies[type].safeParse(valid[type]).success).toBe(true);
  });
  it.each(TASK_COMMAND_TYPES)('%s refuses unknown keys, such as a department smuggled into the body', (type) => {
    const body = { ...(valid[type] as object), actor: 'social-work' };
    expect(taskCommandBodies[type].safeParse(body).success).toBe(false);
  });
  it('assignment defaults to no supporting department', () => {
    expect(taskCommandBodies.assignTask.parse({ lead: 'civil-affairs' })).toEqual({ lead: 'civil-affairs', supporting: [] });
  });
  it.each([
    ['createTask', { title: 'x', field: 'New Field', dueDate: '2025-06-30T16:00:00Z' }],
    ['createTask', { title: 'x', field: 'new-employment-groups', dueDate: '2025-06-30' }],
    ['createTask', { title: '', field: 'new-employment-groups', dueDate: '2025-06-30T16:00:00Z' }],
    ['assignTask', { lead: 'Science Bureau' }],
    ['declineTask', { reason: 'no' }],
    ['declineTask', { reason: '   ', citedRule: 'art. 3' }],
    ['reportProgress', { percent: 101 }],
    ['reportProgress', { percent: -1 }],
    ['reportProgress', { percent: 2.5 }],
    ['reportProgress', { percent: '40' }],
    ['blockTask', {}],
    ['completeTask', {}],
    ['verifyTask', { outcome: 'accept' }],
    ['verifyTask', { outcome: 'accept', rating: 0 }],
    ['verifyTask', { outcome: 'accept', rating: 6 }],
    ['verifyTask', { outcome: 'reopen' }],
    ['verifyTask', { outcome: 'maybe', rating: 3 }],
    ['cancelTask', {}],
    ['changeDueDate', { dueDate: '2025-07-31T16:00:00Z' }],
    ['escalate', { graceHours: -1 }],
  ] as const)('%s refuses %j', (type, body) => {
    expect(taskCommandBodies[type].safeParse(body).success).toBe(false);
  });
  it('a reopen may carry a rating', () => {
    expect(VerifyTaskBody.parse({ outcome: 'reopen', reason: 'redo', rating: 2 })).toEqual({ outcome: 'reopen', reason: 'redo', rating: 2 });
  });
});
