import type { BoardSection } from '@backbone/service-board';
import type { ApiRouter } from '@backbone/service-kit';
import type { Projection } from '@backbone/views';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config, Target } from '../config.ts';
import type { Random } from '../demo/random.ts';
import type { CommandHandlers, Runtime } from './contexts.ts';
import type { DirectorySource } from './directorySource.ts';
import type { Infrastructure } from './infrastructure.ts';

/** What a context module gets from the composition root. */
export interface ModuleDeps {
  readonly config: Config;
  readonly infra: Infrastructure;
  readonly runtime: Runtime;
  readonly directory: DirectorySource;
  /** The core handlers (reference, tasks) — e.g. for process managers that create tasks. */
  readonly handlers: CommandHandlers;
  readonly metrics: Registry;
  readonly logger: Logger;
}

/**
 * How a context plugs into the one binary. The composition root runs each part only when
 * the process's TARGETS ask for it: the API under the context's own target, projections
 * under `projections`, process managers under `processes`, board figures under `board`.
 * Adding a context = one module file + one line in `modules.ts`.
 */
export interface ContextModule {
  /** The context's HTTP API, mounted at `prefix` when the process runs `target` (e.g. `resources`). */
  readonly api?: {
    readonly target: Target;
    readonly prefix: string;
    readonly router: (deps: ModuleDeps) => ApiRouter | Promise<ApiRouter>;
  };
  readonly projections: () => readonly Projection[];
  /** Starts the context's process managers; returns how to stop them. */
  readonly processes?: (deps: ModuleDeps) => Promise<() => Promise<void>>;
  /** The target that runs `processes` (default `processes`), e.g. a process with its own Kafka principal. */
  readonly processTarget?: Target;
  /** Registers the context's board gauges and returns its section of `GET /api/board`. */
  readonly board?: (deps: ModuleDeps) => BoardSection;
  /** Adds this context's share of `pnpm backbone demo`'s quarter, on the demo's moving clock. */
  readonly demo?: (demo: DemoContext) => Promise<string>;
}

/** What a module's demo gets: the store, a clock the demo moves, the directory and a seeded PRNG. */
export interface DemoContext {
  readonly infra: Infrastructure;
  /** `clock()` reads the demo's current instant; `advanceTo` moves it forward. */
  readonly runtime: Runtime;
  readonly advanceTo: (instant: number) => void;
  readonly start: number;
  readonly end: number;
  readonly coordinating: string;
  readonly departments: readonly string[];
  readonly fields: readonly string[];
  readonly handlers: CommandHandlers;
  readonly random: Random;
}
