import type { Registry } from 'prom-client';
import type { EventRegistry } from '@backbone/contracts';
import { createCommandHandler } from '@backbone/eventsourcing';
import type { CommandHandler, EventStore, IdempotencyStore } from '@backbone/eventsourcing';
import { applicationDecider, applicationEventDefinitions, policyDecider, policyEventDefinitions, poolDecider, poolEventDefinitions } from '../domain/index.ts';
import type { ApplicationCommand, ApplicationState, PolicyCommand, PolicyState, PoolCommand, PoolState } from '../domain/index.ts';

/** The write side of the resources context: one command handler per aggregate type. */
export interface ResourceHandlers {
  readonly pools: CommandHandler<PoolCommand, PoolState>;
  readonly applications: CommandHandler<ApplicationCommand, ApplicationState>;
  readonly policies: CommandHandler<PolicyCommand, PolicyState>;
}

export interface ResourceHandlersOptions {
  readonly store: EventStore;
  /** Reads stored events (upcast, validated); the contracts' registry of every event. */
  readonly registry: EventRegistry;
  readonly idempotency?: IdempotencyStore;
  readonly clock: () => Date;
  /** Makes event ids and default correlation ids. */
  readonly newId: () => string;
  /** Reloads after a version conflict on a pool's stream; default 10 (see below). */
  readonly poolConflictRetries?: number;
  /** Where commands and appended events are counted. */
  readonly metrics?: Registry;
}

// Every award of a pool is decided on the pool's one stream, so concurrent awards contend there
// by design: a lost race is reloaded and decided again rather than answered 409 at once.
const POOL_CONFLICT_RETRIES = 10;

/** Wires the resources deciders to an event store; aggregate ids are their stream names. */
export function createResourceHandlers(options: ResourceHandlersOptions): ResourceHandlers {
  const { store, registry, idempotency, clock, newId, metrics } = options;
  const common = { store, registry, idempotency, clock, newId, metrics, context: 'resources' as const, streamName: (id: string) => id };
  return {
    pools: createCommandHandler({
      ...common,
      decider: poolDecider,
      events: poolEventDefinitions,
      maxConflictRetries: options.poolConflictRetries ?? POOL_CONFLICT_RETRIES,
    }),
    applications: createCommandHandler({ ...common, decider: applicationDecider, events: applicationEventDefinitions }),
    policies: createCommandHandler({ ...common, decider: policyDecider, events: policyEventDefinitions }),
  };
}
