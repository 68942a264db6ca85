import { createBoardApi, departmentInboxProjection, oneBoardProjection, registerBoardGauges } from '@backbone/service-board';
import { createReferenceApi, parseReferenceConfig, referenceDirectoryProjection, seedDirectoryIfEmpty } from '@backbone/service-reference';
import { createTasksApi, startDeadlineWatcher, taskDeadlinesProjection, TASK_DEADLINES } from '@backbone/service-tasks';
import type { ServiceApp } from '@backbone/service-kit';
import type { Projection } from '@backbone/views';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config, Target } from '../config.ts';
import type { CommandHandlers, Runtime } from './contexts.ts';
import type { DirectorySource } from './directorySource.ts';
import type { Infrastructure } from './infrastructure.ts';

/** Every projection the backbone keeps; the `projections` target runs them all. */
export function allProjections(): Projection[] {
  return [referenceDirectoryProjection(), taskDeadlinesProjection(), departmentInboxProjection(), oneBoardProjection()];
}

interface MountDeps {
  readonly service: ServiceApp;
  readonly targets: ReadonlySet<Target>;
  readonly handlers: CommandHandlers;
  readonly infra: Infrastructure;
  readonly directory: DirectorySource;
  readonly runtime: Runtime;
  readonly metrics: Registry;
  readonly referenceConfig: unknown;
  readonly logger: Logger;
}

/** Mounts the HTTP API of each context this process runs. */
export async function mountApis(deps: MountDeps): Promise<void> {
  const { service, targets, handlers, infra, directory, runtime } = deps;
  if (targets.has('reference')) {
    await seedDirectoryIfEmpty({ handler: handlers.reference, config: parseReferenceConfig(deps.referenceConfig) });
    service.mount('/api/reference', createReferenceApi({ handler: handlers.reference, clock: runtime.clock }));
  }
  if (targets.has('tasks')) {
    service.mount(
      '/api/tasks',
      createTasksApi({ handler: handlers.tasks, directory: directory.forTasks, clock: runtime.clock, newTaskId: () => `task-${runtime.newId()}` }),
    );
  }
  if (targets.has('board')) {
    const board = createBoardApi({ views: infra.views, directory: directory.require });
    for (const api of board) service.mount('/api', api);
    registerBoardGauges({ registry: deps.metrics, views: infra.views, directory: directory.require });
  }
}

/** Runs the process managers: the deadline watcher (overdue, then escalation). */
export async function startProcesses(deps: {
  config: Config;
  handlers: CommandHandlers;
  infra: Infrastructure;
  directory: DirectorySource;
  runtime: Runtime;
  logger: Logger;
}): Promise<() => Promise<void>> {
  const watcher = startDeadlineWatcher({
    handler: deps.handlers.tasks,
    deadlines: deps.infra.views.reader(TASK_DEADLINES),
    directory: deps.directory.forTasks,
    clock: deps.runtime.clock,
    graceHours: deps.config.OVERDUE_GRACE_HOURS,
    intervalMs: deps.config.DEADLINE_SCAN_MS,
    logger: deps.logger,
  });
  return () => watcher.stop();
}
