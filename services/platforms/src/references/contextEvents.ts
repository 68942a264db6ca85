import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import type { EventRegistry } from '@backbone/contracts';

/** The default registry of the platforms projections: every published event definition. */
export const defaultRegistry: EventRegistry = createEventRegistry(allEventDefinitions);
