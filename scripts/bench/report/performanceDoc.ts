import type { BenchConfig } from '../harness/benchConfig.ts';
import type { BenchSection } from '../harness/benchmark.ts';
import { count } from '../harness/format.ts';
import type { MachineFacts } from './machine.ts';
import { resultTable } from './table.ts';

export interface PerformanceDocInput {
  readonly sections: readonly BenchSection[];
  readonly machine: MachineFacts;
  readonly config: BenchConfig;
  readonly totalSeconds: number;
}

function sizes(config: BenchConfig): string[] {
  return [
    `BENCH_APPEND_EVENTS=${count(config.appendEvents)}, BENCH_APPEND_BATCH_EVENTS=${count(config.appendBatchEvents)} (BENCH_APPEND_BATCH_SIZE=${config.appendBatchSize})`,
    `BENCH_RELAY_EVENTS=${count(config.relayEvents)} (BENCH_RELAY_BATCH_SIZE=${config.relayBatchSize})`,
    `BENCH_PROJECTION_EVENTS=${count(config.projectionEvents)}`,
    `BENCH_HTTP_SECONDS=${config.httpSeconds}, BENCH_HTTP_CONNECTIONS=${config.httpConnections}, BENCH_HTTP_SLICES=${config.httpSlices}`,
    `BENCH_LATENCY_SECONDS=${config.latencySeconds}, BENCH_LATENCY_POLL_MS=${config.latencyPollMs}, BENCH_LATENCY_SAMPLES_PER_S=${config.latencySamplesPerSecond}`,
    `BENCH_REBUILD_EVENTS=${count(config.rebuildEvents)}, BENCH_REBUILD_REDIS_EVENTS=${count(config.rebuildRedisEvents)}, BENCH_REBUILD_SECONDS=${config.rebuildSeconds} (the budget of each rebuild)`,
  ];
}

/** docs/performance.md: the table of one `pnpm bench` run, the machine, and what limits each figure. */
export function performanceDoc(input: PerformanceDocInput): string {
  const { machine } = input;
  const out = [
    '# Performance',
    '',
    'Written by `pnpm bench` (scripts/bench/run.ts) from one run; do not edit by hand — run it again.',
    'Every figure of ours is set against a raw baseline measured in the same run on the same machine',
    '(raw better-sqlite3, raw kafkajs, bare express, raw ioredis), and reported as a ratio. Targets are',
    'compared, never asserted: no test times anything. Each part runs in a process of its own, with the',
    'Node flags the backbone runs with (a 128 MB old-generation budget), and its peak RSS is that',
    'process\'s (the kernel\'s VmHWM). For the store append and the relay, ours and the',
    'baseline share one process and take turns append by append or batch by batch; each backbone HTTP',
    'server takes turns with a bare express in slices: so both sides of a ratio meet the disk, the broker and the machine in the same',
    'state. Each benchmark, and each rebuild, starts once the machine is quiet (at most 15% of its CPU',
    'time busy or waiting on the disk over a second, waiting 30 s at most), so what an earlier part left',
    'behind (a disk writing back a log, a broker deleting topics) is not measured. Work of others on the',
    'machine still slows every figure: the load line says how busy it was.',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}`,
    `- Memory: ${machine.memory}`,
    `- OS: ${machine.os}`,
    `- ${machine.node}`,
    `- Kafka: ${machine.kafka}`,
    `- Redis: ${machine.redis}`,
    `- Run: ${machine.date}, ${Math.round(input.totalSeconds)} s in all`,
    `- Load: ${machine.load}`,
    '',
    '## Results',
    '',
    resultTable(input.sections),
    '',
    '## What limits each figure',
    '',
  ];
  for (const section of input.sections) {
    if (section.limits.length === 0) continue;
    out.push(`### ${section.title}`, '');
    for (const sentence of section.limits) out.push(`- ${sentence}`);
    out.push('');
  }
  out.push(
    '## Sizes of this run',
    '',
    'Each is an environment variable of `pnpm bench`; the defaults keep a run well under ten minutes on',
    'a 2-core machine. `BENCH_ONLY=append,relay` runs some benchmarks only (the document is then left',
    'alone unless `BENCH_DOC=<path>` is set). Kafka is `KAFKA_BROKERS` (default 127.0.0.1:9092), Redis',
    '`REDIS_URL` (default redis://127.0.0.1:6379); only loopback addresses are accepted.',
    '',
    ...sizes(input.config).map((line) => `- ${line}`),
    '',
  );
  return out.join('\n');
}
