import { BackboneError, allEventDefinitions, createEventRegistry, parseEventType, talentEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, TalentEvent } from '@backbone/contracts';

const defaultRegistry = createEventRegistry(allEventDefinitions);

/**
 * The talent event an envelope carries, read through the registry (upcast, data validated);
 * undefined for another context's event or a type this build does not know (a newer
 * producer's event is skipped, not dead-lettered). Bad data throws, so the bus dead-letters it.
 */
export function readTalentEvent(envelope: Envelope, registry: EventRegistry = defaultRegistry): TalentEvent | undefined {
  if (parseEventType(envelope.type)?.context !== 'talent') return undefined;
  let current: Envelope;
  try {
    current = registry.read(envelope);
  } catch (error) {
    if (error instanceof BackboneError && error.rule === 'unknown-event-type') return undefined;
    throw error;
  }
  const name = registry.byType(current.type)?.name;
  if (name === undefined || !Object.hasOwn(talentEvents, name)) return undefined;
  // The registry checked the data against the schema of this event name.
  return { type: name, data: current.data } as TalentEvent;
}
