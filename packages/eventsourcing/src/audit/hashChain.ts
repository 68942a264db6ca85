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

/** Checks events one at a time, in log order, keeping only the last link of each stream. */
export interface ChainVerifier {
  /** Checks the next event; returns the break it finds, undefined while the chain holds. */
  check(event: StoredEvent): Extract<ChainVerification, { ok: false }> | undefined;
  /** How many events were checked and found in place. */
  readonly checked: number;
  /** How many streams those events belong to. */
  readonly streams: number;
}

interface Link {
  readonly id: string;
  readonly streamversion: number;
  readonly hash: string;
}

/**
 * Verifies each stream's hash chain as its events go by: every event must follow its
 * predecessor (streamversion + 1) and carry that predecessor's hash; a stream's first event
 * carries ''. When the events start mid-stream, the first one seen is taken as it is. Memory is
 * one link per stream (its last version and hash), whatever the length of the log.
 */
export function chainVerifier(): ChainVerifier {
  const lastOf = new Map<string, Link>();
  let checked = 0;
  return {
    check({ stream, envelope }) {
      const reason = brokenLink(envelope, lastOf.get(stream));
      if (reason) return { ok: false, stream, streamversion: envelope.streamversion, eventId: envelope.id, reason };
      lastOf.set(stream, { id: envelope.id, streamversion: envelope.streamversion, hash: hashEnvelope(envelope) });
      checked++;
      return undefined;
    },
    get checked() {
      return checked;
    },
    get streams() {
      return lastOf.size;
    },
  };
}

/** `chainVerifier` over a list of events (in their order); reports the first event that does not match. */
export function verifyChain(events: readonly StoredEvent[]): ChainVerification {
  const verifier = chainVerifier();
  for (const event of events) {
    const broken = verifier.check(event);
    if (broken) return broken;
  }
  return { ok: true, checked: verifier.checked };
}

function brokenLink(envelope: Envelope, previous: Link | undefined): string | undefined {
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
  if (envelope.prevhash !== previous.hash) {
    return `prevhash does not match the hash of event ${previous.id} (streamversion ${previous.streamversion})`;
  }
  return undefined;
}
