// Load parts of the HTTP benchmark (each in a process of its own, beside the server's).
import type { Admin } from 'kafkajs';
import { rawKafka } from '../../fixtures/kafkaTopics.ts';
import { httpClient, sampleValue, taskOpening } from './httpClient.ts';
import type { HttpClient, LoadTokens } from './httpClient.ts';

const DUE_DATE = () => new Date(Date.now() + 90 * 24 * 3_600_000).toISOString();

interface CommandAnswer {
  readonly id: string;
  readonly version: number;
}

/** Runs create → assign → accept of one task; calls `onCommand` after each 2xx. Throws on any other status. */
async function openTask(client: HttpClient, tokens: LoadTokens, onCommand: (answer: CommandAnswer) => void): Promise<void> {
  const send = async (path: string, token: string, body: unknown): Promise<CommandAnswer> => {
    const { status, body: text } = await client.send('POST', path, token, body);
    if (status < 200 || status > 299) throw new Error(`POST ${path} answered ${status}: ${text.slice(0, 300)}`);
    const answer = JSON.parse(text) as CommandAnswer;
    onCommand(answer);
    return answer;
  };
  const created = await send('/api/tasks', tokens.coordinating, taskOpening.create(DUE_DATE()));
  const path = `/api/tasks/${encodeURIComponent(created.id)}`;
  await send(`${path}/assignments`, tokens.coordinating, taskOpening.assign);
  await send(`${path}/accept`, tokens.lead, taskOpening.accept);
}

/** A server the throughput load is pointed at. */
export interface LoadTarget {
  readonly url: string;
  readonly tokens: LoadTokens;
  /**
   * Processes that go on working after the server answered (the backbone's relay, router and
   * projections): after each of the server's slices the load waits until the `/metrics` of each
   * of these base URLs show nothing left to publish or consume, and that wait counts in the
   * server's time, so the rate is one it can sustain and its backlog does not run in the next
   * server's slice.
   */
  readonly drainUrls?: readonly string[];
  /**
   * Kafka consumer groups (those whose ids hold `marker`) whose backlog the drain reads from the
   * broker, and not from `/metrics`: a process refreshes its consumer lag gauge only every 5 s, so
   * a drain that waited for that gauge measured up to 5 s of waiting for the gauge per slice.
   */
  readonly drainGroups?: { readonly brokers: readonly string[]; readonly marker: string };
}

export interface ThroughputInput {
  readonly targets: readonly LoadTarget[];
  readonly connections: number;
  /** Each target gets `slices` slices of `sliceSeconds`, the targets taking turns. */
  readonly slices: number;
  readonly sliceSeconds: number;
  /** Load on each target before timing starts (JIT, caches, SQLite pages). */
  readonly warmupSeconds: number;
}

export interface ThroughputResult {
  readonly commands: number;
  /** Slices plus the drains after them. */
  readonly seconds: number;
  /** Of `seconds`, the waits for the server to finish what it owed after each slice. */
  readonly drainSeconds: number;
  readonly errors: number;
  readonly firstError?: string;
}

const DRAIN_POLL_MS = 20;
const DRAIN_TIMEOUT_MS = 120_000;

/**
 * The backlog `/metrics` shows: events the relay has not published, plus records consumer groups
 * have not committed unless `consumers` is false (their backlog is then read from the broker).
 */
function backlogOf(metrics: string, consumers: boolean): number {
  let backlog = 0;
  for (const line of metrics.split('\n')) {
    if (line.startsWith('backbone_relay_lag_events{') || (consumers && line.startsWith('backbone_consumer_lag{'))) backlog += sampleValue(line);
  }
  return backlog;
}

/** The consumer groups a drain reads from the broker: an admin client and the marker their ids hold. */
interface BrokerGroups {
  readonly admin: Admin;
  readonly marker: string;
}

/** Records the groups of `groupIds` have not committed yet: each partition's high watermark − the group's offset. */
async function brokerBacklog(admin: Admin, groupIds: readonly string[]): Promise<number> {
  const watermarks = new Map<string, Promise<{ partition: number; high: string; low: string }[]>>();
  let backlog = 0;
  for (const groupId of groupIds) {
    // Without topics: every topic the group has committed offsets of (after the warm-up, each it consumes).
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
      if (!watermarks.has(topic)) watermarks.set(topic, admin.fetchTopicOffsets(topic));
      const committed = new Map(partitions.map((p) => [p.partition, p.offset]));
      for (const { partition, high, low } of await watermarks.get(topic)!) {
        const offset = committed.get(partition);
        backlog += Number(BigInt(high) - BigInt(offset === undefined || offset === '-1' ? low : offset));
      }
    }
  }
  return backlog;
}

/**
 * Waits until the processes at `drainUrls` have nothing left to publish or consume; with `groups`,
 * the consumer groups' backlog is read from the broker instead of from `/metrics`.
 */
async function drain(target: LoadTarget, groups: BrokerGroups | undefined): Promise<void> {
  const started = performance.now();
  // Listed once: every group of the deployment has joined during the warm-up.
  const groupIds = groups ? (await groups.admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.includes(groups.marker)) : [];
  const backlog = async () => {
    let total = groups ? await brokerBacklog(groups.admin, groupIds) : 0;
    for (const url of target.drainUrls ?? []) {
      const response = await fetch(`${url}/metrics`);
      if (!response.ok) throw new Error(`GET ${url}/metrics answered ${response.status}`);
      total += backlogOf(await response.text(), groups === undefined);
    }
    return total;
  };
  // Twice in a row, a poll apart: a gauge is set when its loop comes round, so one zero may be stale.
  for (let quiet = 0; quiet < 2; ) {
    if (performance.now() - started > DRAIN_TIMEOUT_MS) throw new Error(`${target.url} still had work queued ${DRAIN_TIMEOUT_MS / 1000} s after its slice`);
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    quiet = (await backlog()) === 0 ? quiet + 1 : 0;
  }
}

/** Closed loop for `ms`: `connections` workers opening tasks back to back; commands answered after the deadline are not counted. */
async function closedLoop(client: HttpClient, target: LoadTarget, groups: BrokerGroups | undefined, connections: number, ms: number): Promise<ThroughputResult> {
  const end = performance.now() + ms;
  let commands = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (performance.now() < end) {
      try {
        await openTask(client, target.tokens, () => {
          if (performance.now() < end) commands++;
        });
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const drainStarted = performance.now();
  if (target.drainUrls !== undefined || groups !== undefined) await drain(target, groups);
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  return { commands, seconds: ms / 1000 + drainSeconds, drainSeconds, errors, ...(firstError === undefined ? {} : { firstError }) };
}

/**
 * The same closed-loop load on each target in turn, slice after slice (the order alternating),
 * so every target meets the machine in the same states; one keep-alive client per target.
 */
export async function commandThroughput(input: ThroughputInput): Promise<ThroughputResult[]> {
  const clients = input.targets.map((target) => httpClient(target.url, input.connections));
  const brokerGroups = await Promise.all(
    input.targets.map(async ({ drainGroups }): Promise<BrokerGroups | undefined> => {
      if (drainGroups === undefined) return undefined;
      const admin = rawKafka(drainGroups.brokers, 'bench-http-drain').admin();
      await admin.connect();
      return { admin, marker: drainGroups.marker };
    }),
  );
  const totals = input.targets.map((): { commands: number; seconds: number; drainSeconds: number; errors: number; firstError?: string } => ({
    commands: 0,
    seconds: 0,
    drainSeconds: 0,
    errors: 0,
  }));
  try {
    for (const [i, target] of input.targets.entries()) await closedLoop(clients[i]!, target, brokerGroups[i], input.connections, input.warmupSeconds * 1000);
    for (let slice = 0; slice < input.slices; slice++) {
      const order = input.targets.map((_, i) => i);
      if (slice % 2 === 1) order.reverse();
      for (const i of order) {
        const result = await closedLoop(clients[i]!, input.targets[i]!, brokerGroups[i], input.connections, input.sliceSeconds * 1000);
        const total = totals[i]!;
        total.commands += result.commands;
        total.seconds += result.seconds;
        total.drainSeconds += result.drainSeconds;
        total.errors += result.errors;
        total.firstError ??= result.firstError;
      }
    }
    return totals;
  } finally {
    for (const client of clients) client.close();
    for (const groups of brokerGroups) await groups?.admin.disconnect();
  }
}

export interface LatencyInput {
  readonly url: string;
  readonly tokens: LoadTokens;
  /** Commands per second to offer (open loop: tasks are opened on a schedule, not when the last finished). */
  readonly rate: number;
  readonly seconds: number;
  readonly pollMs: number;
  /** Commands per second whose visibility on the board is tracked (tracking polls, so not all are). */
  readonly samplesPerSecond: number;
  /** The department whose board row is read. */
  readonly department: string;
}

export interface LatencyResult {
  readonly offeredRate: number;
  readonly commands: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
  /** Tracked commands not visible within 5 s. */
  readonly timeouts: number;
  readonly errors: number;
  readonly firstError?: string;
}

const VISIBILITY_TIMEOUT_MS = 5000;

/** Open loop at `rate` commands/s; for a sample of commands, the time from the 2xx until the board has seen that task version. */
export async function commandToBoardLatency(input: LatencyInput): Promise<LatencyResult> {
  const client = httpClient(input.url, 64);
  const tasksPerSecond = input.rate / 3;
  const trackEvery = Math.max(1, Math.round(tasksPerSecond / (input.samplesPerSecond / 3)));
  const latenciesMs: number[] = [];
  let timeouts = 0;
  let commands = 0;
  let errors = 0;
  let firstError: string | undefined;
  const pending: Promise<void>[] = [];

  const watch = async (answer: CommandAnswer) => {
    const answered = performance.now();
    const path = `/api/board/departments/${input.department}?waitFor=${encodeURIComponent(`${answer.id}@${answer.version}`)}&waitMs=0`;
    while (performance.now() - answered < VISIBILITY_TIMEOUT_MS) {
      const { status, body } = await client.send('GET', path, input.tokens.coordinating);
      if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${body.slice(0, 300)}`);
      if ((JSON.parse(body) as { consistency?: { caughtUp: boolean } }).consistency?.caughtUp) {
        latenciesMs.push(performance.now() - answered);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, input.pollMs));
    }
    timeouts++;
  };

  const started = performance.now();
  const end = started + input.seconds * 1000;
  for (let task = 0; ; task++) {
    const due = started + (task * 1000) / tasksPerSecond;
    if (due >= end) break;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const tracked = task % trackEvery === 0;
    const watches: Promise<void>[] = [];
    pending.push(
      openTask(client, input.tokens, (answer) => {
        if (performance.now() < end) commands++;
        if (tracked) watches.push(watch(answer));
      })
        .then(() => Promise.all(watches))
        .then(
          () => undefined,
          (error: unknown) => {
            errors++;
            firstError ??= error instanceof Error ? error.message : String(error);
          },
        ),
    );
  }
  await Promise.all(pending);
  client.close();
  return { offeredRate: input.rate, commands, seconds: input.seconds, latenciesMs, timeouts, errors, ...(firstError === undefined ? {} : { firstError }) };
}
