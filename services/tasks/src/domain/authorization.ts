import { forbidden } from '@backbone/contracts';
import { SYSTEM_ACTOR } from './commands.ts';
import type { TaskCommandType } from './commands.ts';
import type { TaskState } from './state.ts';

/**
 * A department's relation to one task. `unrelated` means none of the others; `system` is
 * the deadline scheduler. A department can hold two roles (the coordinating department may
 * also lead a task).
 */
export type TaskRole = 'coordinating' | 'lead' | 'supporting' | 'unrelated' | 'system';

export interface TaskPermission {
  /** The roles that may issue the command; every other role is refused. */
  readonly roles: readonly TaskRole[];
  /** The rule named in the 403 when the actor holds none of them. */
  readonly rule: string;
}

/** Who may do what with a task: the one table. A command missing from it is refused. */
export const taskAuthorization: { readonly [K in TaskCommandType]: TaskPermission } = {
  createTask: { roles: ['coordinating'], rule: 'only-coordinating-creates-tasks' },
  assignTask: { roles: ['coordinating'], rule: 'only-coordinating-assigns-tasks' },
  acceptTask: { roles: ['lead', 'supporting'], rule: 'only-assignee-accepts' },
  declineTask: { roles: ['lead', 'supporting'], rule: 'only-assignee-declines' },
  reportProgress: { roles: ['lead', 'supporting'], rule: 'only-assignee-reports-progress' },
  blockTask: { roles: ['lead', 'supporting'], rule: 'only-assignee-blocks' },
  unblockTask: { roles: ['coordinating', 'lead', 'supporting'], rule: 'only-assignee-or-coordinating-unblocks' },
  completeTask: { roles: ['lead'], rule: 'only-lead-completes' },
  verifyTask: { roles: ['coordinating'], rule: 'only-coordinating-verifies' },
  cancelTask: { roles: ['coordinating'], rule: 'only-coordinating-cancels' },
  changeDueDate: { roles: ['coordinating'], rule: 'only-coordinating-changes-due-date' },
  markOverdue: { roles: ['system'], rule: 'only-system-marks-overdue' },
  escalate: { roles: ['system'], rule: 'only-system-escalates' },
};

/** The roles a department (or `system`) holds towards a task; a declined department is no assignee. */
export function taskRolesOf(state: TaskState, department: string, coordinating: string): TaskRole[] {
  if (department === SYSTEM_ACTOR) return ['system'];
  const roles: TaskRole[] = [];
  if (department === coordinating) roles.push('coordinating');
  if (state.status !== 'none') {
    if (state.lead === department) roles.push('lead');
    if (state.supporting.includes(department)) roles.push('supporting');
  }
  return roles.length > 0 ? roles : ['unrelated'];
}

/** Whether any of the roles may issue the command; unknown commands are denied. */
export function isTaskCommandAllowed(commandType: string, roles: readonly TaskRole[]): boolean {
  if (!Object.hasOwn(taskAuthorization, commandType)) return false;
  const permission = taskAuthorization[commandType as TaskCommandType];
  return roles.some((role) => permission.roles.includes(role));
}

/** Throws `forbidden` (403) with the command's rule unless one of the roles may issue it. */
export function authorizeTaskCommand(commandType: string, roles: readonly TaskRole[]): void {
  if (isTaskCommandAllowed(commandType, roles)) return;
  const rule = Object.hasOwn(taskAuthorization, commandType)
    ? taskAuthorization[commandType as TaskCommandType].rule
    : 'unknown-command';
  throw forbidden(rule, `a department with role ${roles.join('+')} may not ${commandType} this task`);
}
