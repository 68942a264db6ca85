import { randomUUID } from 'node:crypto';
import type { Envelope } from '@backbone/contracts';
import { definitionOf } from '../events/knownEvents.ts';
import type { Delivery, EventDataOf, EventName, ReceivedEvent } from '../events/knownEvents.ts';

export interface EnvelopeOptions {
  /** The aggregate id. */
  readonly subject: string;
  readonly streamversion?: number;
  /** The department that caused it (default `social-work`). */
  readonly actor?: string;
  readonly id?: string;
  readonly time?: string;
}

/** A valid envelope of a published event; the data is checked against its contract. */
export function envelopeOf<N extends EventName>(name: N, data: EventDataOf<N>, options: EnvelopeOptions): Envelope<EventDataOf<N>> {
  const definition = definitionOf(name);
  definition.schema.parse(data);
  const id = options.id ?? randomUUID();
  return {
    specversion: '1.0',
    id,
    source: `/backbone/${definition.context}`,
    type: definition.type,
    time: options.time ?? new Date().toISOString(),
    subject: options.subject,
    datacontenttype: 'application/json',
    data,
    correlationid: id,
    causationid: id,
    actor: options.actor ?? 'social-work',
    streamversion: options.streamversion ?? 1,
  };
}

/** The event a handler would receive for `envelopeOf(name, data, options)`: for unit tests of handlers. */
export function receivedEventOf<N extends EventName>(
  name: N,
  data: EventDataOf<N>,
  options: EnvelopeOptions & { readonly delivery?: Partial<Delivery> },
): ReceivedEvent<N> {
  const envelope = envelopeOf(name, data, options);
  return {
    name,
    data: envelope.data,
    envelope,
    delivery: { topic: 'test', partition: 0, offset: '0', attempt: 1, ...options.delivery },
  };
}
