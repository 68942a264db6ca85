import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PartReply, PartRequest, RunningService } from './protocol.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The Node flags the backbone's processes run with (`pnpm start`, `pnpm backbone`, the image):
 * every part — ours and the baselines alike — runs with them, so peak RSS is measured as deployed.
 */
export const PROCESS_NODE_FLAGS = ['--max-old-space-size=128'] as const;

/** `BENCH_CPU_PROFILE_DIR=<dir>`: each part's process writes a V8 CPU profile there when it exits (for finding what limits a figure; it slows every part). */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** `BENCH_NODE_FLAGS="--trace-gc …"`: more Node flags for every part's process (for experiments; a run with them is not the deployment's). */
function extraFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
}

/** A module of parts, typed by what it exports (`partsModule<typeof import('./parts.ts')>(url)`). */
export interface PartsModule<M> {
  readonly path: string;
  /** Carries M for inference only; never set. */
  readonly exports?: M;
}

export function partsModule<M>(url: URL): PartsModule<M> {
  return { path: fileURLToPath(url) };
}

type InputOf<F> = F extends (input: infer I) => Promise<unknown> ? I : never;
type ResultOf<F> = F extends (input: never) => Promise<infer R> ? R : never;
type ServiceInfoOf<F> = F extends (input: never) => Promise<RunningService<infer I, unknown>> ? I : never;
type ServiceResultOf<F> = F extends (input: never) => Promise<RunningService<unknown, infer R>> ? R : never;

/** What a part returned, with the peak RSS of its process and its wall time (setup included). */
export interface PartOutcome<T> {
  readonly result: T;
  readonly peakRssBytes: number;
  readonly seconds: number;
}

export interface PartOptions {
  /** The part's process is killed (SIGKILL) and the part fails after this long. */
  readonly timeoutMs: number;
}

interface Channel {
  readonly child: ChildProcess;
  next(): Promise<PartReply>;
}

function open(request: PartRequest, timeoutMs: number, label: string): Channel {
  const child = fork(CHILD, [], {
    cwd: REPO_ROOT,
    execArgv: [...PROCESS_NODE_FLAGS, ...profileFlags(), ...extraFlags(), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const replies: PartReply[] = [];
  const waiters: { resolve(reply: PartReply): void; reject(error: Error): void }[] = [];
  let ended: Error | undefined;
  const fail = (error: Error) => {
    ended ??= error;
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    fail(new Error(`${label} timed out after ${Math.round(timeoutMs / 1000)} s`));
  }, timeoutMs);
  child.on('message', (reply: PartReply) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(reply);
    else replies.push(reply);
  });
  child.on('exit', (code, signal) => {
    clearTimeout(timer);
    fail(new Error(`${label} exited (${signal ?? `code ${code}`}) without answering`));
  });
  child.send(request);
  return {
    child,
    next: () => {
      const queued = replies.shift();
      if (queued) return Promise.resolve(queued);
      if (ended) return Promise.reject(ended);
      return new Promise<PartReply>((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}

function expectDone<T>(reply: PartReply, label: string): PartOutcome<T> {
  if (reply.kind === 'failed') throw new Error(`${label} failed: ${reply.error}`);
  if (reply.kind !== 'done') throw new Error(`${label} answered ${reply.kind}, expected done`);
  return { result: reply.result as T, peakRssBytes: reply.peakRssBytes, seconds: reply.seconds };
}

/** Runs a part to completion in its own process. */
export async function runTask<M, K extends keyof M & string>(
  module: PartsModule<M>,
  name: K,
  input: InputOf<M[K]>,
  options: PartOptions,
): Promise<PartOutcome<ResultOf<M[K]>>> {
  const channel = open({ kind: 'task', module: module.path, name, input }, options.timeoutMs, name);
  return expectDone<ResultOf<M[K]>>(await channel.next(), name);
}

/** A service part running in its own process until `stop`. */
export interface ServiceHandle<Info, Result> {
  readonly info: Info;
  stop(): Promise<PartOutcome<Result>>;
  /** Ends the service's process at once (after a failure elsewhere); a no-op once it has exited. */
  kill(): void;
}

/** Starts a service part in its own process and resolves once it is ready. */
export async function startService<M, K extends keyof M & string>(
  module: PartsModule<M>,
  name: K,
  input: InputOf<M[K]>,
  options: PartOptions,
): Promise<ServiceHandle<ServiceInfoOf<M[K]>, ServiceResultOf<M[K]>>> {
  const channel = open({ kind: 'service', module: module.path, name, input }, options.timeoutMs, name);
  const ready = await channel.next();
  if (ready.kind === 'failed') throw new Error(`${name} failed: ${ready.error}`);
  if (ready.kind !== 'ready') throw new Error(`${name} answered ${ready.kind}, expected ready`);
  return {
    info: ready.info as ServiceInfoOf<M[K]>,
    async stop() {
      channel.child.send('stop');
      return expectDone<ServiceResultOf<M[K]>>(await channel.next(), name);
    },
    kill() {
      if (channel.child.exitCode === null && channel.child.signalCode === null) channel.child.kill('SIGKILL');
    },
  };
}
