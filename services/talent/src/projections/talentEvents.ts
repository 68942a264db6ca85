import { allEventDefinitions, createEventRegistry, readContextEvent, talentEvents } from '@backbone/contracts';
import type { Envelope, EventRegistry, TalentEvent } from '@backbone/contracts';

const defaultRegistry = createEventRegistry(allEventDefinitions);

/**
 * The talent event an envelope carries (upcast, data validated); undefined for other
 * contexts' events and unknown types. Bad data throws, so the bus dead-letters it.
 */
export const readTalentEvent = (envelope: Envelope, registry: EventRegistry = defaultRegistry): TalentEvent | undefined =>
  readContextEvent<TalentEvent>(registry, envelope, 'talent', talentEvents);
