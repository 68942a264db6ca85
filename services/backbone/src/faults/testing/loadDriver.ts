// A steady load of task commands over HTTP with an independent ledger of every command the
// backbone acknowledged (its answer's id, version and event ids), kept apart from what failed.
import type { Random } from '../../demo/random.ts';
import type { ApiClient, CommandAnswer } from '../../testing/api.ts';

export type TaskCommand = 'create' | 'assign' | 'accept' | 'progress';

/** A command the backbone answered 2xx: it promised that these events are written. */
export interface AcknowledgedCommand {
  readonly taskId: string;
  readonly command: TaskCommand;
  readonly version: number;
  readonly eventIds: readonly string[];
  /** When the answer arrived (ms since the epoch). */
  readonly atMs: number;
}

/**
 * How the commands sent so far ended. Only `acknowledged` ones carry a promise. `refused`: no
 * connection, nothing sent; `unavailable`: a 5xx answer; `lost`: the connection dropped or timed
 * out; `rejected`: a 4xx, which this load never expects. Unacknowledged commands may or may not
 * have been written (except refused ones): nothing is promised about them.
 */
export interface LoadCounts {
  readonly sent: number;
  readonly acknowledged: number;
  readonly refused: number;
  readonly unavailable: number;
  readonly lost: number;
  readonly rejected: number;
  /** Ticks skipped because `maxInFlight` commands were still waiting for an answer. */
  readonly skippedTicks: number;
}

export interface CommandLedger {
  acknowledged(): readonly AcknowledgedCommand[];
  /** The highest acknowledged version of each task. */
  taskVersions(): ReadonlyMap<string, number>;
  counts(): LoadCounts;
  /** The last few commands that were not acknowledged, with why. */
  recentFailures(): readonly string[];
}

export interface LoadDriver {
  readonly ledger: CommandLedger;
  /** Stops sending and waits for the commands in flight to end. */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

export interface LoadDriverOptions {
  /** A client of the commands API speaking for a department. */
  readonly as: (department: string) => ApiClient;
  /** Commands started per second (a fixed rate, whatever the answers). */
  readonly ratePerSecond: number;
  readonly random: Random;
  readonly coordinating: string;
  /** Departments that lead tasks (accept, report progress). */
  readonly leads: readonly string[];
  readonly fields: readonly string[];
  /** Commands waiting for an answer at most (default 16); a tick beyond it is skipped. */
  readonly maxInFlight?: number;
  /** Tasks being worked on at once (default 12). */
  readonly openTasks?: number;
}

interface OpenTask {
  readonly id: string;
  readonly lead: string;
  version: number;
  next: Exclude<TaskCommand, 'create'>;
  progress: number;
  busy: boolean;
}

type Outcome = Exclude<keyof LoadCounts, 'sent' | 'skippedTicks'>;
type Sent = { readonly outcome: 'acknowledged'; readonly answer: CommandAnswer } | { readonly outcome: Exclude<Outcome, 'acknowledged'> };

const FAILURES_KEPT = 20;
const DAY_MS = 86_400_000;

/** Why a request ended without an answer: nothing was sent (refused) or the outcome is unknown (lost). */
function withoutAnswer(error: unknown): { outcome: 'refused' | 'lost'; reason: string } {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && 'code' in cause ? String(cause.code) : '';
  const reason = `${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`;
  return { outcome: code === 'ECONNREFUSED' ? 'refused' : 'lost', reason };
}

const isAnswer = (body: unknown): body is CommandAnswer =>
  typeof body === 'object' && body !== null && 'id' in body && 'version' in body && 'eventIds' in body && Array.isArray(body.eventIds);

/** Starts the load at once; every task goes create → assign → accept → progress 10…90. */
export function startLoad(options: LoadDriverOptions): LoadDriver {
  const { random } = options;
  const maxInFlight = options.maxInFlight ?? 16;
  const openTasks = options.openTasks ?? 12;
  const acknowledged: AcknowledgedCommand[] = [];
  const versions = new Map<string, number>();
  const failures: string[] = [];
  const counts = { sent: 0, acknowledged: 0, refused: 0, unavailable: 0, lost: 0, rejected: 0, skippedTicks: 0 };
  const open: OpenTask[] = [];
  const inFlight = new Set<Promise<void>>();
  let paused = false;
  let created = 0;

  function fail(outcome: Exclude<Outcome, 'acknowledged'>, what: string, reason: string): Sent {
    counts[outcome]++;
    failures.push(`${new Date().toISOString()} ${outcome}: ${what} — ${reason}`);
    failures.splice(0, Math.max(0, failures.length - FAILURES_KEPT));
    return { outcome };
  }

  /** Sends one command; the answer's outcome is counted and, when acknowledged, recorded. */
  async function send(command: TaskCommand, department: string, path: string, body: unknown): Promise<Sent> {
    counts.sent++;
    const what = `${command} ${path} as ${department}`;
    let status: number;
    let answer: unknown;
    try {
      ({ status, body: answer } = await options.as(department).post<unknown>(path, body));
    } catch (error) {
      const { outcome, reason } = withoutAnswer(error);
      return fail(outcome, what, reason);
    }
    if (status >= 200 && status < 300 && isAnswer(answer)) {
      counts.acknowledged++;
      acknowledged.push({ taskId: answer.id, command, version: answer.version, eventIds: [...answer.eventIds], atMs: Date.now() });
      versions.set(answer.id, Math.max(versions.get(answer.id) ?? 0, answer.version));
      return { outcome: 'acknowledged', answer };
    }
    return fail(status >= 500 ? 'unavailable' : 'rejected', what, `${status} ${JSON.stringify(answer)}`);
  }

  async function createTask(): Promise<void> {
    created++;
    const body = { title: `Fault-suite task ${created}`, field: random.pick(options.fields), dueDate: new Date(Date.now() + 90 * DAY_MS).toISOString() };
    const sent = await send('create', options.coordinating, '/api/tasks', body);
    if (sent.outcome === 'acknowledged') open.push({ id: sent.answer.id, lead: random.pick(options.leads), version: sent.answer.version, next: 'assign', progress: 0, busy: false });
  }

  async function advance(task: OpenTask): Promise<void> {
    task.busy = true;
    const path = `/api/tasks/${task.id}`;
    const step =
      task.next === 'assign'
        ? send('assign', options.coordinating, `${path}/assignments`, { lead: task.lead, supporting: [] })
        : task.next === 'accept'
          ? send('accept', task.lead, `${path}/accept`, {})
          : send('progress', task.lead, `${path}/progress`, { percent: task.progress + 10 });
    const sent = await step;
    task.busy = false;
    if (sent.outcome !== 'acknowledged') {
      // Refused: nothing was sent, the same step is tried again later. Otherwise the command may
      // have been written, so the task's version is unknown and it is not driven further.
      if (sent.outcome !== 'refused') open.splice(open.indexOf(task), 1);
      return;
    }
    task.version = sent.answer.version;
    if (task.next === 'assign') task.next = 'accept';
    else if (task.next === 'accept') task.next = 'progress';
    else task.progress += 10;
    if (task.progress >= 90) open.splice(open.indexOf(task), 1);
  }

  function tick() {
    if (paused) return;
    if (inFlight.size >= maxInFlight) {
      counts.skippedTicks++;
      return;
    }
    const idle = open.filter((task) => !task.busy);
    const work = open.length < openTasks || idle.length === 0 ? createTask() : advance(random.pick(idle));
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }

  const timer = setInterval(tick, Math.max(1, Math.round(1000 / options.ratePerSecond)));

  async function pause() {
    paused = true;
    await Promise.allSettled([...inFlight]);
  }

  return {
    ledger: {
      acknowledged: () => acknowledged,
      taskVersions: () => versions,
      counts: () => ({ ...counts }),
      recentFailures: () => [...failures],
    },
    pause,
    resume() {
      paused = false;
    },
    async stop() {
      clearInterval(timer);
      await pause();
    },
  };
}
