import {
  BackboneError,
  type Context,
  type DomainEvent,
  type Envelope,
  type EventDefinition,
  type EventRegistry,
} from '@backbone/contracts';
import type { Decider } from '../decider/decider.ts';
import { VersionConflictError, type EventStore } from '../eventStore/eventStore.ts';
import type { IdempotencyStore } from '../idempotency/idempotencyStore.ts';
import { loadAggregate, type LoadedAggregate } from './aggregateStream.ts';
import { buildEnvelopes } from './envelopes.ts';
import { executeIdempotently } from './idempotentExecution.ts';
import { commandMetrics, commandNameOf, outcomeOf } from './commandMetrics.ts';
import type { Registry } from 'prom-client';

export interface CommandHandlerOptions<TCommand, TState, TEvent extends DomainEvent> {
  readonly store: EventStore;
  readonly decider: Decider<TCommand, TState, TEvent>;
  /** The context whose events these are: envelopes get `source` `/backbone/<context>`. */
  readonly context: Context;
  readonly streamName: (aggregateId: string) => string;
  /** Each event name the decider emits → its published definition (type and data schema). */
  readonly events: { readonly [Name in TEvent['type']]: EventDefinition };
  /** Upcasts and validates stored events when a stream is loaded. */
  readonly registry: EventRegistry;
  readonly clock: () => Date;
  /** Makes event ids (UUIDs) and default correlation ids. */
  readonly newId: () => string;
  /** Reloads and decides again this many times after a version conflict; default 3. */
  readonly maxConflictRetries?: number;
  readonly idempotency?: IdempotencyStore;
  /** Where `backbone_commands_total` and `backbone_events_appended_total` are counted. */
  readonly metrics?: Registry;
}

export interface IdempotencyRequest {
  /** Whose keys these are, e.g. the department; keys of different scopes never meet. */
  readonly scope: string;
  readonly key: string;
  /** A hash of the request (method, path, body): the same key with another hash is refused. */
  readonly requestHash: string;
}

export interface HandleRequest<TCommand> {
  readonly aggregateId: string;
  readonly command: TCommand;
  /** The department whose credential sent the command, or `system`. */
  readonly actor: string;
  /** Default: a new id. */
  readonly correlationId?: string;
  /** Default: the correlation id. */
  readonly causationId?: string;
  readonly traceparent?: string;
  /** The version the caller last saw; the command is refused at once when the stream moved on. */
  readonly expectedVersion?: number;
  readonly idempotency?: IdempotencyRequest;
}

export interface CommandResult {
  /** The aggregate id. */
  readonly id: string;
  /** The stream's version after the command. */
  readonly version: number;
  readonly eventIds: readonly string[];
  /** The envelopes written. */
  readonly events: readonly Envelope[];
  /** True when this is the stored answer to an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}

export interface CommandHandler<TCommand, TState> {
  /** Loads the aggregate, decides, and appends the events with optimistic concurrency. */
  handle(request: HandleRequest<TCommand>): Promise<CommandResult>;
  /** The aggregate's current state, version and stored history. */
  load(aggregateId: string): Promise<LoadedAggregate<TState>>;
}

/** A command handler for one decider: load → decide → append, retried on version conflicts. */
export function createCommandHandler<TCommand, TState, TEvent extends DomainEvent>(
  options: CommandHandlerOptions<TCommand, TState, TEvent>,
): CommandHandler<TCommand, TState> {
  const maxConflictRetries = options.maxConflictRetries ?? 3;
  const definitions: Readonly<Record<string, EventDefinition>> = options.events;
  const loadOptions = { ...options, knownEvents: new Set(Object.keys(definitions)) };
  const load = (aggregateId: string) => loadAggregate(loadOptions, options.streamName(aggregateId));

  async function execute(request: HandleRequest<TCommand>): Promise<CommandResult> {
    const { aggregateId } = request;
    const stream = options.streamName(aggregateId);
    const correlationId = request.correlationId ?? options.newId();
    for (let attempt = 0; ; attempt += 1) {
      const loaded = await load(aggregateId);
      if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
        throw new BackboneError(
          'version_conflict',
          `${aggregateId} is at version ${loaded.version}, the command expected ${request.expectedVersion}`,
          { rule: 'stale-expected-version', canRetry: false },
        );
      }
      const decided = options.decider.decide(request.command, loaded.state);
      if (decided.length === 0) {
        return { id: aggregateId, version: loaded.version, eventIds: [], events: [], replayed: false };
      }
      const envelopes = buildEnvelopes(decided, {
        context: options.context,
        aggregateId,
        actor: request.actor,
        correlationId,
        causationId: request.causationId ?? correlationId,
        traceparent: request.traceparent,
        version: loaded.version,
        previous: loaded.events[loaded.events.length - 1]?.envelope,
        definitions,
        clock: options.clock,
        newId: options.newId,
      });
      try {
        const appended = await options.store.append(stream, envelopes, loaded.version === 0 ? 'no_stream' : loaded.version);
        return {
          id: aggregateId,
          version: appended.nextVersion,
          eventIds: envelopes.map((e) => e.id),
          events: envelopes,
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        if (attempt >= maxConflictRetries) {
          throw new BackboneError(
            'version_conflict',
            `${aggregateId} kept changing: gave up after ${attempt + 1} attempts`,
            { cause: error, canRetry: true },
          );
        }
      }
    }
  }

  const metrics = options.metrics ? commandMetrics(options.metrics) : undefined;
  async function handle(request: HandleRequest<TCommand>): Promise<CommandResult> {
    if (!request.idempotency) return execute(request);
    return executeIdempotently(options.idempotency, request.idempotency, () => execute(request));
  }

  return {
    async handle(request) {
      if (!metrics) return handle(request);
      const name = commandNameOf(request.command);
      try {
        const result = await handle(request);
        metrics.command(options.context, name, outcomeOf(result), request.actor);
        if (!result.replayed) metrics.appended(options.context, result.events.map((e) => e.type));
        return result;
      } catch (error) {
        metrics.command(options.context, name, outcomeOf(undefined, error), request.actor);
        throw error;
      }
    },
    load,
  };
}
