export { TASK_DEADLINES, readOpenTaskDeadlines, taskDeadlinesProjection } from './taskDeadlinesProjection.ts';
export type { TaskDeadline, TaskDeadlinesProjectionOptions } from './taskDeadlinesProjection.ts';
