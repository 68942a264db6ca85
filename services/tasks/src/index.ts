export {
  TASK_COMMAND_TYPES,
  SYSTEM_ACTOR,
  createTaskDirectory,
  taskCommandBodies,
  taskDecider,
  taskAuthorization,
  taskRolesOf,
} from './domain/index.ts';
export type { TaskCommand, TaskCommandType, TaskDirectory, TaskState } from './domain/index.ts';
export { createTasksApi } from './api/tasksApi.ts';
export type { TasksApiOptions } from './api/tasksApi.ts';
export { TASK_DEADLINES, readOpenTaskDeadlines, taskDeadlinesProjection } from './projections/index.ts';
export { startDeadlineWatcher } from './processes/index.ts';
export type { DeadlineWatcher, DeadlineWatcherOptions } from './processes/index.ts';
