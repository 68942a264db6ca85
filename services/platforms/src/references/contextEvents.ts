import { BackboneError, allEventDefinitions, createEventRegistry, parseEventType } from '@backbone/contracts';
import type { Context, DomainEvent, Envelope, EventRegistry } from '@backbone/contracts';

/** The default registry of the platforms projections: every published event definition. */
export const defaultRegistry: EventRegistry = createEventRegistry(allEventDefinitions);

/**
 * The event an envelope of `context` carries, read through the registry (upcast to the newest
 * version, data validated), when its name is one of `events`; undefined for other contexts'
 * events and for event types this build does not know. Data that breaks its schema throws
 * `invalid_input`, so the bus retries and dead-letters it.
 */
export function readContextEvent<TEvent extends DomainEvent>(
  registry: EventRegistry,
  envelope: Envelope,
  context: Context,
  events: Readonly<Record<TEvent['type'], unknown>>,
): TEvent | undefined {
  if (parseEventType(envelope.type)?.context !== context) return undefined;
  let current: Envelope;
  try {
    current = registry.read(envelope);
  } catch (error) {
    if (error instanceof BackboneError && error.rule === 'unknown-event-type') return undefined;
    throw error;
  }
  const name = registry.byType(current.type)?.name;
  if (name === undefined || !Object.hasOwn(events, name)) return undefined;
  // Sound: the registry checked the data against the schema of this event name.
  return { type: name, data: current.data } as TEvent;
}
