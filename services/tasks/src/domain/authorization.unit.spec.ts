import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { isTaskCommandAllowed, taskRolesOf } from './authorization.ts';
import type { TaskRole } from './authorization.ts';
import { SYSTEM_ACTOR, TASK_COMMAND_TYPES } from './commands.ts';
import type { TaskCommand, TaskCommandType } from './commands.ts';
import { taskDecider } from './taskDecider.ts';
import {
  acceptedBy,
  AFTER_DUE,
  assigned,
  assignedTask,
  becameOverdue,
  blockedBy,
  command,
  completedTask,
  COORDINATING,
  created,
  declinedBy,
  DUE,
  inProgressTask,
  LEAD,
  NOW,
  OTHER,
  progressed,
  SUPPORTING,
  TASK_ID,
  UNRELATED,
} from './testing/taskFixtures.ts';

type Column = 'coordinating' | 'lead' | 'supporting' | 'unrelated' | 'system';
type Cell = 'allowed' | 'forbidden';
const A: Cell = 'allowed';
const F: Cell = 'forbidden';

// The expected matrix, written out by hand. It is deliberately not derived from the table
// in authorization.ts: the two must agree.
//                                 coordinating lead supporting unrelated system
const EXPECTED: Record<TaskCommandType, readonly [Cell, Cell, Cell, Cell, Cell]> = {
  createTask: /*              */ [A, F, F, F, F],
  assignTask: /*              */ [A, F, F, F, F],
  acceptTask: /*              */ [F, A, A, F, F],
  declineTask: /*             */ [F, A, A, F, F],
  reportProgress: /*          */ [F, A, A, F, F],
  blockTask: /*               */ [F, A, A, F, F],
  unblockTask: /*             */ [A, A, A, F, F],
  completeTask: /*            */ [F, A, F, F, F],
  verifyTask: /*              */ [A, F, F, F, F],
  cancelTask: /*              */ [A, F, F, F, F],
  changeDueDate: /*           */ [A, F, F, F, F],
  markOverdue: /*             */ [F, F, F, F, A],
  escalate: /*                */ [F, F, F, F, A],
};
const COLUMNS: readonly Column[] = ['coordinating', 'lead', 'supporting', 'unrelated', 'system'];
const ACTOR: Record<Column, string> = {
  coordinating: COORDINATING,
  lead: LEAD,
  supporting: SUPPORTING,
  unrelated: UNRELATED,
  system: SYSTEM_ACTOR,
};
const NEW_DUE = '2025-07-31T16:00:00.000Z';
const AT = NOW.toISOString();

interface Scenario {
  /** A stream in which the actor holds its column's role and the command is valid for an allowed role. */
  readonly given: (column: Column) => readonly TaskEvent[];
  readonly when: (actor: string) => TaskCommand;
  /** What an allowed actor's command writes. */
  readonly then: (actor: string) => TaskEvent[];
}

const SCENARIOS: Record<TaskCommandType, Scenario> = {
  createTask: {
    // No task exists yet, so the lead and supporting columns are departments that lead or support other tasks.
    given: () => [],
    when: (actor) => command('createTask', actor, { title: 't', field: 'new-employment-groups', dueDate: DUE }),
    then: (actor) => [
      { type: 'TaskCreated', data: { taskId: TASK_ID, title: 't', field: 'new-employment-groups', dueDate: DUE, createdBy: actor } },
    ],
  },
  assignTask: {
    // Assignment is valid only before there is a lead; the assignee columns need one to hold their role.
    given: (column) => (column === 'lead' || column === 'supporting' ? assignedTask : [created]),
    when: (actor) => command('assignTask', actor, { lead: LEAD, supporting: [SUPPORTING, OTHER] }),
    then: () => [assigned],
  },
  acceptTask: {
    given: () => assignedTask,
    when: (actor) => command('acceptTask', actor, {}),
    then: (actor) => [acceptedBy(actor)],
  },
  declineTask: {
    given: () => assignedTask,
    when: (actor) => command('declineTask', actor, { reason: 'outside our remit', citedRule: 'Bureau charter art. 3' }),
    then: (actor) => [declinedBy(actor, actor === LEAD ? 'lead' : 'supporting')],
  },
  reportProgress: {
    given: () => inProgressTask,
    when: (actor) => command('reportProgress', actor, { percent: 50 }),
    then: (actor) => [progressed(actor, 50)],
  },
  blockTask: {
    given: () => inProgressTask,
    when: (actor) => command('blockTask', actor, { reason: 'waiting' }),
    then: (actor) => [blockedBy(actor)],
  },
  unblockTask: {
    given: () => [...inProgressTask, blockedBy(OTHER)],
    when: (actor) => command('unblockTask', actor, {}),
    then: (actor) => [{ type: 'TaskUnblocked', data: { department: actor } }],
  },
  completeTask: {
    given: () => inProgressTask,
    when: (actor) => command('completeTask', actor, { summary: 'done' }),
    then: (actor) => [{ type: 'TaskCompleted', data: { department: actor, summary: 'done', completedAt: AT, onTime: true } }],
  },
  verifyTask: {
    given: () => completedTask,
    when: (actor) => command('verifyTask', actor, { outcome: 'accept', rating: 4 }),
    then: () => [{ type: 'TaskVerified', data: { rating: 4 } }],
  },
  cancelTask: {
    given: () => inProgressTask,
    when: (actor) => command('cancelTask', actor, { reason: 'plan changed' }),
    then: () => [{ type: 'TaskCancelled', data: { reason: 'plan changed' } }],
  },
  changeDueDate: {
    given: () => inProgressTask,
    when: (actor) => command('changeDueDate', actor, { dueDate: NEW_DUE, reason: 'more time' }),
    then: () => [{ type: 'TaskDueDateChanged', data: { dueDate: NEW_DUE, previousDueDate: DUE, reason: 'more time' } }],
  },
  markOverdue: {
    given: () => inProgressTask,
    when: (actor) => command('markOverdue', actor, {}, AFTER_DUE),
    then: () => [becameOverdue],
  },
  escalate: {
    given: () => [...inProgressTask, becameOverdue],
    when: (actor) => command('escalate', actor, { graceHours: 0 }, AFTER_DUE),
    then: () => [{ type: 'TaskEscalated', data: { to: COORDINATING, overdueSince: DUE, escalatedAt: AFTER_DUE.toISOString() } }],
  },
};

const spec = DeciderSpecification.for(taskDecider);
const cells = TASK_COMMAND_TYPES.flatMap((type) =>
  COLUMNS.map((column, index) => [type, column, EXPECTED[type][index] ?? F] as const),
);

describe('who may do what: every command × every role', () => {
  it('the expected matrix covers every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TASK_COMMAND_TYPES].sort());
  });

  it.each(cells)('%s by %s → %s', (type, column, cell) => {
    const scenario = SCENARIOS[type];
    const actor = ACTOR[column];
    const then = spec.given(scenario.given(column)).when(scenario.when(actor));
    if (cell === 'allowed') then.then(scenario.then(actor));
    else then.thenThrowsCode('forbidden');
  });

  it.each(cells)('the table answers %s by %s → %s', (type, column, cell) => {
    expect(isTaskCommandAllowed(type, [column])).toBe(cell === 'allowed');
  });

  it('denies a command the table does not know', () => {
    expect(isTaskCommandAllowed('deleteTask', ['coordinating', 'lead', 'supporting', 'unrelated', 'system'])).toBe(false);
    expect(isTaskCommandAllowed('toString', ['coordinating'])).toBe(false);
  });
});

describe('taskRolesOf', () => {
  const fold = (events: readonly TaskEvent[]) => events.reduce(taskDecider.evolve, taskDecider.initialState());
  const roles = (events: readonly TaskEvent[], department: string): TaskRole[] => taskRolesOf(fold(events), department, COORDINATING);

  it('names each department by its relation to the task', () => {
    expect(roles(assignedTask, COORDINATING)).toEqual(['coordinating']);
    expect(roles(assignedTask, LEAD)).toEqual(['lead']);
    expect(roles(assignedTask, SUPPORTING)).toEqual(['supporting']);
    expect(roles(assignedTask, UNRELATED)).toEqual(['unrelated']);
    expect(roles(assignedTask, SYSTEM_ACTOR)).toEqual(['system']);
    expect(roles([], LEAD)).toEqual(['unrelated']);
  });
  it('a declined department is no longer an assignee', () => {
    expect(roles([...assignedTask, declinedBy(SUPPORTING, 'supporting')], SUPPORTING)).toEqual(['unrelated']);
    expect(roles([...assignedTask, declinedBy(LEAD, 'lead')], LEAD)).toEqual(['unrelated']);
  });
  it('the coordinating department can also lead a task, and then completes it', () => {
    const leadByCoordinating: TaskEvent = { type: 'TaskAssigned', data: { lead: COORDINATING, supporting: [], assignedAt: AT } };
    const events = [created, leadByCoordinating, acceptedBy(COORDINATING)];
    expect(roles(events, COORDINATING)).toEqual(['coordinating', 'lead']);
    spec
      .given(events)
      .when(command('completeTask', COORDINATING, { summary: 'done' }))
      .then([{ type: 'TaskCompleted', data: { department: COORDINATING, summary: 'done', completedAt: AT, onTime: true } }]);
  });
});
