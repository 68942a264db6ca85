// The store-append part: ours and the raw baseline in one process, append by append in
// alternation, so both meet the same disk at the same moments (an fsync's cost swings with
// whatever else the machine writes).
import { join } from 'node:path';
import type { Envelope } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { interleavedTaskEvents, longTaskStreams, take } from '../../fixtures/taskEnvelopes.ts';
import { eventRow, INSERT_EVENT, openRawEventTable } from '../../fixtures/sqliteEventLog.ts';
import type { EventRowValues } from '../../fixtures/sqliteEventLog.ts';

export interface AppendInput {
  readonly dir: string;
  readonly events: number;
  /** Events per append (1 = one command at a time). */
  readonly batchSize: number;
  readonly seed: number;
  readonly idPrefix: string;
}

export interface Timed {
  readonly events: number;
  readonly seconds: number;
}

export interface AppendResult {
  readonly ours: Timed;
  readonly raw: Timed;
  readonly pragmas: string;
}

/** The appends of a run: single events of interleaved task histories, or whole streams of `batchSize` events. */
function appends(input: AppendInput, side: string): Envelope[][] {
  const idPrefix = `${input.idPrefix}-${side}`;
  if (input.batchSize === 1) return take(interleavedTaskEvents({ seed: input.seed, idPrefix }), input.events).map((e) => [e]);
  return longTaskStreams({ seed: input.seed, idPrefix, streams: Math.ceil(input.events / input.batchSize), length: input.batchSize });
}

/**
 * createSqliteEventStore (each append checks the stream's expected version, inserts, commits)
 * against raw better-sqlite3 inserts of the same rows into the store's own table with the
 * store's pragmas, one IMMEDIATE transaction per append. Each side has its own file.
 */
export async function appendSideBySide(input: AppendInput): Promise<AppendResult> {
  const oursBatches = appends(input, 'ours');
  const rawBatches = appends(input, 'raw');
  const store = createSqliteEventStore({ path: join(input.dir, `append-ours-${input.batchSize}.db`) });
  const { db, pragmas } = await openRawEventTable(join(input.dir, `append-raw-${input.batchSize}.db`));
  const insert = db.prepare<EventRowValues>(INSERT_EVENT);
  const rawTransaction = db.transaction((batch: readonly Envelope[]) => {
    for (const envelope of batch) insert.run(...eventRow(envelope));
  });
  const appendOurs = async (batch: readonly Envelope[]) => {
    const first = batch[0]!;
    await store.append(first.subject, batch, first.streamversion === 1 ? 'no_stream' : first.streamversion - 1);
  };
  let oursMs = 0;
  let rawMs = 0;
  const timed = async (work: () => unknown): Promise<number> => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  try {
    for (let i = 0; i < oursBatches.length; i++) {
      const ours = oursBatches[i]!;
      const raw = rawBatches[i]!;
      // Which side goes first alternates too.
      if (i % 2 === 0) {
        rawMs += await timed(() => rawTransaction.immediate(raw));
        oursMs += await timed(() => appendOurs(ours));
      } else {
        oursMs += await timed(() => appendOurs(ours));
        rawMs += await timed(() => rawTransaction.immediate(raw));
      }
    }
  } finally {
    await store.close();
    db.close();
  }
  const events = oursBatches.reduce((sum, batch) => sum + batch.length, 0);
  return {
    ours: { events, seconds: oursMs / 1000 },
    raw: { events, seconds: rawMs / 1000 },
    pragmas: `journal_mode=${pragmas.journalMode}, synchronous=${pragmas.synchronous}`,
  };
}
