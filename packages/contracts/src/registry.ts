import { BackboneError } from './errors.ts';
import type { DomainEvent, EventDefinition } from './eventType.ts';
import { parseEventType } from './envelope.ts';
import type { Context, Envelope } from './envelope.ts';

/**
 * Turns an old event version's data into the next version's, so readers only ever see the
 * newest type of an event. Registered when a breaking change introduces `…vN+1`.
 */
export interface Upcaster {
  readonly fromType: string;
  readonly toType: string;
  readonly upcast: (data: unknown) => unknown;
}

export interface EventRegistry {
  readonly definitions: readonly EventDefinition[];
  byType(type: string): EventDefinition | undefined;
  /**
   * Upcasts an envelope to the newest version of its event and validates its data.
   * Throws `BackboneError('invalid_input')` for an unknown type or data that does not match.
   */
  read(envelope: Envelope): Envelope;
}

/** A registry over the given definitions; type names must be unique. */
export function createEventRegistry(
  definitions: readonly EventDefinition[],
  upcasters: readonly Upcaster[] = [],
): EventRegistry {
  const byType = new Map<string, EventDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`event type ${definition.type} is defined twice`);
    byType.set(definition.type, definition);
  }
  const upcasterFrom = new Map(upcasters.map((u) => [u.fromType, u]));

  return {
    definitions,
    byType: (type) => byType.get(type),
    read(envelope) {
      let current = envelope;
      for (let step = upcasterFrom.get(current.type); step; step = upcasterFrom.get(current.type)) {
        current = { ...current, type: step.toType, data: step.upcast(current.data) };
      }
      const definition = byType.get(current.type);
      if (!definition) {
        throw new BackboneError('invalid_input', `unknown event type ${current.type}`, { rule: 'unknown-event-type' });
      }
      const parsed = definition.schema.safeParse(current.data);
      if (!parsed.success) {
        throw new BackboneError('invalid_input', `event ${current.id} of type ${current.type} has invalid data`, {
          rule: 'event-data-matches-schema',
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      return { ...current, data: parsed.data };
    },
  };
}

/**
 * The domain event an envelope of `context` carries, read through the registry (upcast to the
 * newest version, data validated), when its name is one of `events`; undefined for other
 * contexts' events and for types this build does not know (a newer producer's event is
 * skipped, not dead-lettered). Data that breaks its schema throws `invalid_input`, so a
 * projection's bus retries and dead-letters it.
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
