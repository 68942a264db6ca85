export { Env, TARGETS, loadConfig, modeOf } from './config.ts';
export type { Config, Target } from './config.ts';
export { startBackbone } from './composition/startBackbone.ts';
export type { RunningBackbone } from './composition/startBackbone.ts';
export { systemRuntime } from './composition/contexts.ts';
export type { Runtime } from './composition/contexts.ts';
