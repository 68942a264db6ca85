export { departmentInboxProjection, DEPARTMENT_INBOX, INBOX_TASKS, inboxSet } from './projections/departmentInboxProjection.ts';
export { oneBoardProjection, ONE_BOARD, BOARD_TASKS } from './projections/oneBoardProjection.ts';
export { boardCounter, BOARD_METRICS, departmentScope, fieldScope } from './projections/boardCounters.ts';
export type { BoardMetric, BoardScope } from './projections/boardCounters.ts';
export { foldTaskEvent, assigneesOf, isOpen, isDone, roleOf, TASK_STATUSES } from './projections/taskSummary.ts';
export type { TaskBlock, TaskStatus, TaskSummary } from './projections/taskSummary.ts';
export { readTaskEvent } from './projections/taskEvents.ts';
export type { ReadTaskEvent, TaskEventMeta, TaskProjectionOptions } from './projections/taskEvents.ts';

export { boardNumbersFrom, departmentBoard, fieldBoard, planBoard, scopeBoard } from './queries/boardQueries.ts';
export type { BoardNumbers, BoardRow, PlanBoard } from './queries/boardQueries.ts';
export { departmentInbox } from './queries/inboxQuery.ts';
export type { InboxItem, InboxPage, InboxQuery } from './queries/inboxQuery.ts';

export { coordinatingDepartment } from './directory/boardDirectory.ts';
export type { BoardDirectory, BoardDirectoryEntries, DirectoryDepartment, DirectoryField } from './directory/boardDirectory.ts';

export { createBoardApi } from './api/boardApi.ts';
export type { BoardApi, BoardApiOptions, BoardSection } from './api/boardApi.ts';
export { ownOrCoordinatingInbox } from './api/inboxRoutes.ts';
export type { AuthorizeInbox, InboxAccess } from './api/inboxRoutes.ts';
export type { Consistency } from './api/readYourWrites.ts';

export { registerBoardGauges } from './metrics/boardGauges.ts';
export type { BoardGaugesOptions } from './metrics/boardGauges.ts';
