export {
  AcceptTaskBody,
  AssignTaskBody,
  BlockTaskBody,
  CancelTaskBody,
  ChangeDueDateBody,
  CompleteTaskBody,
  CreateTaskBody,
  DeclineTaskBody,
  EscalateData,
  MarkOverdueData,
  ReportProgressBody,
  SYSTEM_ACTOR,
  TASK_COMMAND_TYPES,
  UnblockTaskBody,
  VerifyTaskBody,
  createTaskDirectory,
  taskCommandBodies,
} from './commands.ts';
export type { TaskCommand, TaskCommandOf, TaskCommandType, TaskDirectory } from './commands.ts';
export { authorizeTaskCommand, isTaskCommandAllowed, taskAuthorization, taskRolesOf } from './authorization.ts';
export type { TaskPermission, TaskRole } from './authorization.ts';
export { deadlineCommandFor, dueDeadline, nextDeadlineAt } from './deadlines.ts';
export type { DeadlineCommandOptions, DueDeadline } from './deadlines.ts';
export { evolveTask, hasAccepted, initialTaskState, isClosed, isOpen } from './state.ts';
export type { Task, TaskBlock, TaskState, TaskStatus } from './state.ts';
export { decideTask, taskDecider } from './taskDecider.ts';
