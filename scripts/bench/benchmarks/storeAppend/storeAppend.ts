import { failure } from '../../harness/benchmark.ts';
import type { BenchContext, BenchRow, BenchSection } from '../../harness/benchmark.ts';
import { count, megabytes, percent, perSecond } from '../../harness/format.ts';
import { partsModule, runTask } from '../../harness/runPart.ts';
import type { Timed } from './parts.ts';

const parts = partsModule<typeof import('./parts.ts')>(new URL('./parts.ts', import.meta.url));
const rate = (side: Timed) => side.events / side.seconds;

/** Store append rate: createSqliteEventStore vs raw better-sqlite3 inserts of the same rows, 1 and N events per append. */
export async function storeAppendBenchmark(context: BenchContext): Promise<BenchSection[]> {
  const { config } = context;
  const rows: BenchRow[] = [];
  const limits: string[] = [];
  for (const batchSize of [1, config.appendBatchSize]) {
    const events = batchSize === 1 ? config.appendEvents : config.appendBatchEvents;
    const name = `SQLite append, ${batchSize === 1 ? '1 event per append (one command at a time)' : `${batchSize} events per append`}, ${count(events)} events, appends alternating with the baseline's`;
    try {
      context.progress(`append: ${batchSize} per append, createSqliteEventStore and raw better-sqlite3 side by side`);
      const outcome = await runTask(parts, 'appendSideBySide', { dir: context.workDir, events, batchSize, seed: 7 + batchSize, idPrefix: `task-${context.runId}` }, { timeoutMs: config.partTimeoutMs });
      const { ours, raw, pragmas } = outcome.result;
      const ratio = rate(ours) / rate(raw);
      rows.push({
        name,
        ours: perSecond(rate(ours), 'events'),
        baseline: `${perSecond(rate(raw), 'events')} (raw better-sqlite3, the store's table, ${pragmas})`,
        ratio,
        peakRss: `${megabytes(outcome.peakRssBytes)} (one process for both)`,
      });
      const commitMs = (1000 * raw.seconds) / (raw.events / batchSize);
      limits.push(
        batchSize === 1
          ? `One event per append: both sides commit, and so fsync the WAL (synchronous=FULL), once per event — ${commitMs.toFixed(2)} ms per commit raw on this disk in this run — so the disk sets the pace; the store adds its expected-version check (SELECT MAX(stream_version) of the stream), the promise around better-sqlite3's synchronous call and its error mapping: ours / raw = ${percent(ratio)}.`
          : `${batchSize} events per append: one commit (${commitMs.toFixed(2)} ms raw) is shared by ${batchSize} inserts, so the per-row work — JSON.stringify of the envelope and the two unique indexes (event_id; stream, stream_version) both sides maintain — counts for more, and the store adds one version check per append: ours / raw = ${percent(ratio)}.`,
      );
    } catch (error) {
      rows.push({ name, skipped: failure(error) });
    }
  }
  limits.push('Each side appends to its own file in the same process, append by append in alternation, so both meet the disk in the same state; rows are built from the same realistic task histories (CloudEvents envelopes with their hash chain, 0.5–0.7 kB of JSON each).');
  return [{ title: 'Store append (SQLite)', rows, limits }];
}
