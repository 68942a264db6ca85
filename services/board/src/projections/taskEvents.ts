import { BackboneError, createEventRegistry, parseEventType, taskEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, TaskEvent, TaskEventName } from '@backbone/contracts';

/** Where and when a task event happened: what a fold needs beside the event itself. */
export interface TaskEventMeta {
  /** The task id (the envelope's `subject`). */
  readonly taskId: string;
  /** The event's place in the task's stream. */
  readonly version: number;
  readonly time: string;
}

/** A task event read from its envelope: typed, its data checked against the contract's schema. */
export interface ReadTaskEvent {
  readonly event: TaskEvent;
  readonly meta: TaskEventMeta;
}

/** Options of the task projections. */
export interface TaskProjectionOptions {
  /** Reads (upcasts and validates) task events; default: the contracts' task event definitions. */
  readonly registry?: EventRegistry;
}

const taskDefinitions = Object.values(taskEvents);
const defaultRegistry = createEventRegistry(taskDefinitions);
const isTaskEventName = (name: string): name is TaskEventName => Object.hasOwn(taskEvents, name);

/**
 * Reads a task event through the contracts' registry: upcast to the newest version, data
 * validated. Returns undefined for other contexts' events; throws `BackboneError('invalid_input')`
 * for an unknown task event type or data that breaks its schema (the bus then dead-letters it).
 */
export function readTaskEvent(envelope: Envelope, registry: EventRegistry = defaultRegistry): ReadTaskEvent | undefined {
  if (parseEventType(envelope.type)?.context !== 'tasks') return undefined;
  const read = registry.read(envelope);
  const name = parseEventType(read.type)?.name ?? '';
  if (!isTaskEventName(name) || registry.byType(read.type) !== taskEvents[name]) {
    throw registryMismatch(read.type);
  }
  // Sound: the registry validated `read.data` with exactly the definition `taskEvents[name]`.
  const event = { type: name, data: read.data } as TaskEvent;
  return { event, meta: { taskId: envelope.subject, version: envelope.streamversion, time: envelope.time } };
}

function registryMismatch(type: string): BackboneError {
  return new BackboneError('internal', `event type ${type} is not the current version of a task event in the contracts`, {
    rule: 'task-event-is-current-version',
  });
}
