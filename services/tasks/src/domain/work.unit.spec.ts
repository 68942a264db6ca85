import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { taskDecider } from './taskDecider.ts';
import {
  acceptedBy,
  AFTER_DUE,
  assignedTask,
  blockedBy,
  command,
  completedTask,
  COORDINATING,
  declinedBy,
  inProgressTask,
  LEAD,
  NOW,
  OTHER,
  progressed,
  SUPPORTING,
  UNRELATED,
} from './testing/taskFixtures.ts';

const spec = DeciderSpecification.for(taskDecider);
const report = (actor: string, percent: number, extra: { note?: string; decreaseReason?: string } = {}) =>
  command('reportProgress', actor, { percent, ...extra });
const block = (actor: string, needsHelpFrom?: string) =>
  command('blockTask', actor, needsHelpFrom === undefined ? { reason: 'waiting' } : { reason: 'waiting', needsHelpFrom });
const complete = (actor: string, now = NOW) => command('completeTask', actor, { summary: 'done' }, now);

describe('progress', () => {
  it('records progress reported by the lead or a supporting department that accepted', () => {
    spec.given(inProgressTask).when(report(LEAD, 40)).then([progressed(LEAD, 40)]);
    spec
      .given(inProgressTask)
      .when(report(SUPPORTING, 60, { note: 'site two running' }))
      .then([{ type: 'TaskProgressReported', data: { department: SUPPORTING, percent: 60, note: 'site two running' } }]);
  });
  it('accepts the bounds 0 and 100 and an unchanged value', () => {
    spec.given(inProgressTask).when(report(LEAD, 0)).then([progressed(LEAD, 0)]);
    spec.given(inProgressTask).when(report(LEAD, 100)).then([progressed(LEAD, 100)]);
    spec.given([...inProgressTask, progressed(LEAD, 50)]).when(report(SUPPORTING, 50)).then([progressed(SUPPORTING, 50)]);
  });
  it('refuses values outside 0–100 or fractional (progress-out-of-range, 400)', () => {
    spec.given(inProgressTask).when(report(LEAD, 101)).thenThrows('progress-out-of-range');
    spec.given(inProgressTask).when(report(LEAD, -1)).thenThrows('progress-out-of-range');
    spec.given(inProgressTask).when(report(LEAD, 12.5)).thenThrowsCode('invalid_input');
  });
  it('never goes backwards without a reason (progress-never-backwards-without-reason, 409)', () => {
    const at60 = [...inProgressTask, progressed(LEAD, 60)];
    spec.given(at60).when(report(LEAD, 40)).thenThrows('progress-never-backwards-without-reason');
    spec.given(at60).when(report(SUPPORTING, 59, { decreaseReason: ' ' })).thenThrowsCode('rule_violation');
    spec
      .given(at60)
      .when(report(LEAD, 40, { decreaseReason: 'site closed for repairs' }))
      .then([{ type: 'TaskProgressReported', data: { department: LEAD, percent: 40, decreaseReason: 'site closed for repairs' } }]);
  });
  it('only an assignee reports progress (only-assignee-reports-progress, 403)', () => {
    spec.given(inProgressTask).when(report(UNRELATED, 10)).thenThrows('only-assignee-reports-progress');
    spec.given(inProgressTask).when(report(COORDINATING, 10)).thenThrowsCode('forbidden');
  });
  it('only an assignee that accepted reports progress (assignee-must-accept-first)', () => {
    spec.given(assignedTask).when(report(LEAD, 10)).thenThrows('assignee-must-accept-first');
    spec.given([...assignedTask, acceptedBy(LEAD)]).when(report(SUPPORTING, 10)).thenThrows('assignee-must-accept-first');
  });
  it('refuses progress on completed work (task-is-completed)', () => {
    spec.given(completedTask).when(report(LEAD, 100)).thenThrows('task-is-completed');
  });
});

describe('block and unblock', () => {
  it('records an assignee blocked, naming the department whose help it needs', () => {
    spec.given(inProgressTask).when(block(SUPPORTING, UNRELATED)).then([blockedBy(SUPPORTING, UNRELATED)]);
    spec.given(inProgressTask).when(block(LEAD)).then([blockedBy(LEAD)]);
  });
  it('refuses an unknown helper (unknown-department) or the blocker itself (cannot-need-own-help)', () => {
    spec.given(inProgressTask).when(block(LEAD, 'ministry-of-magic')).thenThrows('unknown-department');
    spec.given(inProgressTask).when(block(LEAD, LEAD)).thenThrows('cannot-need-own-help');
    spec.given(inProgressTask).when(block(LEAD, LEAD)).thenThrowsCode('invalid_input');
  });
  it('requires a reason (reason-required)', () => {
    spec.given(inProgressTask).when(command('blockTask', LEAD, { reason: '' })).thenThrows('reason-required');
  });
  it('refuses a second block while blocked (task-already-blocked)', () => {
    spec.given([...inProgressTask, blockedBy(LEAD)]).when(block(SUPPORTING)).thenThrows('task-already-blocked');
  });
  it('only an assignee that accepted blocks', () => {
    spec.given(inProgressTask).when(block(UNRELATED)).thenThrows('only-assignee-blocks');
    spec.given(inProgressTask).when(block(COORDINATING)).thenThrows('only-assignee-blocks');
    spec.given(assignedTask).when(block(LEAD)).thenThrows('assignee-must-accept-first');
  });
  it('unblocks by an accepted assignee or the coordinating department', () => {
    const blocked = [...inProgressTask, blockedBy(LEAD, UNRELATED)];
    spec
      .given(blocked)
      .when(command('unblockTask', SUPPORTING, { note: 'help arrived' }))
      .then([{ type: 'TaskUnblocked', data: { department: SUPPORTING, note: 'help arrived' } }]);
    spec
      .given(blocked)
      .when(command('unblockTask', COORDINATING, {}))
      .then([{ type: 'TaskUnblocked', data: { department: COORDINATING } }]);
  });
  it('refuses to unblock a task that is not blocked (task-not-blocked)', () => {
    spec.given(inProgressTask).when(command('unblockTask', LEAD, {})).thenThrows('task-not-blocked');
    spec
      .given([...inProgressTask, blockedBy(LEAD), { type: 'TaskUnblocked', data: { department: LEAD } }])
      .when(command('unblockTask', LEAD, {}))
      .thenThrows('task-not-blocked');
  });
  it('refuses an unrelated department, even the one whose help was asked (only-assignee-or-coordinating-unblocks)', () => {
    spec
      .given([...inProgressTask, blockedBy(LEAD, UNRELATED)])
      .when(command('unblockTask', UNRELATED, {}))
      .thenThrows('only-assignee-or-coordinating-unblocks');
  });
  it('refuses an assignee that has not accepted (assignee-must-accept-first)', () => {
    spec
      .given([...assignedTask, acceptedBy(LEAD), blockedBy(LEAD)])
      .when(command('unblockTask', SUPPORTING, {}))
      .thenThrows('assignee-must-accept-first');
  });
});

describe('complete', () => {
  it('records the lead completing on time', () => {
    spec
      .given(inProgressTask)
      .when(complete(LEAD))
      .then([{ type: 'TaskCompleted', data: { department: LEAD, summary: 'done', completedAt: NOW.toISOString(), onTime: true } }]);
  });
  it('records a late completion as not on time', () => {
    spec
      .given(inProgressTask)
      .when(complete(LEAD, AFTER_DUE))
      .then([
        { type: 'TaskCompleted', data: { department: LEAD, summary: 'done', completedAt: AFTER_DUE.toISOString(), onTime: false } },
      ]);
  });
  it('only the lead completes (only-lead-completes, 403)', () => {
    spec.given(inProgressTask).when(complete(SUPPORTING)).thenThrows('only-lead-completes');
    spec.given(inProgressTask).when(complete(COORDINATING)).thenThrows('only-lead-completes');
    spec.given(inProgressTask).when(complete(UNRELATED)).thenThrowsCode('forbidden');
  });
  it('the lead must have accepted (assignee-must-accept-first)', () => {
    spec.given(assignedTask).when(complete(LEAD)).thenThrows('assignee-must-accept-first');
  });
  it('not while blocked (cannot-complete-while-blocked)', () => {
    spec.given([...inProgressTask, blockedBy(OTHER, SUPPORTING)]).when(complete(LEAD)).thenThrows('cannot-complete-while-blocked');
  });
  it('requires a summary (reason-required)', () => {
    spec.given(inProgressTask).when(command('completeTask', LEAD, { summary: ' ' })).thenThrows('reason-required');
  });
  it('not twice (task-is-completed)', () => {
    spec.given(completedTask).when(complete(LEAD)).thenThrows('task-is-completed');
  });
  it('a supporting department that declined cannot block the lead from completing', () => {
    spec
      .given([...assignedTask, acceptedBy(LEAD), declinedBy(SUPPORTING, 'supporting')])
      .when(complete(LEAD))
      .then([{ type: 'TaskCompleted', data: { department: LEAD, summary: 'done', completedAt: NOW.toISOString(), onTime: true } }]);
  });
});
