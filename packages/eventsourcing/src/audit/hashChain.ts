import { createHash } from 'node:crypto';
import type { Envelope } from '@backbone/contracts';
import type { StoredEvent } from '../eventStore/eventStore.ts';
import { canonicalJson } from './canonicalJson.ts';

/** SHA-256 (hex) of an envelope's canonical JSON: what the next event of its stream carries as `prevhash`. */
export function hashEnvelope(envelope: Envelope): string {
  return createHash('sha256').update(canonicalJson(envelope), 'utf8').digest('hex');
}

export type ChainVerification =
  | { readonly ok: true; readonly checked: number }
  | {
      readonly ok: false;
      readonly stream: string;
      readonly streamversion: number;
      readonly eventId: string;
      readonly reason: string;
    };

/**
 * Verifies each stream's hash chain within the given events (in their order): every event
 * must follow its predecessor (streamversion + 1) and carry that predecessor's hash; a
 * stream's first event carries ''. When the events start mid-stream, the first one seen
 * is taken as it is. Reports the first event that does not match.
 */
export function verifyChain(events: readonly StoredEvent[]): ChainVerification {
  const previousOf = new Map<string, Envelope>();
  for (const { stream, envelope } of events) {
    const reason = brokenLink(envelope, previousOf.get(stream));
    if (reason) return { ok: false, stream, streamversion: envelope.streamversion, eventId: envelope.id, reason };
    previousOf.set(stream, envelope);
  }
  return { ok: true, checked: events.length };
}

function brokenLink(envelope: Envelope, previous: Envelope | undefined): string | undefined {
  if (envelope.prevhash === undefined) return 'the event carries no prevhash';
  if (!previous) {
    if (envelope.streamversion === 1 && envelope.prevhash !== '') {
      return 'the first event of a stream must carry an empty prevhash';
    }
    return undefined;
  }
  if (envelope.streamversion !== previous.streamversion + 1) {
    return `expected streamversion ${previous.streamversion + 1} after ${previous.streamversion}`;
  }
  if (envelope.prevhash !== hashEnvelope(previous)) {
    return `prevhash does not match the hash of event ${previous.id} (streamversion ${previous.streamversion})`;
  }
  return undefined;
}
