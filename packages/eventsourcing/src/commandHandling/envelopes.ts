import {
  BackboneError,
  Envelope,
  isEnvelope,
  type Context,
  type DomainEvent,
  type EventDefinition,
} from '@backbone/contracts';
import { hashEnvelope } from '../audit/hashChain.ts';

/** Everything an envelope carries besides the event itself. */
export interface EnvelopeContext {
  readonly context: Context;
  readonly aggregateId: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly traceparent?: string;
  /** The stream's version before these events. */
  readonly version: number;
  /** The stream's last stored envelope, whose hash the first new event carries. */
  readonly previous: Envelope | undefined;
  readonly definitions: Readonly<Record<string, EventDefinition>>;
  readonly clock: () => Date;
  readonly newId: () => string;
}

/**
 * Turns the decider's events into hash-chained envelopes. Data that does not match its
 * event's schema is a bug of the decider (`internal`); envelope fields that break the
 * envelope schema came from the caller (`invalid_input`).
 */
export function buildEnvelopes(events: readonly DomainEvent[], at: EnvelopeContext): Envelope[] {
  const time = at.clock().toISOString();
  const envelopes: Envelope[] = [];
  let previous = at.previous;
  events.forEach((event, index) => {
    const definition = at.definitions[event.type];
    if (!definition) {
      throw new BackboneError('internal', `the decider emitted ${event.type}, which has no event definition`);
    }
    const data = definition.schema.safeParse(event.data);
    if (!data.success) {
      throw new BackboneError('internal', `the decider emitted ${event.type} with data that does not match its schema`, {
        rule: 'event-data-matches-schema',
        issues: data.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const envelope: Envelope = {
      specversion: '1.0',
      id: at.newId(),
      source: `/backbone/${at.context}`,
      type: definition.type,
      time,
      subject: at.aggregateId,
      datacontenttype: 'application/json',
      data: data.data,
      correlationid: at.correlationId,
      causationid: at.causationId,
      actor: at.actor,
      streamversion: at.version + index + 1,
      ...(at.traceparent === undefined ? {} : { traceparent: at.traceparent }),
      prevhash: previous ? hashEnvelope(previous) : '',
    };
    checkEnvelope(envelope);
    envelopes.push(envelope);
    previous = envelope;
  });
  return envelopes;
}

function checkEnvelope(envelope: Envelope): void {
  // Typed as an envelope already: the check is of what was built at run time.
  const built: unknown = envelope;
  if (isEnvelope(built)) return;
  const parsed = Envelope.safeParse(envelope);
  if (parsed.success) return;
  throw new BackboneError('invalid_input', `event envelope for ${envelope.subject} is invalid`, {
    rule: 'envelope-matches-schema',
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
