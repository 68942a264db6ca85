import { BackboneError } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import type { Decider } from '@backbone/eventsourcing';
import { decideAccept, decideAssign, decideCreate, decideDecline } from './assignment.ts';
import { authorizeTaskCommand, taskRolesOf } from './authorization.ts';
import { decideCancel, decideChangeDueDate, decideVerify } from './closure.ts';
import type { TaskCommand } from './commands.ts';
import { decideEscalate, decideMarkOverdue } from './deadlines.ts';
import { requireNotClosed } from './guards.ts';
import { evolveTask, initialTaskState } from './state.ts';
import type { Task, TaskState } from './state.ts';
import { decideBlock, decideComplete, decideProgress, decideUnblock } from './work.ts';

/**
 * Decides a task command: the task must exist (404, except for create), then the
 * authorization table is consulted (403), then the loop's rules (400 bad input, 409 state).
 */
export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  const roles = taskRolesOf(state, command.actor, command.directory.coordinating);
  if (command.type === 'createTask') {
    authorizeTaskCommand(command.type, roles);
    return decideCreate(command, state);
  }
  if (state.status === 'none') {
    throw new BackboneError('not_found', `task ${command.taskId} does not exist`, { rule: 'task-not-found' });
  }
  authorizeTaskCommand(command.type, roles);
  requireNotClosed(state);
  return decideExisting(command, state);
}

function decideExisting(command: Exclude<TaskCommand, { type: 'createTask' }>, task: Task): TaskEvent[] {
  switch (command.type) {
    case 'assignTask':
      return decideAssign(command, task);
    case 'acceptTask':
      return decideAccept(command, task);
    case 'declineTask':
      return decideDecline(command, task);
    case 'reportProgress':
      return decideProgress(command, task);
    case 'blockTask':
      return decideBlock(command, task);
    case 'unblockTask':
      return decideUnblock(command, task);
    case 'completeTask':
      return decideComplete(command, task);
    case 'verifyTask':
      return decideVerify(command, task);
    case 'cancelTask':
      return decideCancel(command, task);
    case 'changeDueDate':
      return decideChangeDueDate(command, task);
    case 'markOverdue':
      return decideMarkOverdue(command, task);
    case 'escalate':
      return decideEscalate(command, task);
  }
}

/** The decider of one task's closed loop. */
export const taskDecider: Decider<TaskCommand, TaskState, TaskEvent> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};
