import { BackboneError, type DomainEvent, type Envelope, type EventRegistry } from '@backbone/contracts';
import type { Decider } from '../decider/decider.ts';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.ts';

/** An aggregate as folded from its stream. */
export interface LoadedAggregate<TState> {
  readonly state: TState;
  /** Number of events in the stream (0 when it does not exist). */
  readonly version: number;
  /** The stream's events as stored (before upcasting): its history and the head of its hash chain. */
  readonly events: readonly StoredEvent[];
}

export interface LoadAggregateOptions<TCommand, TState, TEvent extends DomainEvent> {
  readonly store: EventStore;
  readonly decider: Decider<TCommand, TState, TEvent>;
  readonly registry: EventRegistry;
  /** The domain event names the decider knows. */
  readonly knownEvents: ReadonlySet<string>;
}

/** Reads a stream, upcasts and validates each event through the registry, and folds it with `evolve`. */
export async function loadAggregate<TCommand, TState, TEvent extends DomainEvent>(
  options: LoadAggregateOptions<TCommand, TState, TEvent>,
  stream: string,
): Promise<LoadedAggregate<TState>> {
  const events = await options.store.readStream(stream);
  let state = options.decider.initialState();
  for (const { envelope } of events) {
    state = options.decider.evolve(state, toDomainEvent(options, stream, envelope));
  }
  return { state, version: events[events.length - 1]?.envelope.streamversion ?? 0, events };
}

function toDomainEvent<TEvent extends DomainEvent>(
  options: { readonly registry: EventRegistry; readonly knownEvents: ReadonlySet<string> },
  stream: string,
  stored: Envelope,
): TEvent {
  let current: Envelope;
  try {
    current = options.registry.read(stored);
  } catch (error) {
    // A stored event that no longer reads is a broken deployment, not bad input from the caller.
    throw new BackboneError('internal', `event ${stored.id} in ${stream} cannot be read: ${describe(error)}`, {
      cause: error,
    });
  }
  const name = options.registry.byType(current.type)?.name;
  if (name === undefined || !options.knownEvents.has(name)) {
    throw new BackboneError('internal', `event ${stored.id} in ${stream} has type ${current.type}, unknown to its decider`);
  }
  // The name was checked against the decider's events and the data against its schema.
  return { type: name, data: current.data } as DomainEvent as TEvent;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
