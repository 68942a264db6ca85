import type { ContextModule } from './contextModule.ts';
import { inboxRouterModule } from './modules/inboxRouter.ts';
import { platformsModule } from './modules/platforms.ts';
import { resourcesModule } from './modules/resources.ts';
import { talentModule } from './modules/talent.ts';

/**
 * The contexts beyond the core (reference, tasks, board), in mount order. Each entry is a
 * module file under `modules/`.
 */
export const contextModules: readonly ContextModule[] = [resourcesModule, talentModule, platformsModule, inboxRouterModule];
