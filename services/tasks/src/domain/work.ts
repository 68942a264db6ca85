import { ruleViolation } from '@backbone/contracts';
import type { TaskEvent } from '@backbone/contracts';
import type { TaskCommandOf } from './commands.ts';
import {
  definedOnly,
  invalidInput,
  parseInstant,
  requireAccepted,
  requireKnownDepartment,
  requireNotCompleted,
  requireText,
} from './guards.ts';
import type { Task } from './state.ts';

/** progress: 0–100 by an assignee that accepted; a decrease must say why. */
export function decideProgress(command: TaskCommandOf<'reportProgress'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  requireAccepted(task, command.actor);
  const { percent, note, decreaseReason } = command.data;
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw invalidInput('progress-out-of-range', `progress must be a whole number from 0 to 100, got ${percent}`);
  }
  if (percent < task.progress && (decreaseReason?.trim() ?? '') === '') {
    throw ruleViolation(
      'progress-never-backwards-without-reason',
      `progress may drop from ${task.progress} to ${percent} only with a decreaseReason`,
    );
  }
  return [{ type: 'TaskProgressReported', data: definedOnly({ department: command.actor, percent, note, decreaseReason }) }];
}

/** block: an assignee that accepted cannot go on, maybe naming who must help (not itself). */
export function decideBlock(command: TaskCommandOf<'blockTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  requireAccepted(task, command.actor);
  const reason = requireText(command.data.reason, 'reason');
  const { needsHelpFrom } = command.data;
  if (needsHelpFrom !== undefined) {
    requireKnownDepartment(command.directory, needsHelpFrom);
    if (needsHelpFrom === command.actor) {
      throw invalidInput('cannot-need-own-help', 'a department cannot name itself as the one whose help it needs');
    }
  }
  if (task.block) {
    throw ruleViolation('task-already-blocked', `task ${task.taskId} is already blocked by ${task.block.by}`);
  }
  return [{ type: 'TaskBlocked', data: definedOnly({ department: command.actor, reason, needsHelpFrom }) }];
}

/** unblock: lifts the block; by an accepted assignee or the coordinating department. */
export function decideUnblock(command: TaskCommandOf<'unblockTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  if (command.actor !== command.directory.coordinating) requireAccepted(task, command.actor);
  if (!task.block) throw ruleViolation('task-not-blocked', `task ${task.taskId} is not blocked`);
  return [{ type: 'TaskUnblocked', data: definedOnly({ department: command.actor, note: command.data.note }) }];
}

/** complete: only the lead, after accepting, while not blocked; records whether it was on time. */
export function decideComplete(command: TaskCommandOf<'completeTask'>, task: Task): TaskEvent[] {
  requireNotCompleted(task);
  requireAccepted(task, command.actor);
  const summary = requireText(command.data.summary, 'summary');
  if (task.block) {
    throw ruleViolation('cannot-complete-while-blocked', `task ${task.taskId} is blocked by ${task.block.by}`);
  }
  const onTime = command.now.getTime() <= parseInstant(task.dueDate, 'dueDate');
  return [
    {
      type: 'TaskCompleted',
      data: { department: command.actor, summary, completedAt: command.now.toISOString(), onTime },
    },
  ];
}
