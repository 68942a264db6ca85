import type { ContextModule } from './contextModule.ts';

/**
 * The contexts beyond the core (reference, tasks, board), in mount order. Each entry is a
 * module file under `modules/`.
 */
export const contextModules: readonly ContextModule[] = [];
