import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The benchmarks `pnpm bench` knows, in the order it runs them. */
export const BENCHMARKS = ['append', 'relay', 'projection', 'http', 'rebuild'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** Sizes and endpoints of one bench run; every size has an env variable and a default that fits a 2-core machine. */
export interface BenchConfig {
  readonly kafkaBrokers: readonly string[];
  readonly redisUrl: string;
  /** Where SQLite files of the run go (removed afterwards); on the disk a deployment would use. */
  readonly workDir: string;
  readonly only: readonly BenchmarkName[];
  /** docs/performance.md is written only when every benchmark ran, or when this is set. */
  readonly docPath: string | undefined;
  readonly appendEvents: number;
  readonly appendBatchEvents: number;
  readonly appendBatchSize: number;
  readonly relayEvents: number;
  readonly relayBatchSize: number;
  readonly projectionEvents: number;
  readonly httpSeconds: number;
  readonly httpConnections: number;
  /** The HTTP load takes turns between the two servers in this many slices each. */
  readonly httpSlices: number;
  readonly latencySeconds: number;
  readonly latencyPollMs: number;
  readonly latencySamplesPerSecond: number;
  readonly rebuildEvents: number;
  readonly rebuildRedisEvents: number;
  /** Each rebuild is stopped after this long; at the 50,000 events/s target 1,000,000 events take 20 s. */
  readonly rebuildSeconds: number;
  /** Longest a single part process may run before it is killed. */
  readonly partTimeoutMs: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.replaceAll('_', '').replaceAll(',', '');
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${env[name]}"`);
  return value;
}

/** Reads the run's configuration from the environment; throws on a malformed value. */
export function loadBenchConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const only = (env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`BENCH_ONLY names unknown benchmarks ${unknown.join(', ')}; choose from ${BENCHMARKS.join(', ')}`);
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    workDir: env.BENCH_DIR ?? join(tmpdir(), 'backbone-bench'),
    only: only.length > 0 ? (only as BenchmarkName[]) : [...BENCHMARKS],
    docPath: env.BENCH_DOC,
    appendEvents: positiveInt(env, 'BENCH_APPEND_EVENTS', 2_000),
    appendBatchEvents: positiveInt(env, 'BENCH_APPEND_BATCH_EVENTS', 20_000),
    appendBatchSize: positiveInt(env, 'BENCH_APPEND_BATCH_SIZE', 100),
    relayEvents: positiveInt(env, 'BENCH_RELAY_EVENTS', 30_000),
    relayBatchSize: positiveInt(env, 'BENCH_RELAY_BATCH_SIZE', 500),
    projectionEvents: positiveInt(env, 'BENCH_PROJECTION_EVENTS', 100_000),
    httpSeconds: positiveInt(env, 'BENCH_HTTP_SECONDS', 15),
    httpConnections: positiveInt(env, 'BENCH_HTTP_CONNECTIONS', 16),
    httpSlices: positiveInt(env, 'BENCH_HTTP_SLICES', 3),
    latencySeconds: positiveInt(env, 'BENCH_LATENCY_SECONDS', 20),
    latencyPollMs: positiveInt(env, 'BENCH_LATENCY_POLL_MS', 5),
    latencySamplesPerSecond: positiveInt(env, 'BENCH_LATENCY_SAMPLES_PER_S', 10),
    rebuildEvents: positiveInt(env, 'BENCH_REBUILD_EVENTS', 1_000_000),
    rebuildRedisEvents: positiveInt(env, 'BENCH_REBUILD_REDIS_EVENTS', 1_000_000),
    rebuildSeconds: positiveInt(env, 'BENCH_REBUILD_SECONDS', 30),
    partTimeoutMs: positiveInt(env, 'BENCH_PART_TIMEOUT_S', 300) * 1000,
  };
}
