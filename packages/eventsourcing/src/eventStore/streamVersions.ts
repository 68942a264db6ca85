import { BackboneError, type Envelope } from '@backbone/contracts';
import { VersionConflictError, type ExpectedVersion } from './eventStore.ts';

/** Whether a stream at `actual` satisfies `expected` (0 and `no_stream` mean the same). */
export function expectationHolds(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  return expected === actual;
}

/**
 * Checks, for adapters, that `expected` holds and that the envelopes continue the stream:
 * their `streamversion`s must be actual+1, actual+2, … so a stored envelope never lies about
 * its place. Under `any` a mismatch means another writer got there first (a conflict);
 * under an exact expectation that held, it is a bug of the caller.
 */
export function checkStreamVersions(
  stream: string,
  events: readonly Envelope[],
  expected: ExpectedVersion,
  actual: number,
): void {
  if (!expectationHolds(expected, actual)) throw new VersionConflictError(stream, expected, actual);
  checkConsecutive(stream, events);
  const first = events[0]?.streamversion;
  if (first === undefined || first === actual + 1) return;
  if (expected === 'any') throw new VersionConflictError(stream, expected, actual);
  throw new BackboneError('internal', `events for ${stream} start at streamversion ${first}, the stream is at ${actual}`);
}

/** Envelopes of one append must carry consecutive stream versions; anything else is a bug. */
export function checkConsecutive(stream: string, events: readonly Envelope[]): void {
  events.forEach((envelope, index) => {
    const first = events[0]!.streamversion;
    if (envelope.streamversion !== first + index) {
      throw new BackboneError(
        'internal',
        `event ${envelope.id} appended to ${stream} has streamversion ${envelope.streamversion}, expected ${first + index}`,
      );
    }
  });
}
