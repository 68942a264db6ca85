import { randomUUID } from 'node:crypto';

/** The largest time a UUID version 7 holds: 48 bits of milliseconds. */
const MAX_MS = 2 ** 48 - 1;

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the other 74
 * (all but the version and variant) random. Ids made one after another sort by the time they were
 * made, so a B-tree keyed by them — the event store's event id and stream indexes, the views'
 * documents and dedupe marks keyed by task id — takes each new key near its right edge instead of
 * at a random leaf, and a commit writes a few pages instead of one or two more per event. What it
 * gives away is when the id was made, which the event's `time` says anyway.
 */
export function timeOrderedUuid(nowMs: number = Date.now()): string {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0 || nowMs > MAX_MS) {
    throw new RangeError(`a UUID version 7 holds a time of 0 to ${MAX_MS} ms, not ${nowMs}`);
  }
  // A version 4 UUID (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx) has the variant bits RFC 9562 asks
  // for and 122 random ones: its first 48 bits become the time, its version digit a 7.
  const random = randomUUID();
  const time = nowMs.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
