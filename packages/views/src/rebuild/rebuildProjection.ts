import { BackboneError, contextTopic, parseEventType, ruleViolation, type Envelope } from '@backbone/contracts';
import type { EventStore, StoredEvent } from '@backbone/eventsourcing';
import type { Registry } from 'prom-client';
import type { Projection } from '../projections/projection.ts';
import { projectionMetrics } from '../projections/projectionMetrics.ts';
import { markOf } from '../projections/startProjection.ts';
import type { NetBatch, ViewStore, ViewWrite } from '../viewStore/viewStore.ts';
import { FlushNeeded, pendingBatch } from '../projections/pendingBatch.ts';
import { readCache } from '../projections/readCache.ts';

export interface RebuildProjectionOptions {
  readonly projection: Projection;
  readonly store: EventStore;
  readonly viewStore: ViewStore;
  /** The version to build (default: the live version + 1 when it is a number, else a timestamp). */
  readonly newVersion?: string;
  /** Events per `readAll` page. */
  readonly batchSize: number;
  /**
   * The first pass applies what it projected, as its net effect (one `applyNet`), once it holds
   * at least this many events, at the end of a page (default 4,000): a longer batch writes each
   * document it touched and each counter once, where shorter ones would write them again and again.
   */
  readonly applyEvents?: number;
  /** Called (and awaited) after each page, in global log positions: the last one read and the head. */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
  readonly metrics?: Registry;
  /** How long live consumers wait for the catch-up pass after the promote, at most (default 15 s). */
  readonly holdMs?: number;
}

const DEFAULT_APPLY_EVENTS = 4_000;

export interface RebuildResult {
  readonly version: string;
  /** Events projected (those on the projection's topics), both passes together. */
  readonly events: number;
  readonly seconds: number;
}

/**
 * Builds a new version of a projection from the start of the event log beside the live one,
 * promotes it, then catches up from where it stopped to the new head. The live version stays
 * readable throughout. Only events of the contexts whose topics the projection consumes
 * (`backbone.<context>.v1`) are projected.
 */
export async function rebuildProjection(options: RebuildProjectionOptions): Promise<RebuildResult> {
  const { projection, store, viewStore, batchSize } = options;
  const applyEvents = options.applyEvents ?? DEFAULT_APPLY_EVENTS;
  const name = projection.name;
  const started = performance.now();
  const metrics = options.metrics ? projectionMetrics(options.metrics) : undefined;
  const topics = new Set(projection.topics);
  const live = await viewStore.liveVersion(name);
  const version = options.newVersion ?? nextVersion(live);
  if (version === live) throw ruleViolation('rebuild-into-a-new-version', `${version} is the live version of ${name}`);

  // Whatever an earlier, unfinished rebuild left in this version would be taken as applied.
  await viewStore.drop(name, version);
  const reader = viewStore.readerOf(name, version);
  let events = 0;

  // Nothing else writes the version being built, so what the cache read stays true until a flush,
  // and the overlay's net of the batch is what the store would make of its events: only the net is
  // kept, not each event's writes.
  const cache = readCache(reader, new Set());
  const batch = pendingBatch(cache.reader);

  /** The net batch being written, if any: one at a time, as each starts from the marks the one before left. */
  let writing: Promise<void> | undefined;

  async function write(net: NetBatch, projected: number): Promise<void> {
    if (!(await viewStore.applyNet(name, version, net))) {
      throw new BackboneError('version_conflict', `version ${version} of ${name} was written by someone else during its rebuild (another rebuild?)`, {
        rule: 'rebuild-writes-its-version-alone',
      });
    }
    metrics?.rebuildEvents.inc({ projection: name }, projected);
  }

  /**
   * Starts writing the pending batch's net effect (one transaction / one script), once the batch
   * before it is written, and returns: the next pages are projected while the store writes it.
   * First it reads what `next` (the aggregates projected next) needs, while the store has no write
   * to do, so those reads do not queue behind this one (Redis runs a script and nothing else
   * meanwhile); then the read cache takes in the batch's documents and marks as the store will
   * hold them, and reads anything else only after the write. A failed write fails the next flush,
   * or the end of the pass.
   */
  async function flush(next: readonly string[] = []): Promise<void> {
    if (batch.size === 0) return;
    await writing;
    const net = batch.net();
    const projected = batch.size;
    batch.clear();
    cache.clear();
    await cache.prefetch(next.filter((subject) => !net.marks.has(subject)));
    writing = write(net, projected);
    writing.catch(() => undefined);
    cache.writing(net, writing);
  }

  /** Waits for the write in progress, if any, without its outcome (the pass that started it failed already). */
  const writeSettled = async (): Promise<void> => {
    await writing?.catch(() => undefined);
  };

  /** Projects through the pending batch, so `project` sees the writes of the events before it. */
  async function projectPending(envelope: Envelope, rest: () => string[]): Promise<ViewWrite[]> {
    cache.projecting(envelope.subject);
    try {
      return await projection.project(envelope, batch.reader);
    } catch (error) {
      if (!(error instanceof FlushNeeded)) throw error;
      await flush(rest());
      return projection.project(envelope, batch.reader);
    } finally {
      cache.projecting(undefined);
    }
  }

  /**
   * The page of the log after `after`: the position of its last event (undefined at the head) and
   * the events the projection consumes, those of the contexts whose topics it reads.
   */
  async function readPage(after: number | undefined): Promise<{ last: number | undefined; ours: StoredEvent[] }> {
    const page = await store.readAll({ after, limit: batchSize });
    const ours = page.filter(({ envelope }) => {
      const context = parseEventType(envelope.type)?.context;
      return context !== undefined && topics.has(contextTopic(context));
    });
    return { last: page.at(-1)?.position, ours };
  }
  const subjectsOf = (events: readonly (StoredEvent | undefined)[]): string[] => [...new Set(events.map((event) => event!.envelope.subject))];

  /** One event at a time, straight to the store: the catch-up, while live consumers may be writing too. */
  async function applyNow(envelope: Envelope, at: number): Promise<void> {
    const writes = await projection.project(envelope, reader);
    await viewStore.apply(name, version, markOf(envelope, String(at)), writes);
    metrics?.rebuildEvents.inc({ projection: name });
  }

  async function pass(after: number | undefined, batched: boolean): Promise<number | undefined> {
    let position = after;
    let next = await readPage(position);
    for (;;) {
      if (next.last === undefined) {
        await flush();
        await writing;
        return position;
      }
      const ours: (StoredEvent | undefined)[] = next.ours;
      position = next.last;
      // The page's marks (and the documents `project` reads by subject) in a round trip or two, not one per event.
      const subjectsFrom = (from: number) => subjectsOf(ours.slice(from));
      if (batched) await cache.prefetch(subjectsFrom(0));
      for (let i = 0; i < ours.length; i++) {
        const { envelope, position: at } = ours[i]!;
        if (batched) await batch.add({ mark: markOf(envelope, String(at)), writes: await projectPending(envelope, () => subjectsFrom(i)) });
        else await applyNow(envelope, at);
        // Let go of each event once projected: a scavenge in the middle of the page then copies only the events still ahead.
        ours[i] = undefined;
        events++;
      }
      next = await readPage(position);
      if (batch.size >= applyEvents) await flush(subjectsOf(next.ours));
      const head = Math.max((await store.headPosition()) ?? 0, position ?? 0);
      await options.onProgress?.(position ?? 0, head);
      metrics?.rebuildProgress.set({ projection: name }, head === 0 ? 1 : (position ?? 0) / head);
    }
  }

  const stoppedAt = await pass(undefined, true).finally(writeSettled);
  await viewStore.promote(name, version, { holdMs: options.holdMs ?? 15_000 });
  try {
    await pass(stoppedAt, false);
  } finally {
    await viewStore.release(name, version);
  }
  return { version, events, seconds: (performance.now() - started) / 1000 };
}

function nextVersion(live: string | undefined): string {
  if (live === undefined) return '1';
  return /^[0-9]+$/.test(live) ? String(Number(live) + 1) : String(Date.now());
}
