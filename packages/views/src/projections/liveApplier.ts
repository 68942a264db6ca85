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
 * projected through an overlay of the chunk's pending writes, which keeps their net effect, and
 * that net is written with one `applyNet`.
 *
 * Two projectors may handle the same records for a while (a rebalance). What `project` read of an
 * aggregate is only right for the mark the aggregate had then. `applyNet` writes the net only if
 * every aggregate still has the mark the chain was projected from, in the same atomic step:
 * the documents were read after those marks (marks only grow, documents change only with their
 * aggregate's mark), so the net is then what one-by-one applies would have written. If another
 * projector moved a mark meanwhile, nothing is written, and the events go through `one`, which
 * reads after the other projector's writes and whose per-event check is the last word.
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
    let queued: LiveEvent[] = [];

    async function flush(): Promise<void> {
      if (queued.length === 0) return;
      const net = batch.net();
      const projected = queued;
      batch.clear();
      cache.clear();
      queued = [];
      if (await viewStore.applyNet(name, version, net)) {
        count('applied', projected.length);
        options.applied(projected.at(-1)!.envelope);
        return;
      }
      // Nothing was written: another projector moved an aggregate of the chunk since its mark was
      // read, so what was projected from that mark may be wrong. Each event is taken again on its
      // own, reading what the other projector wrote; what it applied already counts as a duplicate.
      logger?.info({ projection: name, events: projected.length }, 'another projector wrote an aggregate of this chunk; applying its events one at a time');
      for (const event of projected) await one(version, event);
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
