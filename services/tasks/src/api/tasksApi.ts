import { z } from 'zod';
import { BackboneError, forbidden } from '@backbone/contracts';
import type { CommandHandler } from '@backbone/eventsourcing';
import { createApiRouter, defineCommand, defineQuery, expectedVersionOf, idempotencyOf } from '@backbone/service-kit';
import type { ApiRouter, CommandInput } from '@backbone/service-kit';
import { taskCommandBodies, taskRolesOf } from '../domain/index.ts';
import type { TaskCommand, TaskCommandType, TaskDirectory, TaskState } from '../domain/index.ts';

export interface TasksApiOptions {
  readonly handler: CommandHandler<TaskCommand, TaskState>;
  /** The reference directory as the tasks context knows it (from the reference events). */
  readonly directory: () => Promise<TaskDirectory>;
  readonly clock: () => Date;
  /** Makes the id of a new task. */
  readonly newTaskId: () => string;
}

const TaskParams = z.strictObject({ id: z.string().min(1).max(200) });

/** Task ids are `task-…`; any other stream (a pool, a person) is not a task, whatever it holds. */
function requireTaskId(id: string): string {
  if (!id.startsWith('task-')) throw new BackboneError('not_found', `task ${id} does not exist`, { rule: 'task-not-found' });
  return id;
}

/** The tasks context's HTTP API: the commands of the closed loop and each task's state and history. */
export function createTasksApi(options: TasksApiOptions): ApiRouter {
  const { handler } = options;

  async function run<T extends TaskCommandType>(
    type: T,
    taskId: string,
    input: CommandInput<unknown, unknown, unknown>,
  ) {
    const command = {
      type,
      taskId,
      actor: input.department,
      now: options.clock(),
      directory: await options.directory(),
      data: input.body,
    } as TaskCommand;
    return handler.handle({
      aggregateId: taskId,
      command,
      actor: input.department,
      correlationId: input.correlationId,
      expectedVersion: expectedVersionOf(input),
      idempotency: idempotencyOf(input),
    });
  }

  const onTask = (type: Exclude<TaskCommandType, 'createTask' | 'markOverdue' | 'escalate'>, path: string, summary: string, method: 'POST' | 'PATCH' = 'POST') =>
    defineCommand({
      method,
      path,
      summary,
      params: TaskParams,
      body: taskCommandBodies[type],
      success: 200,
      handle: (input) => run(type, requireTaskId(input.params.id), input),
    });

  async function readable(id: string, department: string) {
    const loaded = await handler.load(requireTaskId(id));
    if (loaded.version === 0) throw new BackboneError('not_found', `task ${id} does not exist`);
    const directory = await options.directory();
    const roles = taskRolesOf(loaded.state, department, directory.coordinating);
    if (roles.includes('unrelated')) {
      throw forbidden('task-readable-by-coordinating-and-assignees', `task ${id} is not assigned to ${department}`);
    }
    return loaded;
  }

  return createApiRouter({
    name: 'tasks',
    routes: [
      defineCommand({
        method: 'POST',
        path: '/',
        summary: 'Create a key task (coordinating department)',
        body: taskCommandBodies.createTask,
        success: 201,
        handle: (input) => run('createTask', options.newTaskId(), input),
      }),
      onTask('assignTask', '/:id/assignments', 'Assign a lead and supporting departments'),
      onTask('acceptTask', '/:id/accept', 'Accept the task (an assignee)'),
      onTask('declineTask', '/:id/decline', 'Decline the task, citing the rule that puts it outside the remit'),
      onTask('reportProgress', '/:id/progress', 'Report progress 0–100 (an assignee that accepted)'),
      onTask('blockTask', '/:id/block', 'Report the task blocked, optionally naming whose help is needed'),
      onTask('unblockTask', '/:id/unblock', 'Lift a block'),
      onTask('completeTask', '/:id/complete', 'Report the task done (the lead)'),
      onTask('verifyTask', '/:id/verify', 'Accept with a rating, or reopen with a reason (coordinating)'),
      onTask('cancelTask', '/:id/cancel', 'Cancel the task (coordinating)'),
      onTask('changeDueDate', '/:id', 'Change the due date (coordinating)', 'PATCH'),
      defineQuery({
        path: '/:id',
        summary: "A task's current state and version",
        params: TaskParams,
        handle: async ({ params, department }) => {
          const loaded = await readable(params.id, department);
          return { id: params.id, version: loaded.version, state: loaded.state };
        },
      }),
      defineQuery({
        path: '/:id/history',
        summary: "A task's events (CloudEvents envelopes), in order",
        params: TaskParams,
        handle: async ({ params, department }) => {
          const loaded = await readable(params.id, department);
          return { id: params.id, version: loaded.version, events: loaded.events.map((e) => e.envelope) };
        },
      }),
    ],
  });
}
