import type { Registry } from 'prom-client';
import { BackboneError, allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import type { EventStore, IdempotencyStore } from '@backbone/eventsourcing';
import { recordToEnvelope } from '@backbone/messaging';
import {
  RESOURCES_BOARD,
  createResourceCommands,
  createResourceHandlers,
  createResourceReads,
  createResourcesApi,
  createResourcesDirectory,
  fundsBoard,
  registerFundsGauges,
  resourcesBoardProjection,
  runResourcesDemo,
  startGrantDelivery,
} from '@backbone/service-resources';
import type { DeliveryCause, DeliveryTaskCommands, ResourcesDirectory } from '@backbone/service-resources';
import type { TaskCommand } from '@backbone/service-tasks';
import type { ContextModule, ModuleDeps } from '../contextModule.ts';
import type { Runtime } from '../contexts.ts';
import type { DirectoryLists } from '../directorySource.ts';

const toResourcesDirectory = (d: DirectoryLists): ResourcesDirectory =>
  createResourcesDirectory({ coordinating: d.coordinating, departments: d.departments.map((x) => x.id), fields: d.fields.map((x) => x.id) });

/** The resources context's commands over the given store, idempotency keys and clock. */
function resourceCommandsOver(
  store: EventStore,
  idempotency: IdempotencyStore,
  runtime: Runtime,
  directory: () => Promise<ResourcesDirectory>,
  metrics?: Registry,
) {
  const registry = createEventRegistry(allEventDefinitions);
  const handlers = createResourceHandlers({ store, idempotency, registry, metrics, clock: runtime.clock, newId: runtime.newId });
  return { handlers, commands: createResourceCommands({ handlers, directory, clock: runtime.clock, newId: runtime.newId }) };
}

// A command the grant-delivery process already settled: the task exists (create), or it is past
// its creation (assign). The expected versions make a redelivery, or two consumers racing, land here.
const ALREADY_SETTLED = new Set(['stale-expected-version', 'task-already-exists', 'task-already-assigned']);

/** The tasks context as the grant-delivery process manager drives it: as the coordinating department. */
export function deliveryTasksOver(deps: ModuleDeps): DeliveryTaskCommands {
  async function send(command: Omit<TaskCommand, 'actor' | 'now' | 'directory'>, expectedVersion: number, cause: DeliveryCause) {
    const directory = await deps.directory.forTasks();
    const actor = directory.coordinating;
    const full = { ...command, actor, now: deps.runtime.clock(), directory } as TaskCommand;
    try {
      await deps.handlers.tasks.handle({ aggregateId: command.taskId, command: full, actor, expectedVersion, ...cause });
      return 'done' as const;
    } catch (error) {
      if (error instanceof BackboneError && error.rule !== undefined && ALREADY_SETTLED.has(error.rule)) return 'already' as const;
      throw error;
    }
  }
  return {
    // Expected version 0: only a task that does not exist yet is created.
    createTask: (taskId, data, cause) => send({ type: 'createTask', taskId, data: { ...data } }, 0, cause),
    // Expected version 1: only a task that holds just its creation is assigned, so a redelivery never reassigns it.
    assignTask: (taskId, data, cause) => send({ type: 'assignTask', taskId, data: { lead: data.lead, supporting: [...data.supporting] } }, 1, cause),
  };
}

/** Task 2 and Action 3: fund pools, the incubation venture, grants and support policies. */
export const resourcesModule: ContextModule = {
  api: {
    target: 'resources',
    prefix: '/api/resources',
    router(deps) {
      const directory = async () => toResourcesDirectory(await deps.directory.require());
      const { handlers, commands } = resourceCommandsOver(deps.infra.store, deps.infra.idempotency, deps.runtime, directory, deps.metrics);
      const reads = createResourceReads({ handlers, directory, board: deps.infra.views.reader(RESOURCES_BOARD) });
      return createResourcesApi({ commands, reads });
    },
  },
  projections: () => [resourcesBoardProjection()],
  async processes(deps) {
    const delivery = await startGrantDelivery({
      bus: deps.infra.bus,
      decode: recordToEnvelope,
      tasks: deliveryTasksOver(deps),
      clock: deps.runtime.clock,
      logger: deps.logger,
    });
    return () => delivery.stop();
  },
  board(deps) {
    const fields = async () => (await deps.directory.require()).fields;
    registerFundsGauges({ registry: deps.metrics, views: deps.infra.views, fields });
    const reader = deps.infra.views.reader(RESOURCES_BOARD);
    return { name: 'funds', read: async () => fundsBoard(reader, await fields()) };
  },
  async demo(demo) {
    const directory = createResourcesDirectory({ coordinating: demo.coordinating, departments: demo.departments, fields: demo.fields });
    const { commands } = resourceCommandsOver(demo.infra.store, demo.infra.idempotency, demo.runtime, async () => directory);
    return runResourcesDemo({ ...demo, commands });
  },
};
