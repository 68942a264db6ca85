import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failure, unavailable } from '../../harness/benchmark.ts';
import type { BenchContext, BenchRow, BenchSection } from '../../harness/benchmark.ts';
import { count, megabytes, millis, percent, perSecond, quantile } from '../../harness/format.ts';
import { partsModule, runTask, startService } from '../../harness/runPart.ts';
import { deleteRedisKeys } from '@backbone/testkit/redisKeys';
import { withTopics } from '../../fixtures/kafkaTopics.ts';
import { sampleValue, waitUntilReady } from './httpClient.ts';
import type { LoadTarget, ThroughputResult } from './load.ts';

const backboneServer = partsModule<typeof import('./backboneServer.ts')>(new URL('./backboneServer.ts', import.meta.url));
const bareExpressServer = partsModule<typeof import('./bareExpressServer.ts')>(new URL('./bareExpressServer.ts', import.meta.url));
const httpStackServer = partsModule<typeof import('./httpStackServer.ts')>(new URL('./httpStackServer.ts', import.meta.url));
const loadParts = partsModule<typeof import('./load.ts')>(new URL('./load.ts', import.meta.url));
const REFERENCE_CONFIG = fileURLToPath(new URL('../../../../config/reference.json', import.meta.url));
const WARMUP_SECONDS = 2;
const TARGET_RATIO = 0.5;
const THROUGHPUT_TARGET = `≥ ${percent(TARGET_RATIO)} of bare express`;
const TARGET_P99_MS = 50;

/** "n commands/s (n in s of load + s until it had caught up)", with the failures if any. */
function describeLoad(load: ThroughputResult): string {
  const rate = load.commands / load.seconds;
  const errors = load.errors > 0 ? ` (${count(load.errors)} failed: ${load.firstError})` : '';
  return `${perSecond(rate, 'commands')} (${count(load.commands)} in ${(load.seconds - load.drainSeconds).toFixed(0)} s of load + ${load.drainSeconds.toFixed(1)} s until it had caught up)${errors}`;
}

/**
 * A server's throughput row from the load's results ([bare express, server], the two having
 * taken turns), set against the target unless `againstTarget` is false; throws when the load
 * answered nothing for one of them or no command succeeded.
 */
function versusBare(
  name: string,
  results: readonly (ThroughputResult | undefined)[],
  peakRss: string,
  { againstTarget = true }: { againstTarget?: boolean } = {},
): { row: BenchRow; ours: ThroughputResult; rate: number; bareRate: number } {
  const [bare, ours] = results;
  if (!bare || !ours) throw new Error('the load generator answered no result for a server');
  if (ours.commands === 0) throw new Error(`no command succeeded: ${ours.firstError ?? 'no answer'}`);
  const rate = ours.commands / ours.seconds;
  const bareRate = bare.commands / bare.seconds;
  return {
    ours,
    rate,
    bareRate,
    row: {
      name,
      ours: describeLoad(ours),
      baseline: `${perSecond(bareRate, 'requests')} (bare express 5, express.json(), same bodies)`,
      ratio: rate / bareRate,
      ...(againstTarget ? { target: THROUGHPUT_TARGET, met: rate / bareRate >= TARGET_RATIO } : {}),
      peakRss,
    },
  };
}

/** Rates of the part where the commands API alone and the HTTP stack alone took turns with one bare express. */
interface ApiAloneRates {
  readonly api: number;
  readonly stack: number;
  readonly bare: number;
}

/**
 * What the API-alone and HTTP-stack rows say: both servers' event loops are saturated under the
 * closed loop (one core each, the generator on the other), so a command's share of a loop is
 * 1/rate. The embedded backbone's share less the API's is the read side's work for that
 * command's events; the API's share less the stack's is the command's own work; and the target
 * allows a loop 1/(half of bare express's rate) per command.
 */
function apiAloneLimit(embeddedRate: number, rates: ApiAloneRates): string {
  const embeddedMs = 1000 / embeddedRate;
  const apiMs = 1000 / rates.api;
  const stackMs = 1000 / rates.stack;
  const allowedMs = 1000 / (rates.bare * TARGET_RATIO);
  const readSideMs = embeddedMs - apiMs;
  const commandMs = apiMs - stackMs;
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const budget =
    allowedMs > stackMs
      ? `leaves ${ms(allowedMs - stackMs)} for the command's own work, which takes ${ms(commandMs)}, ${(commandMs / (allowedMs - stackMs)).toFixed(1)} times that,`
      : `leaves nothing for the command's own work, which takes ${ms(commandMs)},`;
  return `Commands API alone: the same load on a process running only the commands API (TARGETS=reference,tasks) over the embedded backbone's files, with nothing relaying or projecting what it appends. Every command still checks its JWT, rate limit and body, loads its stream, decides, hash-chains and appends with its fsync: this is what the command path costs. Its event loop spent ${ms(apiMs)} per command (${perSecond(rates.api, 'commands')}), the embedded backbone's ${ms(embeddedMs)}, so ${ms(readSideMs)} of each embedded command (${percent(readSideMs / embeddedMs)}) is the relay, the inbox router and the four projections doing their part for its event. Both parts keep the rows below the target: the read side's, which the embedded process runs on the same loop and the distributed deployment on the same 2 cores (a thread or process of its own only moves where its time is spent), and the command path's, which alone reaches ${percent(rates.api / rates.bare)} of bare express. The HTTP stack alone, which took its turns in the same load (the service kit's app as the backbone builds it — correlation id, request metrics and log, timeout, JWT authentication, rate limit, JSON body limits, problem details — with the tasks API's routes and zod schemas, over a handler that answers each command without deciding or storing anything), reached ${percent(rates.stack / rates.bare)} of bare express: ${ms(stackMs)} of its loop per request. At ${percent(TARGET_RATIO)} of bare express (${perSecond(rates.bare * TARGET_RATIO, 'commands')}) a command may take ${ms(allowedMs)} of the loop; the HTTP stack ${budget}: loading the stream, deciding, building and hash-chaining the envelopes and the append with its group-committed fsync. So the commands API alone would meet the target only with the command's own work cut to that, and the embedded backbone only with that and the read side's ${ms(readSideMs)} per command off its loop as well. A CPU profile of the distributed deployment's API process, which runs the same command path (BENCH_CPU_PROFILE_DIR, 2026-12-02), put about three eighths of its busy time in node:http, express and its router and body parsing (bare express's own work, with more middleware: correlation id, request metrics and log, timeout, authentication, rate limit), a sixth in the stream's read and the group commit (SQLite, with the fsync), a tenth in the rest of the command (decision, envelopes and their SHA-256 hash chain over canonical JSON), a fourteenth in the service kit's middleware itself, a twentieth in zod, and a twenty-fifth in garbage collection. Keeping each stream's last state between commands (tried 2026-12-02: a bounded cache checked by the append's expected version) made no difference beyond this machine's noise (tried again later that day, the API alone with the cache against without, each order once, 6 slices of 5 s each: +5% and −2%), since a task's stream is one or two events long when it is read. Nor did taking the group commit's fsync off the event loop (tried 2026-12-02: committing at synchronous=NORMAL, then fsyncing the WAL in libuv's thread pool before answering the appends): the API alone was 2% faster, within the noise, since a COMMIT costs its WAL writes more than its fsync.`;
}

/** prom-client samples the event loop with a 10 ms timer, and each sample counts that interval in. */
const LOOP_SAMPLE_MS = 10;

/**
 * How long a server's event loop was held up (p99 and max, ms, less the sampling interval) since
 * the previous read of its /metrics: prom-client resets the histogram each time it is read.
 * Undefined when the server does not show it.
 */
async function eventLoopDelay(url: string): Promise<{ p99Ms: number; maxMs: number } | undefined> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const seconds = (name: string) => {
    const line = metrics.split('\n').find((l) => l.startsWith(`backbone_process_nodejs_eventloop_lag_${name}_seconds`));
    return line === undefined ? undefined : sampleValue(line);
  };
  const p99 = seconds('p99');
  const max = seconds('max');
  if (p99 === undefined || max === undefined) return undefined;
  const heldUp = (value: number) => Math.max(0, value * 1000 - LOOP_SAMPLE_MS);
  return { p99Ms: heldUp(p99), maxMs: heldUp(max) };
}

/**
 * HTTP command throughput against bare express (the embedded backbone, then the distributed
 * deployment) and command-to-board latency at half the embedded backbone's peak.
 */
export async function httpBenchmark(context: BenchContext): Promise<BenchSection[]> {
  const { config } = context;
  const throughputName = `create + assign + accept over HTTP, ${config.httpConnections} keep-alive connections, ${config.httpSeconds} s per server in alternating slices`;
  const latencyName = 'Command → board visible, p50 / p99';
  const latencyTarget = `p99 ≤ ${TARGET_P99_MS} ms at half load`;
  const options = { timeoutMs: config.partTimeoutMs };
  const dataDir = (name: string) => {
    const dir = join(context.workDir, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const sliceSeconds = Math.max(1, Math.round(config.httpSeconds / config.httpSlices));
  const embeddedName = `${throughputName}: embedded (every part in one process)`;
  const distributedName = `${throughputName}: distributed (commands API, relay, and projections with the inbox router: three processes), against a bare express of its own`;
  const apiAloneName = `${throughputName}: the commands API alone (TARGETS=reference,tasks over the embedded stores: nothing relays or projects its events), against a bare express of its own`;
  const stackName = `${throughputName}: the HTTP stack alone — the service kit's app with the tasks API's routes and zod schemas over a command handler that stores nothing (not a backbone: the ceiling of any command path here), taking turns with the commands API alone and its bare express`;

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

  let throughput: BenchRow;
  let peak: number;
  try {
    context.progress(`http: bare express 5 and the embedded backbone, each in its own process; the load takes turns, ${config.httpSlices} slices of ${sliceSeconds} s each`);
    const bare = await start(startService(bareExpressServer, 'expressServer', {}, options));
    const backbone = await start(startService(backboneServer, 'backboneServer', { dataDir: dataDir('http-throughput'), referenceConfig: REFERENCE_CONFIG }, options));
    const load = await runTask(
      loadParts,
      'commandThroughput',
      { targets: [bare.info, { ...backbone.info, drainUrls: [backbone.info.url] }], connections: config.httpConnections, slices: config.httpSlices, sliceSeconds, warmupSeconds: WARMUP_SECONDS },
      options,
    );
    const bareServer = await bare.stop();
    const oursServer = await backbone.stop();
    const embedded = versusBare(embeddedName, load.result, `server ${megabytes(oursServer.peakRssBytes)} / bare ${megabytes(bareServer.peakRssBytes)}`);
    throughput = embedded.row;
    peak = embedded.rate;
    started.splice(0);
  } catch (error) {
    killAll();
    const skipped = failure(error);
    const rows: BenchRow[] = [
      { name: embeddedName, target: THROUGHPUT_TARGET, skipped },
      { name: apiAloneName, target: THROUGHPUT_TARGET, skipped },
      { name: stackName, skipped },
      { name: distributedName, target: THROUGHPUT_TARGET, skipped },
      { name: latencyName, target: latencyTarget, skipped },
    ];
    return [{ title: 'HTTP commands', rows, limits: [] }];
  }

  let latency: BenchRow;
  let latencyLimit = '';
  try {
    const rate = peak / 2;
    context.progress(`http: command-to-board latency at ${count(rate)} commands/s (half of the measured peak), fresh embedded backbone`);
    const backbone = await start(startService(backboneServer, 'backboneServer', { dataDir: dataDir('http-latency'), referenceConfig: REFERENCE_CONFIG }, options));
    // Reading the server's event loop delay resets it: what the read after the probe shows is the probe's.
    await eventLoopDelay(backbone.info.url);
    const probe = await runTask(
      loadParts,
      'commandToBoardLatency',
      { url: backbone.info.url, tokens: backbone.info.tokens, rate, seconds: config.latencySeconds, pollMs: config.latencyPollMs, samplesPerSecond: config.latencySamplesPerSecond, department: 'civil-affairs' },
      options,
    );
    const loop = await eventLoopDelay(backbone.info.url);
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
    const tail = loop
      ? ` The tail is the loop being busy: over the probe the server's event loop was held up ${millis(loop.p99Ms)} at p99 and ${millis(loop.maxMs)} at most (prom-client's event loop delay, less its 10 ms sampling interval), by garbage collection (a run with BENCH_NODE_FLAGS=--trace-gc on 2026-12-02 put this process's scavenges at 3 ms p50 and 19 ms p99) and by the work of the other hops, the other projections and the commands themselves; an event that arrives then waits for it, once or more along its hops. WAL checkpoints are not it: a run with every SQLite auto-checkpoint turned off (2026-12-02) had the same p99. Nor is the relay's pause after a cycle during which appends were notified (at most 20 ms, ended by the next append): with 2 ms instead, taking turns with the same server at 350 commands/s on a quiet machine (2026-12-02, two runs each, 402 samples each), p50 was 4.6 ms against 4.2 ms and p99 29 ms against 23 ms, the same within this machine's noise.`
      : '';
    latencyLimit = `Command → board: from a command's 2xx until GET /api/board/departments/civil-affairs?waitFor=<task>@<version>&waitMs=0 answers caughtUp (polled every ${config.latencyPollMs} ms), for a sample of the commands of an open-loop schedule at half the measured peak. In the embedded mode an event goes: append commits; the relay — woken by appends in its own process: a cycle starts as soon as an append is notified, at most 20 ms after a cycle during which appends were notified, and every 50 ms when idle — copies it to the embedded bus; the bus wakes its consumers at once; the one-board projection applies it to SQLite. ${cause}${tail}`;
    started.splice(0);
  } catch (error) {
    killAll();
    latency = { name: latencyName, target: latencyTarget, skipped: failure(error) };
  }

  /**
   * The same load on a process that runs only the commands API, over the embedded backbone's data
   * (whose views hold the reference directory the API checks departments against): what the
   * command path costs when the read side runs elsewhere. A third process takes its turns too: the
   * backbone's HTTP stack over a handler that writes nothing, the ceiling of any command path.
   */
  async function measureApiAlone(): Promise<{ rows: BenchRow[]; rates?: ApiAloneRates }> {
    try {
      context.progress(`http: bare express 5, the commands API alone and the HTTP stack alone, the load taking turns, ${config.httpSlices} slices of ${sliceSeconds} s each`);
      const bare = await start(startService(bareExpressServer, 'expressServer', {}, options));
      const api = await start(
        startService(backboneServer, 'backboneServer', { dataDir: dataDir('http-throughput'), referenceConfig: REFERENCE_CONFIG, embeddedTargets: 'reference,tasks' }, options),
      );
      const stack = await start(startService(httpStackServer, 'httpStackServer', { dataDir: dataDir('http-stack') }, options));
      const load = await runTask(
        loadParts,
        'commandThroughput',
        { targets: [bare.info, api.info, stack.info], connections: config.httpConnections, slices: config.httpSlices, sliceSeconds, warmupSeconds: WARMUP_SECONDS },
        options,
      );
      const bareServer = await bare.stop();
      const apiServer = await api.stop();
      const stackServer = await stack.stop();
      started.splice(0);
      const [bareLoad, apiLoad, stackLoad] = load.result;
      const apiRow = versusBare(apiAloneName, [bareLoad, apiLoad], `API ${megabytes(apiServer.peakRssBytes)} / bare ${megabytes(bareServer.peakRssBytes)}`);
      // Not a backbone: its row states a ratio and is not measured against the target.
      const stackRow = versusBare(stackName, [bareLoad, stackLoad], `server ${megabytes(stackServer.peakRssBytes)}`, { againstTarget: false });
      return { rows: [apiRow.row, stackRow.row], rates: { api: apiRow.rate, stack: stackRow.rate, bare: apiRow.bareRate } };
    } catch (error) {
      killAll();
      const skipped = failure(error);
      return { rows: [{ name: apiAloneName, target: THROUGHPUT_TARGET, skipped }, { name: stackName, skipped }] };
    }
  }

  /**
   * The same load on the distributed deployment — the commands API, the relay (sharing the API's
   * SQLite event store file) and the read side (projections and inbox router, Kafka → Redis), each
   * in a process of its own — taking turns with a bare express of its own. It runs last: its
   * processes and their Kafka traffic would otherwise weigh on the embedded figures.
   */
  async function measureDistributed(embeddedRate: number): Promise<{ row: BenchRow; limit?: string }> {
    const unreachable = unavailable(context.kafka, context.redis);
    if (unreachable) return { row: { name: distributedName, target: THROUGHPUT_TARGET, skipped: unreachable } };
    const namespace = `bench-${context.runId}-http`;
    try {
      // Its processes make topics, groups and Redis keys under the run's namespace; all go afterwards.
      return await withTopics(config.kafkaBrokers, namespace, [], async () => {
        context.progress(`http: bare express 5 and the distributed deployment (commands API, relay, read side), the load taking turns, ${config.httpSlices} slices of ${sliceSeconds} s each`);
        const bare = await start(startService(bareExpressServer, 'expressServer', {}, options));
        const dir = dataDir('http-distributed');
        const distributed = { brokers: config.kafkaBrokers, redisUrl: config.redisUrl, namespace };
        const part = (targets: string) =>
          start(startService(backboneServer, 'backboneServer', { dataDir: dir, referenceConfig: REFERENCE_CONFIG, distributed: { ...distributed, targets } }, options));
        const api = await part('reference,tasks');
        const relay = await part('relay');
        const readSide = await part('projections,inbox-router');
        // The API answers once the read side has projected the reference directory the relay published.
        await waitUntilReady(api.info.url, 60_000);
        const target: LoadTarget = { ...api.info, drainUrls: [relay.info.url], drainGroups: { brokers: config.kafkaBrokers, marker: namespace } };
        const load = await runTask(
          loadParts,
          'commandThroughput',
          { targets: [bare.info, target], connections: config.httpConnections, slices: config.httpSlices, sliceSeconds, warmupSeconds: WARMUP_SECONDS },
          options,
        );
        const bareServer = await bare.stop();
        const servers = { api: await api.stop(), relay: await relay.stop(), readSide: await readSide.stop() };
        started.splice(0);
        const { row, ours, rate } = versusBare(
          distributedName,
          load.result,
          `API ${megabytes(servers.api.peakRssBytes)} / relay ${megabytes(servers.relay.peakRssBytes)} / read side ${megabytes(servers.readSide.peakRssBytes)} / bare ${megabytes(bareServer.peakRssBytes)}`,
        );
        const answered = ours.commands / (ours.seconds - ours.drainSeconds);
        return {
          row,
          limit: `Distributed: the same load on the deployment split into processes — the commands API (TARGETS=reference,tasks), the relay (TARGETS=relay) sharing the API's SQLite event store file, and the read side (TARGETS=projections,inbox-router) fed through Kafka and writing to Redis — on the same 2 cores, measured after the embedded figures (run beside them, its processes and their Kafka traffic lowered those too), against a bare express of its own. The API answered ${perSecond(answered, 'commands')} during its slices; then the relay and the read side needed ${ours.drainSeconds.toFixed(1)} s in all to catch up (the relay's lag read from its /metrics, the consumer groups' backlog from the broker: committed offsets against high watermarks; until 2026-12-02 the groups' backlog was read from the processes' lag gauge, which they refresh only every 5 s, so each slice's catch-up counted up to 5 s of waiting for that gauge: in the last run before the change the catch-up took 14.8 s, during which the read side sat idle but for answering /metrics, and 1.0 s in the first run after it), so the deployment sustains ${perSecond(rate, 'commands')} against the embedded backbone's ${perSecond(embeddedRate, 'commands')}. The split adds the Kafka and Redis round trips, the records' encoding and decoding and a runtime per process; it takes off the API's event loop the relay, the projections and the router, whose SQLite transactions (the views, the bus's log) hold that loop up in the embedded mode. On 2 cores no process has a core of its own, which is what the distributed mode is for.`,
        };
      });
    } catch (error) {
      killAll();
      return { row: { name: distributedName, target: THROUGHPUT_TARGET, skipped: failure(error) } };
    } finally {
      await deleteRedisKeys(config.redisUrl, `${namespace}:*`).catch(() => undefined);
    }
  }

  // After the latency probe: its writes would still be going to disk during the probe's fsyncs.
  const apiAlone = await measureApiAlone();
  const distributed = await measureDistributed(peak);
  return [
    {
      title: 'HTTP commands',
      rows: [throughput, ...apiAlone.rows, distributed.row, latency],
      limits: [
        `Throughput: one generator (a keep-alive node:http client, ${config.httpConnections} connections, closed loop, in a process of its own) drives the servers, each in its own process on the same 2 cores; the load takes turns between them in ${config.httpSlices} slices of ${sliceSeconds} s each (after ${WARMUP_SECONDS} s of warm-up each), so both meet the machine in the same states. After each of its slices the backbone's time runs on until its /metrics show nothing left for the relay to publish or for a consumer group (router, projections) to handle — work it owes for the commands it answered, which would otherwise run during bare express's next slice — so its rate is one it can sustain. Bare express only parses the JSON and answers. A backbone command also checks the JWT (a verified token is remembered, so a client's repeated credential costs one ES256 verification), the rate limit and the zod body, loads the task's stream from SQLite, decides, validates and hash-chains the envelopes and appends them — and the same event loop then runs the embedded relay, the inbox router and the four projections on every event. The fsyncs are shared: appends asked for during one turn of the event loop go into one transaction with synchronous=FULL (group commit, each in a savepoint so a conflict fails alone), and so do the bus's publishes (the relay's batch, the router's copies of an event to each department), while consumer offsets and the relay's checkpoint are committed without an fsync (a lost one only redelivers). A CPU profile of the server under this load (BENCH_CPU_PROFILE_DIR), taken after the inbox router was made to handle chunks (before, it committed the bus once per event and fell seconds behind at this load), puts about a quarter of its busy time inside SQLite COMMITs, which better-sqlite3 runs on the event loop, so nothing else runs meanwhile: half of that the group commits of the event store and of the bus's record log (with their fsyncs), half the view stores' transactions (one per chunk for each of the four projections and the router: no fsync, but WAL writes and checkpoints). Then about a fifth in the projections' own work, a sixth in express and body parsing, a ninth in the embedded bus's consumers and offset commits, a tenth in the command itself (stream load, decision, envelopes, hash chain) and a sixteenth in garbage collection. The transactions cost their writes more than their fsyncs: taking turns with the same server with every fsync off (the event store and the bus at synchronous=NORMAL, 2026-12-02: not a setting the backbone offers) gained 7%; a bus log keyed by rowid instead of WITHOUT ROWID gained nothing beyond this machine's noise; checkpoints of the views' and the bus's WALs sixteen times rarer gained 4–7%, but over slices this short that means no checkpoint at all, which a steady load would not get. The backbone's ids are time-ordered UUIDs (version 7) since 2026-12-02: with random ones (version 4) each event's key in the event store's event-id and stream indexes, and each task-keyed row of the views, landed on a random B-tree leaf, so a commit wrote a page or two more per event; taking turns with the same server on random ids, the embedded backbone answered 17–18% more commands with time-ordered ones (two runs, each order once) and the commands API alone 6–20%. No one cost dominates. The rest is the price of doing on one event loop, per command, what bare express does not do at all, which the ${percent(throughput.ratio ?? 0)} ratio measures.`,
        ...(apiAlone.rates ? [apiAloneLimit(peak, apiAlone.rates)] : []),
        ...(distributed.limit ? [distributed.limit] : []),
        ...(latencyLimit ? [latencyLimit] : []),
      ],
    },
  ];
}
