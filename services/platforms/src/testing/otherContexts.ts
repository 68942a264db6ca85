import { randomUUID } from 'node:crypto';
import { allEventDefinitions, createEventRegistry, resourceEvents, talentEvents } from '@backbone/contracts';
import type { DomainEvent, Envelope, EventDefinition, ResourceEvent, TalentEvent } from '@backbone/contracts';
import { createCommandHandler } from '@backbone/eventsourcing';
import type { Decider, EventStore } from '@backbone/eventsourcing';

// Test-only: writes events of the resources and talent contexts into a store exactly as their
// command handlers would (envelopes, stream versions, hash chain), without their deciders: the
// platforms tests need those contexts' facts, not their rules.

/** A decider that writes the events it is handed. */
const writeThrough = <TEvent extends DomainEvent>(): Decider<readonly TEvent[], number, TEvent> => ({
  initialState: () => 0,
  decide: (events) => [...events],
  evolve: (count) => count + 1,
});

function writer<TEvent extends DomainEvent>(
  store: EventStore,
  context: 'resources' | 'talent',
  events: { readonly [Name in TEvent['type']]: EventDefinition },
  clock: () => Date,
) {
  const handler = createCommandHandler({
    store,
    context,
    decider: writeThrough<TEvent>(),
    events,
    registry: createEventRegistry(allEventDefinitions),
    streamName: (id) => id,
    clock,
    newId: randomUUID,
  });
  return async (aggregateId: string, actor: string, written: readonly TEvent[]): Promise<readonly Envelope[]> =>
    (await handler.handle({ aggregateId, actor, command: written })).events;
}

/** Appends resources and talent events to `store`, one aggregate stream at a time. */
export function otherContexts(store: EventStore, clock: () => Date = () => new Date()) {
  return {
    resources: writer<ResourceEvent>(store, 'resources', resourceEvents, clock),
    talent: writer<TalentEvent>(store, 'talent', talentEvents, clock),
  };
}
