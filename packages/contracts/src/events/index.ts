import type { EventDefinition } from '../eventType.ts';
import { referenceEvents } from './reference.ts';
import { taskEvents } from './tasks.ts';

/**
 * Every published event version, across all contexts. Adding a definition here publishes
 * it: the schema snapshot test then guards it against incompatible change.
 */
export const allEventDefinitions: readonly EventDefinition[] = [
  ...Object.values(referenceEvents),
  ...Object.values(taskEvents),
];
