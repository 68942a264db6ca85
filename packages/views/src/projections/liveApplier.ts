import type { Envelope } from '@backbone/contracts';
import type { Logger } from 'pino';
import type { ViewStore } from '../viewStore/viewStore.ts';
import { FlushNeeded, pendingBatch } from './pendingBatch.ts';
import type { Projection } from './projection.ts';
import { readCache } from './readCache.ts';

/** A decoded record of a live chunk, and where it came from (`topic:partition:offset`). */
export interface LiveEvent {
  readonly envelope: Envelope;
  readonly position: string;
}

export type LiveOutcome = 'applied' | 'duplicate' | 'gap';

export interface LiveApplierOptions {
  readonly projection: Projection;
  readonly viewStore: ViewStore;
  readonly logger?: Logger;
  /** Counts `n` events of an outcome. */
  readonly count: (outcome: LiveOutcome, n: number) => void;
  /** The last event that was applied (for the lag). */
  readonly applied: (envelope: Envelope) => void;
}

/** How live events reach a version of the view: one at a time, or a chunk at once. */
export interface LiveApplier {
  /** One event: `project` reads the store, then the event is applied with its mark (two round trips and more). */
  one(version: string, event: LiveEvent): Promise<void>;
  /** A chunk of one partition's events, in a few round trips whatever its length. */
  batch(version: string, events: readonly LiveEvent[]): Promise<void>;
}

/**
 * `batch` applies a chunk of live events to one version in a few round trips: the marks of its
 * aggregates (and the documents `project` reads by subject) are read up front; each event is
 * classified in process as the next of its aggregate, a duplicate or a gap; the next ones are
 * projected through an overlay of the chunk's pending writes and applied with one `applyBatch`,
 * whose per-event atomic check stays the last word.
 *
 * Two projectors may handle the same records for a while (a rebalance). What `project` read of an
 * aggregate is only right for the mark the aggregate had then, so before applying, the marks are
 * read again: an aggregate whose mark moved since it was first read (someone else applied to it)
 * is left out of the batch and its events go through `one`, which reads after the other
 * projector's writes. For the others, the documents were read while the mark was the one the
 * chain was projected from (marks only grow, documents change only with their aggregate's mark),
 * so any of their items the store accepts carries the writes a one-by-one apply would have made.
 */
export function liveApplier(options: LiveApplierOptions): LiveApplier {
  const { projection, viewStore, logger, count } = options;
  const name = projection.name;
  // Collections `project` reads by the event's subject; kept from chunk to chunk.
  const learnt = new Set<string>();

  const gap = (subject: string, streamversion: number, applied: number) => {
    logger?.warn({ projection: name, subject, streamversion, applied }, 'event skips ahead of the view; left for the republished history or a rebuild');
    count('gap', 1);
  };

  async function one(version: string, { envelope, position }: LiveEvent): Promise<void> {
    const mark = { subject: envelope.subject, streamversion: envelope.streamversion, position };
    const writes = await projection.project(envelope, viewStore.readerOf(name, version));
    if (await viewStore.apply(name, version, mark, writes)) {
      count('applied', 1);
      options.applied(envelope);
      return;
    }
    // Why the store refused it: seen already, or ahead of what the view holds.
    const last = (await viewStore.readerOf(name, version).appliedVersion(mark.subject)) ?? 0;
    if (mark.streamversion <= last) count('duplicate', 1);
    else gap(mark.subject, mark.streamversion, last);
  }

  async function batch(version: string, events: readonly LiveEvent[]): Promise<void> {
    const store = viewStore.readerOf(name, version);
    const cache = readCache(store, learnt);
    const batch = pendingBatch(cache.reader);
    /** The mark each aggregate with pending items had when first read: the chain was projected from it. */
    const startMarks = new Map<string, number>();
    let queued: LiveEvent[] = [];

    async function flush(): Promise<void> {
      if (queued.length === 0) return;
      const subjects = [...startMarks.keys()];
      const now = await store.appliedVersions(subjects);
      const contested = new Set(subjects.filter((subject, i) => (now[i] ?? 0) !== startMarks.get(subject)));
      const items = batch.items.filter((item) => !contested.has(item.mark.subject));
      const mine = queued.filter((event) => !contested.has(event.envelope.subject));
      const retry = queued.filter((event) => contested.has(event.envelope.subject));
      const applied = await viewStore.applyBatch(name, version, items);
      count('applied', applied);
      // Refused although it was the next one when read: another projector applied it meanwhile.
      count('duplicate', items.length - applied);
      if (applied > 0) options.applied(mine.at(-1)!.envelope);
      batch.clear();
      cache.clear();
      startMarks.clear();
      queued = [];
      if (contested.size > 0) {
        logger?.info({ projection: name, aggregates: contested.size }, 'another projector wrote some aggregates of this batch; applying their events one at a time');
      }
      for (const event of retry) await one(version, event);
    }

    await cache.prefetch(subjectsOf(events));
    for (let i = 0; i < events.length; ) {
      const event = events[i]!;
      const { subject, streamversion } = event.envelope;
      const last = (await batch.reader.appliedVersion(subject)) ?? 0;
      if (streamversion <= last) {
        count('duplicate', 1);
        i++;
        continue;
      }
      if (streamversion > last + 1) {
        gap(subject, streamversion, last);
        i++;
        continue;
      }
      cache.projecting(subject);
      let writes;
      try {
        writes = await projection.project(event.envelope, batch.reader);
      } catch (error) {
        // The overlay cannot answer a read exactly: apply what is pending, then take this event again.
        if (!(error instanceof FlushNeeded) || queued.length === 0) throw error;
        await flush();
        await cache.prefetch(subjectsOf(events.slice(i)));
        continue;
      } finally {
        cache.projecting(undefined);
      }
      if (!startMarks.has(subject)) startMarks.set(subject, last);
      await batch.add({ mark: { subject, streamversion, position: event.position }, writes });
      queued.push(event);
      i++;
    }
    await flush();
  }

  return { one, batch };
}

function subjectsOf(events: readonly LiveEvent[]): string[] {
  return [...new Set(events.map((event) => event.envelope.subject))];
}
