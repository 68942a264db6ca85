import type { BoardNumbers, TaskStatus } from '@backbone/service-board';
import { expect } from 'vitest';
import { CIVIL, DEPT_4, DEPT_5, DEPT_6, EMPLOYMENT, FIELD_4, MICRO_ECONOMY, SCIENCE, TECHNOLOGY } from './closedLoop.ts';

// The one board as the closed loop of `closedLoop.ts` leaves it, worked out by hand from what
// the suite drove (not by replaying the projection's own code).

type Figures = Partial<Omit<BoardNumbers, 'byStatus'>> & { readonly byStatus?: Partial<Record<TaskStatus, number>> };

const NO_TASKS: BoardNumbers = {
  tasks: 0,
  byStatus: { created: 0, assigned: 0, in_progress: 0, awaiting_reassignment: 0, completed: 0, verified: 0, cancelled: 0 },
  overdue: 0,
  blocked: 0,
  escalated: 0,
  declined: 0,
  reopened: 0,
  completed: 0,
  completedOnTime: 0,
  averageProgress: null,
  onTimeCompletionRate: null,
  meanAcceptanceSeconds: null,
  acceptances: 0,
};

/** A scope's numbers: zeros except `figures`; a mean acceptance time once anything was accepted (its size depends on timing). */
export function boardNumbers(figures: Figures): BoardNumbers {
  const numbers = { ...NO_TASKS, ...figures, byStatus: { ...NO_TASKS.byStatus, ...figures.byStatus } };
  const acceptances = numbers.acceptances;
  return { ...numbers, meanAcceptanceSeconds: acceptances > 0 ? expect.any(Number) : null };
}

/** The overdue task of the distributed suite: field-4, led by department-6, accepted, then overdue and escalated. */
const OVERDUE_TASK: Figures = { tasks: 1, byStatus: { in_progress: 1 }, overdue: 1, escalated: 1, averageProgress: 0, acceptances: 1 };

/** The board after the loop (and after the overdue task, when `withOverdue`): plan totals and every non-empty row. */
export function expectedBoard(withOverdue: boolean): { totals: BoardNumbers; rows: ReadonlyMap<string, BoardNumbers> } {
  const totals: Figures = {
    tasks: 4,
    byStatus: { verified: 1, in_progress: 2, cancelled: 1 },
    blocked: 1,
    declined: 2,
    reopened: 1,
    completed: 1,
    completedOnTime: 1,
    // verified 100, reopened 100 (reopening keeps the progress), rescheduled 30; the cancelled one does not count.
    averageProgress: 230 / 3,
    onTimeCompletionRate: 1,
    acceptances: 6,
  };
  const rows = new Map<string, Figures>([
    [EMPLOYMENT, { tasks: 1, byStatus: { verified: 1 }, declined: 1, completed: 1, completedOnTime: 1, averageProgress: 100, onTimeCompletionRate: 1, acceptances: 2 }],
    [MICRO_ECONOMY, { tasks: 1, byStatus: { in_progress: 1 }, blocked: 1, declined: 1, reopened: 1, averageProgress: 100, acceptances: 2 }],
    [TECHNOLOGY, { tasks: 2, byStatus: { cancelled: 1, in_progress: 1 }, averageProgress: 30, acceptances: 2 }],
    // science-tech leads the verified and the reopened task and supports the cancelled one.
    [
      SCIENCE,
      {
        tasks: 3,
        byStatus: { verified: 1, in_progress: 1, cancelled: 1 },
        blocked: 1,
        reopened: 1,
        completed: 1,
        completedOnTime: 1,
        averageProgress: 100,
        onTimeCompletionRate: 1,
        acceptances: 2,
      },
    ],
    // civil-affairs supports the verified task and leads the rescheduled one; its declined lead left its scope.
    [CIVIL, { tasks: 2, byStatus: { verified: 1, in_progress: 1 }, declined: 1, completed: 1, completedOnTime: 1, averageProgress: 65, onTimeCompletionRate: 1, acceptances: 2 }],
    [DEPT_4, { tasks: 1, byStatus: { cancelled: 1 }, declined: 1, acceptances: 1 }],
    [DEPT_5, { tasks: 1, byStatus: { in_progress: 1 }, blocked: 1, reopened: 1, averageProgress: 100, acceptances: 1 }],
  ]);
  if (!withOverdue) return { totals: boardNumbers(totals), rows: new Map([...rows].map(([id, f]) => [id, boardNumbers(f)])) };
  rows.set(FIELD_4, OVERDUE_TASK);
  rows.set(DEPT_6, OVERDUE_TASK);
  const withOne: Figures = {
    ...totals,
    tasks: 5,
    byStatus: { ...totals.byStatus, in_progress: 3 },
    overdue: 1,
    escalated: 1,
    averageProgress: 230 / 4,
    acceptances: 7,
  };
  return { totals: boardNumbers(withOne), rows: new Map([...rows].map(([id, f]) => [id, boardNumbers(f)])) };
}

/** A row of the board as expected: the scope's figures, or zeros for a field or department the loop did not touch. */
export function expectedRow(expected: ReturnType<typeof expectedBoard>, id: string): BoardNumbers {
  return expected.rows.get(id) ?? boardNumbers({});
}
