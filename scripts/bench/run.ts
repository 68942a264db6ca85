// `pnpm bench`: runs every benchmark (each part in a process of its own), prints one table and
// writes docs/performance.md. Ratios against raw baselines measured in this same run; targets
// are compared, never asserted.
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpBenchmark } from './benchmarks/http/http.ts';
import { projectionBenchmark } from './benchmarks/projection/projection.ts';
import { rebuildBenchmark } from './benchmarks/rebuild/rebuild.ts';
import { relayBenchmark } from './benchmarks/relay/relay.ts';
import { storeAppendBenchmark } from './benchmarks/storeAppend/storeAppend.ts';
import { BENCHMARKS, loadBenchConfig } from './harness/benchConfig.ts';
import type { BenchmarkName } from './harness/benchConfig.ts';
import { failure } from './harness/benchmark.ts';
import type { BenchContext, Benchmark, BenchSection } from './harness/benchmark.ts';
import { settle } from './harness/quietMachine.ts';
import { kafkaAvailability, redisAvailability } from './harness/servers.ts';
import { machineFacts } from './report/machine.ts';
import { performanceDoc } from './report/performanceDoc.ts';
import { resultTable } from './report/table.ts';

const benchmarks: Record<BenchmarkName, Benchmark> = {
  append: storeAppendBenchmark,
  relay: relayBenchmark,
  projection: projectionBenchmark,
  http: httpBenchmark,
  rebuild: rebuildBenchmark,
};

const DEFAULT_DOC = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));

async function main(): Promise<void> {
  const config = loadBenchConfig(process.env);
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const runId = randomUUID().slice(0, 8);
  const workDir = join(config.workDir, runId);
  mkdirSync(workDir, { recursive: true });
  const progress = (message: string) => process.stderr.write(`[bench ${Math.round((performance.now() - started) / 1000)}s] ${message}\n`);

  const [kafka, redis] = await Promise.all([kafkaAvailability(config.kafkaBrokers), redisAvailability(config.redisUrl)]);
  progress(`Kafka: ${kafka.available ? kafka.version : kafka.reason}; Redis: ${redis.available ? redis.version : redis.reason}`);
  const context: BenchContext = { config, kafka, redis, runId, workDir, progress };

  const sections: BenchSection[] = [];
  try {
    for (const name of BENCHMARKS) {
      if (!config.only.includes(name)) continue;
      try {
        await settle(progress, name);
        sections.push(...(await benchmarks[name](context)));
      } catch (error) {
        sections.push({ title: name, rows: [{ name: 'whole benchmark', skipped: failure(error) }], limits: [] });
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${resultTable(sections)}\n\n`);
  const everything = config.only.length === BENCHMARKS.length;
  const docPath = config.docPath ?? (everything ? DEFAULT_DOC : undefined);
  if (docPath) {
    const machine = machineFacts({ kafka, redis }, new Date(), loadAtStart);
    writeFileSync(docPath, performanceDoc({ sections, machine, config, totalSeconds }));
    progress(`wrote ${docPath}`);
  } else {
    progress('BENCH_ONLY ran some benchmarks only: docs/performance.md left alone (set BENCH_DOC=<path> to write one)');
  }
  progress(`done in ${Math.round(totalSeconds)} s`);
}

await main();
