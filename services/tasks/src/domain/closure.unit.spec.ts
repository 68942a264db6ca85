import { describe, it } from 'vitest';
import type { TaskEvent } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import type { TaskCommand } from './commands.ts';
import { taskDecider } from './taskDecider.ts';
import {
  AFTER_DUE,
  becameOverdue,
  command,
  completedTask,
  COORDINATING,
  created,
  DUE,
  inProgressTask,
  LEAD,
  NOW,
  progressed,
  SUPPORTING,
  systemCommand,
  UNRELATED,
} from './testing/taskFixtures.ts';

const spec = DeciderSpecification.for(taskDecider);
const accept = (rating: number, note?: string) =>
  command('verifyTask', COORDINATING, note === undefined ? { outcome: 'accept', rating } : { outcome: 'accept', rating, note });
const reopen = (reason: string, rating?: number) =>
  command('verifyTask', COORDINATING, rating === undefined ? { outcome: 'reopen', reason } : { outcome: 'reopen', reason, rating });
const cancel = (reason = 'merged into another task') => command('cancelTask', COORDINATING, { reason });
const NEW_DUE = '2025-07-31T16:00:00.000Z';
const changeDueDate = (dueDate: string, now = NOW, reason = 'site handover delayed') =>
  command('changeDueDate', COORDINATING, { dueDate, reason }, now);

describe('verify', () => {
  it('accepts completed work with a rating from 1 to 5', () => {
    spec.given(completedTask).when(accept(5, 'exemplary')).then([{ type: 'TaskVerified', data: { rating: 5, note: 'exemplary' } }]);
    spec.given(completedTask).when(accept(1)).then([{ type: 'TaskVerified', data: { rating: 1 } }]);
  });
  it('refuses a rating outside 1–5 (rating-out-of-range, 400)', () => {
    spec.given(completedTask).when(accept(0)).thenThrows('rating-out-of-range');
    spec.given(completedTask).when(accept(6)).thenThrowsCode('invalid_input');
    spec.given(completedTask).when(reopen('redo', 9)).thenThrows('rating-out-of-range');
  });
  it('reopens completed work with a reason, back to the lead', () => {
    const reopened: TaskEvent = { type: 'TaskReopened', data: { reason: 'survey missing', rating: 2 } };
    spec.given(completedTask).when(reopen('survey missing', 2)).then([reopened]);
    spec.given([...completedTask, reopened]).when(command('reportProgress', LEAD, { percent: 100 })).then([progressed(LEAD, 100)]);
    spec
      .given([...completedTask, reopened])
      .when(command('reportProgress', LEAD, { percent: 80 }))
      .thenThrows('progress-never-backwards-without-reason');
  });
  it('requires a reason to reopen (reason-required)', () => {
    spec.given(completedTask).when(reopen(' ')).thenThrows('reason-required');
  });
  it('only completed work is verified (task-not-completed)', () => {
    spec.given(inProgressTask).when(accept(4)).thenThrows('task-not-completed');
    spec.given(inProgressTask).when(reopen('why')).thenThrowsCode('rule_violation');
  });
  it('only the coordinating department verifies (only-coordinating-verifies, 403)', () => {
    spec
      .given(completedTask)
      .when(command('verifyTask', LEAD, { outcome: 'accept', rating: 5 }))
      .thenThrows('only-coordinating-verifies');
  });
});

describe('cancel', () => {
  it('cancels an open task, or completed work, with a reason', () => {
    spec.given([created]).when(cancel()).then([{ type: 'TaskCancelled', data: { reason: 'merged into another task' } }]);
    spec.given(completedTask).when(cancel('plan changed')).then([{ type: 'TaskCancelled', data: { reason: 'plan changed' } }]);
  });
  it('requires a reason (reason-required)', () => {
    spec.given(inProgressTask).when(cancel('')).thenThrows('reason-required');
  });
  it('only the coordinating department cancels (only-coordinating-cancels, 403)', () => {
    spec.given(inProgressTask).when(command('cancelTask', LEAD, { reason: 'x' })).thenThrows('only-coordinating-cancels');
  });
});

describe('change the due date', () => {
  it('moves the due date with a reason and records the previous one', () => {
    spec
      .given(inProgressTask)
      .when(changeDueDate(NEW_DUE))
      .then([{ type: 'TaskDueDateChanged', data: { dueDate: NEW_DUE, previousDueDate: DUE, reason: 'site handover delayed' } }]);
  });
  it('clears the overdue state: the task can become overdue again against the new date', () => {
    const moved: TaskEvent = { type: 'TaskDueDateChanged', data: { dueDate: NEW_DUE, previousDueDate: DUE, reason: 'r' } };
    const later = new Date('2025-07-31T16:00:01.000Z');
    spec
      .given([...inProgressTask, becameOverdue, moved])
      .when(systemCommand('markOverdue', {}, later))
      .then([{ type: 'TaskBecameOverdue', data: { dueDate: NEW_DUE, detectedAt: later.toISOString() } }]);
    spec.given([...inProgressTask, becameOverdue, moved]).when(systemCommand('markOverdue', {}, AFTER_DUE)).thenThrows('task-not-overdue-yet');
  });
  it('refuses a date that is not in the future (due-date-in-past, 400)', () => {
    spec.given(inProgressTask).when(changeDueDate('2025-03-31T00:00:00Z')).thenThrows('due-date-in-past');
    spec.given(inProgressTask).when(changeDueDate(NEW_DUE, new Date(NEW_DUE))).thenThrowsCode('invalid_input');
  });
  it('refuses the same date (due-date-unchanged) and a non-date (invalid-date)', () => {
    spec.given(inProgressTask).when(changeDueDate('2025-06-30T18:00:00+02:00')).thenThrows('due-date-unchanged');
    spec.given(inProgressTask).when(changeDueDate('soon')).thenThrows('invalid-date');
  });
  it('requires a reason (reason-required)', () => {
    spec.given(inProgressTask).when(changeDueDate(NEW_DUE, NOW, '')).thenThrows('reason-required');
  });
  it('refuses completed work (task-is-completed)', () => {
    spec.given(completedTask).when(changeDueDate(NEW_DUE)).thenThrows('task-is-completed');
  });
  it('only the coordinating department moves it (only-coordinating-changes-due-date, 403)', () => {
    spec
      .given(inProgressTask)
      .when(command('changeDueDate', LEAD, { dueDate: NEW_DUE, reason: 'more time' }))
      .thenThrows('only-coordinating-changes-due-date');
  });
});

describe('nothing happens to a cancelled or verified task (task-is-closed)', () => {
  const closedStreams: Record<string, readonly TaskEvent[]> = {
    cancelled: [...inProgressTask, { type: 'TaskCancelled', data: { reason: 'plan changed' } }],
    verified: [...completedTask, { type: 'TaskVerified', data: { rating: 4 } }],
  };
  // Every command, issued by a department the table allows, so only the closed state refuses it.
  const commands: readonly TaskCommand[] = [
    command('assignTask', COORDINATING, { lead: SUPPORTING, supporting: [] }),
    command('acceptTask', SUPPORTING, {}),
    command('declineTask', SUPPORTING, { reason: 'r', citedRule: 'c' }),
    command('reportProgress', LEAD, { percent: 100 }),
    command('blockTask', LEAD, { reason: 'r' }),
    command('unblockTask', COORDINATING, {}),
    command('completeTask', LEAD, { summary: 's' }),
    command('verifyTask', COORDINATING, { outcome: 'accept', rating: 5 }),
    command('verifyTask', COORDINATING, { outcome: 'reopen', reason: 'r' }),
    command('cancelTask', COORDINATING, { reason: 'r' }),
    command('changeDueDate', COORDINATING, { dueDate: NEW_DUE, reason: 'r' }),
    systemCommand('markOverdue', {}, AFTER_DUE),
    systemCommand('escalate', { graceHours: 0 }, AFTER_DUE),
  ];
  for (const [closedAs, events] of Object.entries(closedStreams)) {
    it.each(commands.map((c) => [c.type, c] as const))(`${closedAs}: %s is refused`, (_type, closedCommand) => {
      spec.given(events).when(closedCommand).thenThrows('task-is-closed');
    });
  }
  it('an unrelated department is still refused as forbidden first', () => {
    spec.given(closedStreams.verified ?? []).when(command('reportProgress', UNRELATED, { percent: 1 })).thenThrowsCode('forbidden');
  });
  it('creating it again is refused (task-already-exists)', () => {
    spec
      .given(closedStreams.cancelled ?? [])
      .when(command('createTask', COORDINATING, { title: 't', field: 'new-employment-groups', dueDate: NEW_DUE }))
      .thenThrows('task-already-exists');
  });
});
