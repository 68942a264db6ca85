// Parts of the rebuild benchmark; each runs in a process of its own, so each has its own peak RSS.
// A rebuild process loads what a rebuild needs and no more (the log's generator is loaded by
// generateLog only), so its RSS is the rebuild's.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { createSqliteEventStore, SQLITE_READ_ALL_MAX_PAGE } from '@backbone/eventsourcing';
import { departmentInboxProjection, oneBoardProjection } from '@backbone/service-board';
import { createRedisViewStore, createSqliteViewStore, rebuildProjection } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { deleteRedisKeys } from '@backbone/testkit/redisKeys';

/** Writes a log of N realistic task events (many tasks in flight, interleaved) with raw inserts. */
export async function generateLog(input: { path: string; events: number; seed: number; idPrefix: string }): Promise<{ events: number; seconds: number }> {
  const { fillEventLog } = await import('../../fixtures/sqliteEventLog.ts');
  const { interleavedTaskEvents } = await import('../../fixtures/taskEnvelopes.ts');
  const started = performance.now();
  await fillEventLog(input.path, interleavedTaskEvents({ seed: input.seed, idPrefix: input.idPrefix }), input.events);
  const seconds = (performance.now() - started) / 1000;
  // Written without fsyncs: the log is on the disk before the first rebuild reads it, not written back while it runs.
  const file = openSync(input.path, 'r+');
  try {
    fsyncSync(file);
  } finally {
    closeSync(file);
  }
  return { events: input.events, seconds };
}

export const REBUILT_PROJECTIONS = {
  'one-board': oneBoardProjection,
  'department-inbox': departmentInboxProjection,
} as const;
export type RebuiltProjection = keyof typeof REBUILT_PROJECTIONS;

export interface RebuildInput {
  readonly storePath: string;
  readonly projection: RebuiltProjection;
  readonly target: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'redis'; readonly url: string; readonly prefix: string };
  /** The rebuild is stopped after this long (between two pages), so a slow one cannot hold the run. */
  readonly budgetSeconds: number;
}

export interface RebuildOutcome {
  /** Events applied to the new version. */
  readonly events: number;
  readonly seconds: number;
  /** False when the time budget stopped it before it promoted the new version. */
  readonly complete: boolean;
  /** Largest RSS sampled after a page in the first and in the second half of the pages: growth with the log would show here. */
  readonly rssHalvesMb: readonly [number, number];
}

class BudgetSpent extends Error {}

/** rebuildProjection from the SQLite store into a fresh view store; events/s over the whole rebuild (both passes) or until the budget. */
export async function rebuild(input: RebuildInput): Promise<RebuildOutcome> {
  const store = createSqliteEventStore({ path: input.storePath });
  const views: ViewStore =
    input.target.kind === 'sqlite' ? createSqliteViewStore({ path: input.target.path }) : createRedisViewStore({ redis: input.target.url, prefix: input.target.prefix });
  let applied = 0;
  const counted: ViewStore = {
    ...views,
    async apply(projection, version, mark, writes) {
      const result = await views.apply(projection, version, mark, writes);
      applied++;
      return result;
    },
    // The rebuild's first pass applies the net effect of a few pages of events at a time: each
    // aggregate's mark moves by the number of its events applied.
    async applyNet(projection, version, net) {
      const result = await views.applyNet(projection, version, net);
      if (result) for (const { from, to } of net.marks.values()) applied += to - from;
      return result;
    },
  };
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const rssSamples: number[] = [];
  const halves = (): [number, number] => {
    const middle = Math.ceil(rssSamples.length / 2);
    const max = (samples: number[]) => Math.round(Math.max(0, ...samples) / 2 ** 20);
    return [max(rssSamples.slice(0, middle)), max(rssSamples.slice(middle))];
  };
  try {
    await rebuildProjection({
      projection: REBUILT_PROJECTIONS[input.projection](),
      store,
      viewStore: counted,
      batchSize: SQLITE_READ_ALL_MAX_PAGE,
      onProgress: () => {
        rssSamples.push(process.memoryUsage().rss);
        if (elapsed() > input.budgetSeconds) throw new BudgetSpent();
      },
    });
    return { events: applied, seconds: elapsed(), complete: true, rssHalvesMb: halves() };
  } catch (error) {
    if (error instanceof BudgetSpent) return { events: applied, seconds: elapsed(), complete: false, rssHalvesMb: halves() };
    throw error;
  } finally {
    await views.close();
    await store.close();
    if (input.target.kind === 'redis') await deleteRedisKeys(input.target.url, `${input.target.prefix}:*`);
  }
}

/** Loads what a rebuild process loads and does nothing: the RSS floor of a process under tsx. */
export async function idleProcess(): Promise<{ loaded: number }> {
  return { loaded: Object.keys(REBUILT_PROJECTIONS).length };
}
