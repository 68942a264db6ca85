import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { deadlineCommandFor, dueDeadline, nextDeadlineAt } from './deadlines.ts';
import { taskDecider } from './taskDecider.ts';
import type { TaskState } from './state.ts';
import {
  AFTER_DUE,
  becameOverdue,
  BEFORE_DUE,
  command,
  completedTask,
  COORDINATING,
  created,
  directory,
  DUE,
  inProgressTask,
  LEAD,
  systemCommand,
  TASK_ID,
} from './testing/taskFixtures.ts';

const spec = DeciderSpecification.for(taskDecider);
const GRACE_HOURS = 48;
const hoursAfterDue = (hours: number) => new Date(Date.parse(DUE) + hours * 3_600_000);
const markOverdue = (now: Date) => systemCommand('markOverdue', {}, now);
const escalate = (now: Date, graceHours = GRACE_HOURS) => systemCommand('escalate', { graceHours }, now);
const escalated = (now: Date): TaskEvent => ({
  type: 'TaskEscalated',
  data: { to: COORDINATING, overdueSince: DUE, escalatedAt: now.toISOString() },
});
const fold = (events: readonly TaskEvent[]): TaskState => events.reduce(taskDecider.evolve, taskDecider.initialState());

describe('markOverdue', () => {
  it('records the task overdue once the due date has passed', () => {
    spec.given(inProgressTask).when(markOverdue(AFTER_DUE)).then([becameOverdue]);
  });
  it('applies to any open task, even one never assigned', () => {
    spec.given([created]).when(markOverdue(AFTER_DUE)).then([becameOverdue]);
  });
  it('not at or before the due date (task-not-overdue-yet)', () => {
    spec.given(inProgressTask).when(markOverdue(new Date(DUE))).thenThrows('task-not-overdue-yet');
    spec.given(inProgressTask).when(markOverdue(BEFORE_DUE)).thenThrowsCode('rule_violation');
  });
  it('only once (overdue-already-recorded)', () => {
    spec.given([...inProgressTask, becameOverdue]).when(markOverdue(hoursAfterDue(5))).thenThrows('overdue-already-recorded');
  });
  it('not for completed work (task-is-completed)', () => {
    spec.given(completedTask).when(markOverdue(AFTER_DUE)).thenThrows('task-is-completed');
  });
  it('only the system marks a task overdue (only-system-marks-overdue, 403)', () => {
    spec.given(inProgressTask).when(command('markOverdue', COORDINATING, {}, AFTER_DUE)).thenThrows('only-system-marks-overdue');
  });
});

describe('escalate', () => {
  const overdue = [...inProgressTask, becameOverdue];
  it('escalates to the coordinating department once the grace period is over', () => {
    const now = hoursAfterDue(GRACE_HOURS + 1);
    spec.given(overdue).when(escalate(now)).then([escalated(now)]);
  });
  it('not within the grace period (grace-period-not-over)', () => {
    spec.given(overdue).when(escalate(hoursAfterDue(GRACE_HOURS))).thenThrows('grace-period-not-over');
  });
  it('only after the task was recorded overdue (task-not-overdue)', () => {
    spec.given(inProgressTask).when(escalate(hoursAfterDue(100))).thenThrows('task-not-overdue');
  });
  it('only once (already-escalated)', () => {
    const now = hoursAfterDue(GRACE_HOURS + 1);
    spec.given([...overdue, escalated(now)]).when(escalate(hoursAfterDue(200))).thenThrows('already-escalated');
  });
  it('refuses a negative grace period (grace-hours-out-of-range, 400)', () => {
    spec.given(overdue).when(escalate(hoursAfterDue(1), -1)).thenThrows('grace-hours-out-of-range');
  });
  it('only the system escalates (only-system-escalates, 403)', () => {
    spec
      .given(overdue)
      .when(command('escalate', COORDINATING, { graceHours: 0 }, hoursAfterDue(1)))
      .thenThrows('only-system-escalates');
  });
  it('not for completed work, even if it was overdue (task-is-completed)', () => {
    const late: TaskEvent = {
      type: 'TaskCompleted',
      data: { department: LEAD, summary: 'late', completedAt: AFTER_DUE.toISOString(), onTime: false },
    };
    spec.given([...overdue, late]).when(escalate(hoursAfterDue(100))).thenThrows('task-is-completed');
  });
});

describe('dueDeadline: which system command a scheduler should issue', () => {
  const cases: readonly [string, readonly TaskEvent[], Date, ReturnType<typeof dueDeadline>][] = [
    ['no task', [], hoursAfterDue(100), 'none'],
    ['open, before the due date', inProgressTask, BEFORE_DUE, 'none'],
    ['open, exactly at the due date', inProgressTask, new Date(DUE), 'none'],
    ['open, past the due date', inProgressTask, AFTER_DUE, 'markOverdue'],
    ['open and long past the due date, not yet marked', inProgressTask, hoursAfterDue(500), 'markOverdue'],
    ['overdue, within the grace period', [...inProgressTask, becameOverdue], hoursAfterDue(GRACE_HOURS), 'none'],
    ['overdue, past the grace period', [...inProgressTask, becameOverdue], hoursAfterDue(GRACE_HOURS + 0.001), 'escalate'],
    ['already escalated', [...inProgressTask, becameOverdue, escalated(hoursAfterDue(49))], hoursAfterDue(500), 'none'],
    ['completed', completedTask, hoursAfterDue(500), 'none'],
    ['cancelled', [...inProgressTask, { type: 'TaskCancelled', data: { reason: 'r' } }], hoursAfterDue(500), 'none'],
  ];
  it.each(cases)('%s → %s', (_name, events, now, expected) => {
    expect(dueDeadline(fold(events), now, GRACE_HOURS)).toBe(expected);
  });

  it('nextDeadlineAt says when to look again', () => {
    expect(nextDeadlineAt(fold(inProgressTask), GRACE_HOURS)).toEqual(new Date(DUE));
    expect(nextDeadlineAt(fold([...inProgressTask, becameOverdue]), GRACE_HOURS)).toEqual(hoursAfterDue(GRACE_HOURS));
    expect(nextDeadlineAt(fold(completedTask), GRACE_HOURS)).toBeUndefined();
  });

  it('deadlineCommandFor builds the command the decider then accepts, as the clock moves', () => {
    let events: TaskEvent[] = [...inProgressTask];
    const emitted: string[] = [];
    for (const hours of [-1, 1, 2, GRACE_HOURS, GRACE_HOURS + 1, GRACE_HOURS + 2, 1000]) {
      const state = fold(events);
      const next = deadlineCommandFor(state, { now: hoursAfterDue(hours), graceHours: GRACE_HOURS, directory });
      if (!next) continue;
      expect(next.taskId).toBe(TASK_ID);
      const decided = taskDecider.decide(next, state);
      emitted.push(...decided.map((e) => e.type));
      events = [...events, ...decided];
    }
    expect(emitted).toEqual(['TaskBecameOverdue', 'TaskEscalated']);
  });
});
