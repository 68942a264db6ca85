import { createBoardApi, departmentInboxProjection, oneBoardProjection, registerBoardGauges } from '@backbone/service-board';
import { createReferenceApi, parseReferenceConfig, referenceDirectoryProjection, seedDirectoryIfEmpty } from '@backbone/service-reference';
import { createTasksApi, startDeadlineWatcher, taskDeadlinesProjection, TASK_DEADLINES } from '@backbone/service-tasks';
import type { ServiceApp } from '@backbone/service-kit';
import type { Projection } from '@backbone/views';
import type { Target } from '../config.ts';
import type { ModuleDeps } from './contextModule.ts';
import { contextModules } from './modules.ts';

/** Every projection the backbone keeps; the `projections` target runs them all. */
export function allProjections(): Projection[] {
  return [
    referenceDirectoryProjection(),
    taskDeadlinesProjection(),
    departmentInboxProjection(),
    oneBoardProjection(),
    ...contextModules.flatMap((m) => m.projections()),
  ];
}

interface MountDeps extends ModuleDeps {
  readonly service: ServiceApp;
  readonly targets: ReadonlySet<Target>;
  readonly referenceConfig: unknown;
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
  for (const { api } of contextModules) {
    if (api && targets.has(api.target)) service.mount(api.prefix, await api.router(deps));
  }
  if (targets.has('board')) {
    const sections = contextModules.flatMap((m) => (m.board ? [m.board(deps)] : []));
    const board = createBoardApi({ views: infra.views, directory: directory.require, sections });
    for (const api of board) service.mount('/api', api);
    registerBoardGauges({ registry: deps.metrics, views: infra.views, directory: directory.require });
  }
}

/** Runs the process managers of this process's targets: the deadline watcher and each context's. */
export async function startProcesses(deps: ModuleDeps, targets: ReadonlySet<Target>): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  for (const module of contextModules) {
    if (module.processes && targets.has(module.processTarget ?? 'processes')) stops.push(await module.processes(deps));
  }
  if (targets.has('processes')) {
    const watcher = startDeadlineWatcher({
      handler: deps.handlers.tasks,
      deadlines: deps.infra.views.reader(TASK_DEADLINES),
      directory: deps.directory.forTasks,
      clock: deps.runtime.clock,
      graceHours: deps.config.OVERDUE_GRACE_HOURS,
      intervalMs: deps.config.DEADLINE_SCAN_MS,
      logger: deps.logger,
    });
    stops.push(() => watcher.stop());
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
