import type { EventDefinition } from '../eventType.ts';
import { platformEvents } from './platforms.ts';
import { referenceEvents } from './reference.ts';
import { resourceEvents } from './resources.ts';
import { taskEvents } from './tasks.ts';
import { talentEvents } from './talent.ts';

/**
 * Every published event version, across all contexts. Adding a definition here publishes
 * it: the schema snapshot test then guards it against incompatible change.
 */
export const allEventDefinitions: readonly EventDefinition[] = [
  ...Object.values(referenceEvents),
  ...Object.values(taskEvents),
  ...Object.values(resourceEvents),
  ...Object.values(talentEvents),
  ...Object.values(platformEvents),
];
