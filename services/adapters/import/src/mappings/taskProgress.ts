import { z } from 'zod';
import type { ImportMapping } from './importMapping.ts';

/** A progress report of a task the department leads or supports (and accepted). */
export const TaskProgressRow = z.strictObject({
  taskId: z.string().trim().min(1).max(200),
  percent: z.coerce.number().int().min(0).max(100),
  note: z.string().trim().min(1).max(2000).optional(),
  decreaseReason: z.string().trim().min(1).max(2000).optional(),
});
export type TaskProgressRow = z.infer<typeof TaskProgressRow>;

/** `taskId,percent,note,decreaseReason` rows → `POST /api/tasks/{taskId}/progress`. */
export const taskProgressMapping: ImportMapping<TaskProgressRow> = {
  name: 'task-progress',
  columns: { allowed: ['taskId', 'percent', 'note', 'decreaseReason'], required: ['taskId', 'percent'] },
  schema: TaskProgressRow,
  send: (client, row, idempotencyKey) => {
    const { taskId, ...body } = row;
    return client.progress(taskId, body, { idempotencyKey });
  },
};
