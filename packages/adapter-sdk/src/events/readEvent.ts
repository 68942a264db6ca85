import { BackboneError, parseEventType } from '@backbone/contracts';
import type { Envelope, EventRegistry } from '@backbone/contracts';
import { recordToEnvelope } from '@backbone/messaging';
import type { DeliveredRecord } from '@backbone/messaging';
import { isEventName, knownEvents } from './knownEvents.ts';
import type { ReceivedEvent } from './knownEvents.ts';

/** Why a record is not an event the adapter can hand to a handler. */
export type UnreadableKind =
  /** Not a CloudEvent of the backbone: headers or value do not parse as an envelope. */
  | 'undecodable'
  /** A type no contract defines. */
  | 'unknown-type'
  /** A known event name in a version this adapter's contracts do not know (or cannot upcast). */
  | 'unknown-version'
  /** The data breaks the contract's schema for its type. */
  | 'invalid-data';

/** A record an adapter cannot read, with why; the envelope when the CloudEvent itself parsed. */
export interface UnreadableEvent {
  readonly kind: UnreadableKind;
  readonly reason: string;
  readonly record: DeliveredRecord;
  readonly envelope?: Envelope;
}

export type ReadOutcome = { readonly ok: true; readonly event: ReceivedEvent } | { readonly ok: false; readonly unreadable: UnreadableEvent };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function unreadable(kind: UnreadableKind, reason: string, record: DeliveredRecord, envelope?: Envelope): ReadOutcome {
  return { ok: false, unreadable: { kind, reason: `${kind}: ${reason}`, record, envelope } };
}

/**
 * Reads a bus record as a typed event: decodes the CloudEvent, upcasts it to the newest
 * version its registry knows and validates its data. Never throws for bad input: it says why.
 */
export function readRecord(record: DeliveredRecord, registry: EventRegistry): ReadOutcome {
  let envelope: Envelope;
  try {
    envelope = recordToEnvelope(record);
  } catch (error) {
    return unreadable('undecodable', messageOf(error), record);
  }
  let read: Envelope;
  try {
    read = registry.read(envelope);
  } catch (error) {
    if (error instanceof BackboneError && error.rule === 'event-data-matches-schema') {
      const issues = (error.issues ?? []).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
      return unreadable('invalid-data', `${envelope.type}: ${issues || error.message}`, record, envelope);
    }
    const parts = parseEventType(envelope.type);
    const sameName = parts && registry.definitions.some((d) => d.context === parts.context && d.name === parts.name);
    return sameName
      ? unreadable('unknown-version', `${envelope.type} is a version this adapter does not know`, record, envelope)
      : unreadable('unknown-type', `${envelope.type} is not a published event type`, record, envelope);
  }
  const name = parseEventType(read.type)?.name ?? '';
  if (!isEventName(name) || registry.byType(read.type) !== knownEvents[name]) {
    return unreadable('unknown-version', `${read.type} is not the version handlers are typed for`, record, envelope);
  }
  const { topic, partition, offset, attempt } = record;
  // Sound: the registry validated `read.data` with exactly the definition `knownEvents[name]`.
  const event = { name, data: read.data, envelope: read, delivery: { topic, partition, offset, attempt } } as ReceivedEvent;
  return { ok: true, event };
}
