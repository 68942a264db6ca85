import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { taskDecider } from './taskDecider.ts';
import {
  acceptedBy,
  assigned,
  assignedTask,
  command,
  completedTask,
  COORDINATING,
  created,
  declinedBy,
  DUE,
  FIELD,
  inProgressTask,
  LEAD,
  NOW,
  OTHER,
  SUPPORTING,
  TASK_ID,
  UNRELATED,
} from './testing/taskFixtures.ts';

const spec = DeciderSpecification.for(taskDecider);
const create = (data: Partial<{ title: string; field: string; dueDate: string; description: string }> = {}) =>
  command('createTask', COORDINATING, { title: 'Volunteer support for tech start-ups', field: FIELD, dueDate: DUE, ...data });
const assign = (lead: string, supporting: string[]) => command('assignTask', COORDINATING, { lead, supporting });

describe('create', () => {
  it('records a new task in a known field', () => {
    spec.given([]).when(create()).then([created]);
  });
  it('keeps the description', () => {
    spec
      .given([])
      .when(create({ description: 'two pilot sites' }))
      .then([
        {
          type: 'TaskCreated',
          data: {
            taskId: TASK_ID,
            title: 'Volunteer support for tech start-ups',
            description: 'two pilot sites',
            field: FIELD,
            dueDate: DUE,
            createdBy: COORDINATING,
          },
        },
      ]);
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given([]).when(create({ field: 'astrology' })).thenThrows('unknown-field');
    spec.given([]).when(create({ field: 'astrology' })).thenThrowsCode('invalid_input');
  });
  it('refuses a due date that is not in the future (due-date-in-past, 400)', () => {
    spec.given([]).when(create({ dueDate: '2025-03-01T00:00:00Z' })).thenThrows('due-date-in-past');
    spec.given([]).when(create({ dueDate: NOW.toISOString() })).thenThrowsCode('invalid_input');
  });
  it('refuses a due date that is not a date (invalid-date)', () => {
    spec.given([]).when(create({ dueDate: 'next tuesday' })).thenThrows('invalid-date');
  });
  it('refuses a blank title (reason-required)', () => {
    spec.given([]).when(create({ title: '  ' })).thenThrows('reason-required');
  });
  it('refuses to create the same task twice (task-already-exists, 409)', () => {
    spec.given([created]).when(create()).thenThrows('task-already-exists');
    spec.given([created]).when(create()).thenThrowsCode('rule_violation');
  });
  it('answers not_found for any other command on a task that does not exist (task-not-found)', () => {
    spec.given([]).when(assign(LEAD, [])).thenThrows('task-not-found');
    spec.given([]).when(command('acceptTask', LEAD, {})).thenThrowsCode('not_found');
  });
});

describe('assign', () => {
  it('names a lead and supporting departments', () => {
    spec.given([created]).when(assign(LEAD, [SUPPORTING, OTHER])).then([assigned]);
  });
  it('may name no supporting department', () => {
    spec
      .given([created])
      .when(assign(LEAD, []))
      .then([{ type: 'TaskAssigned', data: { lead: LEAD, supporting: [], assignedAt: NOW.toISOString() } }]);
  });
  it('refuses an unknown department as lead or supporting (unknown-department, 400)', () => {
    spec.given([created]).when(assign('ministry-of-magic', [])).thenThrows('unknown-department');
    spec.given([created]).when(assign(LEAD, ['ministry-of-magic'])).thenThrowsCode('invalid_input');
  });
  it('refuses a lead that is also supporting (lead-not-also-supporting)', () => {
    spec.given([created]).when(assign(LEAD, [SUPPORTING, LEAD])).thenThrows('lead-not-also-supporting');
  });
  it('refuses a supporting department named twice (no-duplicate-assignees)', () => {
    spec.given([created]).when(assign(LEAD, [SUPPORTING, SUPPORTING])).thenThrows('no-duplicate-assignees');
  });
  it('refuses to assign a task that has a lead (task-already-assigned)', () => {
    spec.given(assignedTask).when(assign(OTHER, [])).thenThrows('task-already-assigned');
    spec.given(inProgressTask).when(assign(OTHER, [])).thenThrows('task-already-assigned');
  });
  it('refuses to assign completed work (task-is-completed)', () => {
    spec.given(completedTask).when(assign(OTHER, [])).thenThrows('task-is-completed');
  });
});

describe('accept', () => {
  it('records the lead accepting', () => {
    spec.given(assignedTask).when(command('acceptTask', LEAD, {})).then([acceptedBy(LEAD)]);
  });
  it('records a supporting department accepting, before the lead', () => {
    spec.given(assignedTask).when(command('acceptTask', SUPPORTING, {})).then([acceptedBy(SUPPORTING)]);
  });
  it('refuses to accept twice (already-accepted)', () => {
    spec.given([...assignedTask, acceptedBy(LEAD)]).when(command('acceptTask', LEAD, {})).thenThrows('already-accepted');
  });
  it('refuses a department that is not assigned (only-assignee-accepts, 403)', () => {
    spec.given(assignedTask).when(command('acceptTask', UNRELATED, {})).thenThrows('only-assignee-accepts');
    spec.given([created]).when(command('acceptTask', LEAD, {})).thenThrowsCode('forbidden');
  });
});

describe('decline', () => {
  const decline = (actor: string, reason = 'outside our remit', citedRule = 'Bureau charter art. 3') =>
    command('declineTask', actor, { reason, citedRule });

  it('records a supporting department declining with its reason and the rule it cites', () => {
    spec.given(assignedTask).when(decline(SUPPORTING)).then([declinedBy(SUPPORTING, 'supporting')]);
  });
  it('records the lead declining', () => {
    spec.given(assignedTask).when(decline(LEAD)).then([declinedBy(LEAD, 'lead')]);
  });
  it('requires a reason and a cited rule (reason-required, 400)', () => {
    spec.given(assignedTask).when(decline(SUPPORTING, ' ')).thenThrows('reason-required');
    spec.given(assignedTask).when(decline(SUPPORTING, 'not ours', '')).thenThrowsCode('invalid_input');
  });
  it('refuses to decline after accepting (cannot-decline-after-accepting)', () => {
    spec.given([...assignedTask, acceptedBy(SUPPORTING)]).when(decline(SUPPORTING)).thenThrows('cannot-decline-after-accepting');
  });
  it('a declined department is no longer an assignee', () => {
    const afterDecline = [...assignedTask, declinedBy(SUPPORTING, 'supporting')];
    spec.given(afterDecline).when(command('acceptTask', SUPPORTING, {})).thenThrows('only-assignee-accepts');
    spec.given(afterDecline).when(decline(SUPPORTING)).thenThrows('only-assignee-declines');
    spec
      .given(afterDecline)
      .when(command('reportProgress', SUPPORTING, { percent: 10 }))
      .thenThrows('only-assignee-reports-progress');
  });
  it('when the lead declined, the task waits for reassignment and its former lead cannot complete it', () => {
    const afterDecline = [...assignedTask, declinedBy(LEAD, 'lead')];
    spec.given(afterDecline).when(command('completeTask', LEAD, { summary: 'done' })).thenThrows('only-lead-completes');
    spec
      .given(afterDecline)
      .when(assign(UNRELATED, [SUPPORTING]))
      .then([
        {
          type: 'TaskReassigned',
          data: { lead: UNRELATED, supporting: [SUPPORTING], previousLead: LEAD, assignedAt: NOW.toISOString() },
        },
      ]);
  });
  it('supporting departments may still accept while the task awaits reassignment', () => {
    spec.given([...assignedTask, declinedBy(LEAD, 'lead')]).when(command('acceptTask', OTHER, {})).then([acceptedBy(OTHER)]);
  });
  it('after reassignment the new lead must accept; kept supporting departments keep their acceptance', () => {
    const reassigned = [
      ...assignedTask,
      acceptedBy(SUPPORTING),
      declinedBy(LEAD, 'lead'),
      {
        type: 'TaskReassigned' as const,
        data: { lead: UNRELATED, supporting: [SUPPORTING], previousLead: LEAD, assignedAt: NOW.toISOString() },
      },
    ];
    spec.given(reassigned).when(command('completeTask', UNRELATED, { summary: 'done' })).thenThrows('assignee-must-accept-first');
    spec.given(reassigned).when(command('acceptTask', SUPPORTING, {})).thenThrows('already-accepted');
    spec.given(reassigned).when(command('acceptTask', OTHER, {})).thenThrows('only-assignee-accepts');
    spec.given(reassigned).when(command('acceptTask', UNRELATED, {})).then([acceptedBy(UNRELATED)]);
  });
  it('refuses to accept or decline completed work (task-is-completed)', () => {
    spec.given(completedTask).when(command('acceptTask', LEAD, {})).thenThrows('task-is-completed');
    spec.given(completedTask).when(decline(LEAD)).thenThrows('task-is-completed');
  });
});
