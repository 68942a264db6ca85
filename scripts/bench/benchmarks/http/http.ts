import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failure, unavailable } from '../../harness/benchmark.ts';
import type { BenchContext, BenchRow, BenchSection } from '../../harness/benchmark.ts';
import { count, megabytes, millis, percent, perSecond, quantile } from '../../harness/format.ts';
import { partsModule, runTask, startService } from '../../harness/runPart.ts';
import { withTopics } from '../../fixtures/kafkaTopics.ts';
import { waitUntilReady } from './httpClient.ts';
import type { ThroughputResult } from './load.ts';

const backboneServer = partsModule<typeof import('./backboneServer.ts')>(new URL('./backboneServer.ts', import.meta.url));
const bareExpressServer = partsModule<typeof import('./bareExpressServer.ts')>(new URL('./bareExpressServer.ts', import.meta.url));
const loadParts = partsModule<typeof import('./load.ts')>(new URL('./load.ts', import.meta.url));
const REFERENCE_CONFIG = fileURLToPath(new URL('../../../../config/reference.json', import.meta.url));
const WARMUP_SECONDS = 2;
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

/** "n commands/s (n in s of load + s until it had caught up)", with the failures if any. */
function describeLoad(load: ThroughputResult): string {
  const rate = load.commands / load.seconds;
  const errors = load.errors > 0 ? ` (${count(load.errors)} failed: ${load.firstError})` : '';
  return `${perSecond(rate, 'commands')} (${count(load.commands)} in ${(load.seconds - load.drainSeconds).toFixed(0)} s of load + ${load.drainSeconds.toFixed(1)} s until it had caught up)${errors}`;
}

/** HTTP command throughput (embedded backbone vs bare express) and command-to-board latency at half the backbone's peak. */
export async function httpBenchmark(context: BenchContext): Promise<BenchSection[]> {
  const { config } = context;
  const throughputName = `create + assign + accept over HTTP, ${config.httpConnections} keep-alive connections, ${config.httpSeconds} s per server in alternating slices`;
  const latencyName = 'Command → board visible, p50 / p99';
  const throughputTarget = `≥ ${percent(TARGET_RATIO)} of bare express`;
  const latencyTarget = `p99 ≤ ${TARGET_P99_MS} ms at half load`;
  const options = { timeoutMs: config.partTimeoutMs };
  const dataDir = (name: string) => {
    const dir = join(context.workDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const sliceSeconds = Math.max(1, Math.round(config.httpSeconds / config.httpSlices));
  const distributedName = `${throughputName}: distributed (commands API, relay, and projections with the inbox router, three processes)`;
  const distributedSkip = unavailable(context.kafka, context.redis);
  const namespace = `bench-${context.runId}-http`;

  // Servers still running when something fails are killed, not left to their part timeout.
  const started: { kill(): void }[] = [];
  const start = async <T extends { kill(): void }>(service: Promise<T>) => {
    const handle = await service;
    started.push(handle);
    return handle;
  };
  const killAll = () => {
    for (const handle of started.splice(0)) handle.kill();
  };

  /**
   * The distributed deployment, each part in a process of its own: the commands API, the relay
   * (sharing the API's SQLite event store file) and the read side (projections and inbox router,
   * Kafka → Redis). The API is ready once the read side has projected the reference directory.
   */
  async function startDistributed(dir: string) {
    const part = (targets: string) =>
      start(startService(backboneServer, 'backboneServer', { dataDir: dir, referenceConfig: REFERENCE_CONFIG, distributed: { targets, brokers: config.kafkaBrokers, redisUrl: config.redisUrl, namespace } }, options));
    const api = await part('reference,tasks');
    const relay = await part('relay');
    const readSide = await part('projections,inbox-router');
    await waitUntilReady(api.info.url, 60_000);
    return {
      target: { ...api.info, drainUrls: [relay.info.url, readSide.info.url, api.info.url] },
      stop: async () => ({ api: await api.stop(), relay: await relay.stop(), readSide: await readSide.stop() }),
    };
  }

  const measureThroughput = async (): Promise<{ throughput: BenchRow; distributedThroughput: BenchRow; distributedLimit: string; peak: number }> => {
    context.progress(`http: bare express 5, the embedded backbone, and the distributed deployment (commands API, relay, read side), each in processes of its own; the load takes turns, ${config.httpSlices} slices of ${sliceSeconds} s each`);
    const bare = await start(startService(bareExpressServer, 'expressServer', {}, options));
    const backbone = await start(startService(backboneServer, 'backboneServer', { dataDir: dataDir('http-throughput'), referenceConfig: REFERENCE_CONFIG }, options));
    const distributed = distributedSkip ? undefined : await startDistributed(dataDir('http-distributed'));
    const targets = [bare.info, { ...backbone.info, drainUrls: [backbone.info.url] }, ...(distributed ? [distributed.target] : [])];
    const load = await runTask(loadParts, 'commandThroughput', { targets, connections: config.httpConnections, slices: config.httpSlices, sliceSeconds, warmupSeconds: WARMUP_SECONDS }, options);
    const bareServer = await bare.stop();
    const oursServer = await backbone.stop();
    const distributedServers = distributed ? await distributed.stop() : undefined;
    const [bareLoad, oursLoad, distributedLoad] = load.result;
    if (!bareLoad || !oursLoad) throw new Error('the load generator answered no result for a server');
    if (oursLoad.commands === 0) throw new Error(`no command succeeded: ${oursLoad.firstError ?? 'no answer'}`);
    const peak = oursLoad.commands / oursLoad.seconds;
    const bareRate = bareLoad.commands / bareLoad.seconds;
    const baseline = `${perSecond(bareRate, 'requests')} (bare express 5, express.json(), same bodies)`;
    const throughput: BenchRow = {
      name: `${throughputName}: embedded (every part in one process)`,
      ours: describeLoad(oursLoad),
      baseline,
      ratio: peak / bareRate,
      target: throughputTarget,
      met: peak / bareRate >= TARGET_RATIO,
      peakRss: `server ${megabytes(oursServer.peakRssBytes)} / bare ${megabytes(bareServer.peakRssBytes)}`,
    };
    let distributedThroughput: BenchRow;
    let distributedLimit = '';
    if (distributedSkip || !distributedLoad || !distributedServers) {
      distributedThroughput = { name: distributedName, target: throughputTarget, skipped: distributedSkip ?? 'failed: the load generator answered no result for it' };
    } else {
      const rate = distributedLoad.commands / distributedLoad.seconds;
      distributedThroughput = {
        name: distributedName,
        ours: describeLoad(distributedLoad),
        baseline,
        ratio: rate / bareRate,
        target: throughputTarget,
        met: distributedLoad.commands > 0 && rate / bareRate >= TARGET_RATIO,
        peakRss: `API ${megabytes(distributedServers.api.peakRssBytes)} / relay ${megabytes(distributedServers.relay.peakRssBytes)} / read side ${megabytes(distributedServers.readSide.peakRssBytes)}`,
      };
      const answered = distributedLoad.commands / (distributedLoad.seconds - distributedLoad.drainSeconds);
      distributedLimit = `Distributed: the same load on the deployment split into processes — the commands API (TARGETS=reference,tasks), the relay (TARGETS=relay) sharing the API's SQLite event store file, and the read side (TARGETS=projections,inbox-router) fed through Kafka and writing to Redis — on the same 2 cores. The API answered ${perSecond(answered, 'commands')} during its slices, and the relay and read side then needed ${distributedLoad.drainSeconds.toFixed(1)} s in all to catch up, against ${oursLoad.drainSeconds.toFixed(1)} s for the embedded backbone. So the split is ${rate >= peak ? 'no slower' : 'slower'} here than one process: it adds the Kafka and Redis round trips, the records' encoding and decoding, and a runtime per process, and on 2 cores it gains no core. It pays where each process has cores of its own, which is what the distributed mode is for.`;
    }
    started.splice(0);
    return { throughput, distributedThroughput, distributedLimit, peak };
  };
  let measured: Awaited<ReturnType<typeof measureThroughput>>;
  try {
    // The distributed processes create their topics and groups under the run's namespace; they go afterwards.
    measured = await (distributedSkip ? measureThroughput() : withTopics(config.kafkaBrokers, namespace, [], measureThroughput));
  } catch (error) {
    killAll();
    const skipped = failure(error);
    return [
      {
        title: 'HTTP commands',
        rows: [
          { name: throughputName, target: throughputTarget, skipped },
          { name: distributedName, target: throughputTarget, skipped },
          { name: latencyName, target: latencyTarget, skipped },
        ],
        limits: [],
      },
    ];
  }

  const { throughput, distributedThroughput, distributedLimit, peak } = measured;
  let latency: BenchRow;
  let latencyLimit = '';
  try {
    const rate = peak / 2;
    context.progress(`http: command-to-board latency at ${count(rate)} commands/s (half of the measured peak), fresh embedded backbone`);
    const backbone = await start(startService(backboneServer, 'backboneServer', { dataDir: dataDir('http-latency'), referenceConfig: REFERENCE_CONFIG }, options));
    const probe = await runTask(
      loadParts,
      'commandToBoardLatency',
      { url: backbone.info.url, tokens: backbone.info.tokens, rate, seconds: config.latencySeconds, pollMs: config.latencyPollMs, samplesPerSecond: config.latencySamplesPerSecond, department: 'civil-affairs' },
      options,
    );
    const server = await backbone.stop();
    const samples = probe.result.latenciesMs;
    const p50 = quantile(samples, 0.5);
    const p99 = quantile(samples, 0.99);
    const trouble = [
      probe.result.timeouts > 0 ? `${probe.result.timeouts} not visible within 5 s` : '',
      probe.result.errors > 0 ? `${probe.result.errors} failed: ${probe.result.firstError}` : '',
    ].filter(Boolean);
    latency = {
      name: `${latencyName} at ${count(probe.result.commands / probe.result.seconds)} commands/s achieved (${count(rate)} offered = half of peak), ${count(samples.length)} samples`,
      ours: `${millis(p50)} / ${millis(p99)} (max ${millis(Math.max(...samples))})${trouble.length > 0 ? `; ${trouble.join('; ')}` : ''}`,
      target: latencyTarget,
      met: probe.result.timeouts === 0 && p99 <= TARGET_P99_MS,
      peakRss: `server ${megabytes(server.peakRssBytes)}`,
    };
    const cause =
      p50 >= 50
        ? `At this load the hops queue behind the commands on the one event loop (p50 ${millis(p50)}, p99 ${millis(p99)}).`
        : `At this load each hop is taken at once (p50 ${millis(p50)}, p99 ${millis(p99)}); the rest is the projection's SQLite writes and the poll.`;
    latencyLimit = `Command → board: from a command's 2xx until GET /api/board/departments/civil-affairs?waitFor=<task>@<version>&waitMs=0 answers caughtUp (polled every ${config.latencyPollMs} ms), for a sample of the commands of an open-loop schedule at half the measured peak. In the embedded mode an event goes: append commits; the relay — woken by appends in its own process: a cycle starts as soon as an append is notified, at most 20 ms after a cycle during which appends were notified, and every 50 ms when idle — copies it to the embedded bus; the bus wakes its consumers at once; the one-board projection applies it to SQLite. ${cause}`;
    started.splice(0);
  } catch (error) {
    killAll();
    latency = { name: latencyName, target: latencyTarget, skipped: failure(error) };
  }
  return [
    {
      title: 'HTTP commands',
      rows: [throughput, distributedThroughput, latency],
      limits: [
        `Throughput: one generator (a keep-alive node:http client, ${config.httpConnections} connections, closed loop, in a process of its own) drives the servers, each in its own process on the same 2 cores; the load takes turns between them in ${config.httpSlices} slices of ${sliceSeconds} s each (after ${WARMUP_SECONDS} s of warm-up each), so both meet the machine in the same states. After each of its slices the backbone's time runs on until its /metrics show nothing left for the relay to publish or for a consumer group (router, projections) to handle — work it owes for the commands it answered, which would otherwise run during bare express's next slice — so its rate is one it can sustain. Bare express only parses the JSON and answers. A backbone command also checks the JWT (a verified token is remembered, so a client's repeated credential costs one ES256 verification), the rate limit and the zod body, loads the task's stream from SQLite, decides, validates and hash-chains the envelopes and appends them — and the same event loop then runs the embedded relay, the inbox router and the four projections on every event. The fsyncs are shared: appends asked for during one turn of the event loop go into one transaction with synchronous=FULL (group commit, each in a savepoint so a conflict fails alone), and so do the bus's publishes (the relay's batch, the router's copies of an event to each department), while consumer offsets and the relay's checkpoint are committed without an fsync (a lost one only redelivers). A CPU profile of the server under this load (BENCH_CPU_PROFILE_DIR), taken after the inbox router was made to handle chunks (before, it committed the bus once per event and fell seconds behind at this load), puts about a quarter of its busy time inside SQLite COMMITs, which better-sqlite3 runs on the event loop, so nothing else runs meanwhile: half of that the group commits of the event store and of the bus's record log (with their fsyncs), half the view stores' transactions (one per chunk for each of the four projections and the router: no fsync, but WAL writes and checkpoints). Then about a fifth in the projections' own work, a sixth in express and body parsing, a ninth in the embedded bus's consumers and offset commits, a tenth in the command itself (stream load, decision, envelopes, hash chain) and a sixteenth in garbage collection. No one cost dominates; what would help most is taking the SQLite writes off the event loop (a writer thread with connections of its own), which has not been built. The rest is the price of doing on one event loop, per command, what bare express does not do at all, which the ${percent(throughput.ratio ?? 0)} ratio measures.`,
        ...(distributedLimit ? [distributedLimit] : []),
        ...(latencyLimit ? [latencyLimit] : []),
      ],
    },
  ];
}
