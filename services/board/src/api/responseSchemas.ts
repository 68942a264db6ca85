import { z } from 'zod';
import { TASK_STATUSES } from '../projections/taskSummary.ts';

const Count = z.int().min(0);
const Ratio = z.number().nullable();

/** OpenAPI: whether the view caught up with the awaited task version. */
export const ConsistencyResponse = z.object({ caughtUp: z.boolean(), version: z.int().nullable() });

/** OpenAPI: one scope's board numbers. */
export const BoardNumbersResponse = z.object({
  tasks: Count,
  byStatus: z.object(Object.fromEntries(TASK_STATUSES.map((status) => [status, Count]))),
  overdue: Count,
  blocked: Count,
  escalated: Count,
  declined: Count,
  reopened: Count,
  completed: Count,
  completedOnTime: Count,
  averageProgress: Ratio.describe('mean progress (0–100) of the tasks not cancelled'),
  onTimeCompletionRate: Ratio.describe('completed on time / completed (0–1)'),
  meanAcceptanceSeconds: Ratio.describe('mean seconds from assignment to acceptance'),
  acceptances: Count,
});

/** OpenAPI: a field's or department's row. */
export const BoardRowResponse = BoardNumbersResponse.extend({
  id: z.string(),
  name: z.string(),
  consistency: ConsistencyResponse.optional(),
});

/** OpenAPI: the whole one board. */
export const PlanBoardResponse = z.object({
  totals: BoardNumbersResponse,
  fields: z.array(BoardRowResponse.omit({ consistency: true })).readonly(),
  departments: z.array(BoardRowResponse.omit({ consistency: true })).readonly(),
  /** The other contexts' figures (funds, talent, platforms), by section name. */
  sections: z.record(z.string(), z.unknown()).optional(),
  consistency: ConsistencyResponse.optional(),
});

/** OpenAPI: one page of a department's inbox. */
export const InboxPageResponse = z.object({
  department: z.string(),
  items: z
    .array(
      z.object({
        taskId: z.string(),
        title: z.string(),
        field: z.string(),
        role: z.enum(['lead', 'supporting']),
        accepted: z.boolean(),
        status: z.enum(TASK_STATUSES),
        progress: z.int().min(0).max(100),
        dueDate: z.string(),
        overdue: z.boolean(),
        escalated: z.boolean(),
        blocked: z
          .object({ by: z.string(), reason: z.string(), needsHelpFrom: z.string().optional(), since: z.string() })
          .nullable()
          .describe('who is blocking whom: `by` cannot go on, `needsHelpFrom` is asked to help'),
        lead: z.string().nullable(),
        supporting: z.array(z.string()).readonly(),
        declinedBy: z.array(z.string()).readonly(),
        version: z.int(),
      }),
    )
    .readonly(),
  total: Count,
  limit: z.int(),
  nextCursor: z.string().nullable(),
  consistency: ConsistencyResponse.optional(),
});
