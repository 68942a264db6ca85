import { describe, expect, it } from 'vitest';
import { taskEvents } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import type { TaskCommand } from './commands.ts';
import { taskDecider } from './taskDecider.ts';
import type { TaskState } from './state.ts';
import { AFTER_DUE, command, COORDINATING, DUE, LEAD, OTHER, SUPPORTING, systemCommand, UNRELATED } from './testing/taskFixtures.ts';

const hoursAfterDue = (hours: number) => new Date(Date.parse(DUE) + hours * 3_600_000);

// One task through its whole loop, every kind of hand-off included.
const loop: readonly TaskCommand[] = [
  command('createTask', COORDINATING, { title: 'Volunteer desk at the tech park', field: 'new-employment-groups', dueDate: DUE }),
  command('assignTask', COORDINATING, { lead: OTHER, supporting: [SUPPORTING] }),
  command('declineTask', OTHER, { reason: 'not our sector', citedRule: 'Department 4 remit, item 2' }),
  command('assignTask', COORDINATING, { lead: LEAD, supporting: [SUPPORTING, UNRELATED] }),
  command('acceptTask', LEAD, {}),
  command('acceptTask', SUPPORTING, {}),
  command('declineTask', UNRELATED, { reason: 'no staff', citedRule: 'staffing plan 2025' }),
  command('reportProgress', LEAD, { percent: 30, note: 'desk staffed' }),
  command('blockTask', SUPPORTING, { reason: 'venue not approved', needsHelpFrom: COORDINATING }),
  command('reportProgress', LEAD, { percent: 20, decreaseReason: 'venue lost' }),
  systemCommand('markOverdue', {}, AFTER_DUE),
  systemCommand('escalate', { graceHours: 24 }, hoursAfterDue(25)),
  command('changeDueDate', COORDINATING, { dueDate: '2025-08-31T16:00:00Z', reason: 'venue approved late' }, hoursAfterDue(26)),
  command('unblockTask', COORDINATING, { note: 'venue approved' }, hoursAfterDue(26)),
  command('completeTask', LEAD, { summary: 'desk open five days a week' }, hoursAfterDue(27)),
  command('verifyTask', COORDINATING, { outcome: 'reopen', reason: 'no opening-hours record', rating: 2 }, hoursAfterDue(28)),
  command('reportProgress', LEAD, { percent: 100, note: 'records added' }, hoursAfterDue(29)),
  command('completeTask', LEAD, { summary: 'desk open, records kept' }, hoursAfterDue(30)),
  command('verifyTask', COORDINATING, { outcome: 'accept', rating: 4 }, hoursAfterDue(31)),
];

describe('a task through its closed loop', () => {
  const written: TaskEvent[] = [];
  let state: TaskState = taskDecider.initialState();
  for (const next of loop) {
    const events = taskDecider.decide(next, state);
    written.push(...events);
    state = events.reduce(taskDecider.evolve, state);
  }

  it('writes one event per hand-off, in order', () => {
    expect(written.map((e) => e.type)).toEqual([
      'TaskCreated',
      'TaskAssigned',
      'TaskDeclined',
      'TaskReassigned',
      'TaskAccepted',
      'TaskAccepted',
      'TaskDeclined',
      'TaskProgressReported',
      'TaskBlocked',
      'TaskProgressReported',
      'TaskBecameOverdue',
      'TaskEscalated',
      'TaskDueDateChanged',
      'TaskUnblocked',
      'TaskCompleted',
      'TaskReopened',
      'TaskProgressReported',
      'TaskCompleted',
      'TaskVerified',
    ]);
  });

  it('writes every kind of task event at least once except cancellation', () => {
    const unused = Object.keys(taskEvents).filter((name) => !written.some((e) => e.type === name));
    expect(unused).toEqual(['TaskCancelled']);
  });

  it.each(written.map((e, i) => [i + 1, e.type, e] as const))('event %i (%s) matches its published schema', (_i, type, event) => {
    const parsed = taskEvents[type].schema.safeParse(event.data);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('ends verified, rated, and closed to further commands', () => {
    expect(state).toMatchObject({ status: 'verified', rating: 4, reopenCount: 1, lead: LEAD, supporting: [SUPPORTING] });
    expect(state.status !== 'none' && state.declined).toEqual([OTHER, UNRELATED]);
    expect(() => taskDecider.decide(command('cancelTask', COORDINATING, { reason: 'late' }), state)).toThrow(/verified/);
  });
});
