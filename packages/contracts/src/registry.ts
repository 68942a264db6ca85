import { BackboneError } from './errors.ts';
import type { EventDefinition } from './eventType.ts';
import type { Envelope } from './envelope.ts';

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
