import { allEventDefinitions, createEventRegistry, referenceEvents, taskEvents, timeOrderedUuid } from '@backbone/contracts';
import type { EventRegistry } from '@backbone/contracts';
import { createCommandHandler } from '@backbone/eventsourcing';
import type { CommandHandler, EventStore, IdempotencyStore } from '@backbone/eventsourcing';
import type { Registry } from 'prom-client';
import { directoryDecider } from '@backbone/service-reference';
import type { DirectoryCommand, DirectoryState } from '@backbone/service-reference';
import { taskDecider } from '@backbone/service-tasks';
import type { TaskCommand, TaskState } from '@backbone/service-tasks';

/** Injected sources of time and identity; tests and the demo pass their own. */
export interface Runtime {
  readonly clock: () => Date;
  readonly newId: () => string;
}

/** Ids are time-ordered (UUID version 7), so the stores' indexes keyed by them grow at one end. */
export const systemRuntime: Runtime = { clock: () => new Date(), newId: () => timeOrderedUuid() };

/** The write side of every context: one command handler per aggregate type. */
export interface CommandHandlers {
  readonly registry: EventRegistry;
  readonly tasks: CommandHandler<TaskCommand, TaskState>;
  readonly reference: CommandHandler<DirectoryCommand, DirectoryState>;
}

/** Wires each context's decider to the store; aggregate ids are their stream names. */
export function createCommandHandlers(
  store: EventStore,
  idempotency: IdempotencyStore,
  runtime: Runtime,
  metrics?: Registry,
): CommandHandlers {
  const registry = createEventRegistry(allEventDefinitions);
  const common = { store, registry, idempotency, clock: runtime.clock, newId: runtime.newId, streamName: (id: string) => id, metrics };
  return {
    registry,
    tasks: createCommandHandler({ ...common, context: 'tasks', decider: taskDecider, events: taskEvents }),
    reference: createCommandHandler({ ...common, context: 'reference', decider: directoryDecider, events: referenceEvents }),
  };
}
