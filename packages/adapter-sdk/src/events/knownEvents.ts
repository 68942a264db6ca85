import { allEventDefinitions, platformEvents, referenceEvents, resourceEvents, talentEvents, taskEvents } from '@backbone/contracts';
import type { Envelope, EventData, EventDefinition } from '@backbone/contracts';

/** Every event the contracts publish, by name: the newest version of each (names are unique across contexts). */
export const knownEvents = {
  ...referenceEvents,
  ...taskEvents,
  ...resourceEvents,
  ...talentEvents,
  ...platformEvents,
} as const;

/** The name of a published event, e.g. `TaskAssigned`. */
export type EventName = keyof typeof knownEvents;

/** The data of an event, as its zod contract parses it. */
export type EventDataOf<N extends EventName> = EventData<(typeof knownEvents)[N]>;

/** Where a record came from on the bus. */
export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on the first delivery, then 2, 3, … while the bus retries it. */
  readonly attempt: number;
}

/**
 * An event as a handler receives it: upcast to the newest version of its type and validated
 * against the contract. `envelope.subject` is the aggregate id, `envelope.streamversion` its
 * place in the aggregate's stream — the pair consumers deduplicate on.
 */
export interface ReceivedEvent<N extends EventName = EventName> {
  readonly name: N;
  readonly data: EventDataOf<N>;
  readonly envelope: Envelope<EventDataOf<N>>;
  readonly delivery: Delivery;
}

/** A typed handler for each event name an adapter cares about. */
export type EventHandlers = { readonly [N in EventName]?: (event: ReceivedEvent<N>) => Promise<void> };

const definitionByName = new Map<string, EventDefinition>(Object.entries(knownEvents));

/** Whether `name` is a published event name. */
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(knownEvents, name);
}

/** The definition an event name stands for (the newest version the contracts know). */
export function definitionOf(name: EventName): EventDefinition {
  return definitionByName.get(name)!;
}

/** Every published definition, across versions: what an adapter's registry reads by default. */
export const publishedDefinitions: readonly EventDefinition[] = allEventDefinitions;
