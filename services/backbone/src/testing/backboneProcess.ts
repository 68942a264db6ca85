import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Env } from '../config.ts';

/** The repository root: the working directory of every process, so `config/reference.json` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
// `node --import tsx` runs the entry in ONE process; the tsx CLI would put a wrapper process in
// front of it, and a SIGKILL to the wrapper would orphan the backbone.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const READY_LINE = /^coordination backbone \((embedded|distributed): ([^)]*)\) at (http:\/\/\S+)\s*$/;
/** Lines of output each process keeps, and how many of the last `logs()` gives by default. */
const KEPT_LINES = 4000;
const SHOWN_LINES = 400;

/** Variables given to a process; `undefined` removes one. */
export type ProcessEnv = Readonly<Record<string, string | undefined>>;

/** How a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface BackboneProcessOptions {
  /** The backbone's variables (TARGETS, DATA_DIR, KAFKA_BROKERS…). PORT defaults to 0 (a free port). */
  readonly env: ProcessEnv;
  /** Names the process in its log lines and failure reports; the default PROCESS_NAME. */
  readonly name: string;
  /** Longest wait for the "… at http://…" line (default 45 s). */
  readonly startTimeoutMs?: number;
  /** Longest wait after SIGTERM before `stop()` sends SIGKILL (default 10 s). */
  readonly stopTimeoutMs?: number;
}

/** A running `tsx services/backbone/src/main.ts`, as an operator would start it. */
export interface BackboneProcess extends AsyncDisposable {
  readonly name: string;
  readonly pid: number;
  /** Where it listens, from its own startup line. */
  readonly url: string;
  readonly mode: 'embedded' | 'distributed';
  readonly targets: readonly string[];
  /** Settles when the process has exited. */
  readonly exited: Promise<ProcessExit>;
  /** Its last stdout and stderr lines (400 unless asked for more, up to 4,000), each marked with the process name and stream. */
  logs(lines?: number): string;
  /** SIGTERM (a clean shutdown), then SIGKILL if it has not exited within `stopTimeoutMs`. */
  stop(): Promise<ProcessExit>;
  /** SIGKILL: a crash, nothing flushed or closed. */
  kill(): Promise<ProcessExit>;
}

/**
 * The environment of a child: this process's environment without any backbone variable (a
 * KAFKA_BROKERS meant for the test runner must not turn an embedded child distributed), plus `env`.
 */
export function childEnvironment(env: ProcessEnv): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(Env.shape)) delete result[name];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete result[name];
    else result[name] = value;
  }
  return result;
}

/** Collects a child's output line by line, keeping the last `KEPT_LINES`. */
function captureOutput(child: ChildProcess, name: string, onStdoutLine: (line: string) => void) {
  const lines: string[] = [];
  const follow = (stream: Readable | null, label: 'out' | 'err') => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(`[${name} ${label}] ${line}`);
        if (lines.length > KEPT_LINES) lines.shift();
        if (label === 'out') onStdoutLine(line);
      }
    });
    stream?.on('end', () => {
      if (partial) lines.push(`[${name} ${label}] ${partial}`);
    });
  };
  follow(child.stdout, 'out');
  follow(child.stderr, 'err');
  return (count = SHOWN_LINES) => lines.slice(-count).join('\n');
}

const exitOf = (child: ChildProcess): Promise<ProcessExit> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

/** The exit, or undefined when the process is still running after `ms`. */
async function exitWithin(exited: Promise<ProcessExit>, ms: number): Promise<ProcessExit | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends `signal` unless the process is gone, and waits (bounded) for it to exit. */
function signalAndWait(child: ChildProcess, exited: Promise<ProcessExit>, signal: NodeJS.Signals, ms: number): Promise<ProcessExit | undefined> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return exitWithin(exited, ms);
}

/**
 * Spawns the one binary as a real child process and resolves once it printed where it listens.
 * Rejects (after killing it) when it exits first or stays silent past `startTimeoutMs`; the
 * error carries its output.
 */
export async function startBackboneProcess(options: BackboneProcessOptions): Promise<BackboneProcess> {
  const { name } = options;
  const env = childEnvironment({ PORT: '0', PROCESS_NAME: name, ...options.env });
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = exitOf(child);
  let announce: (match: RegExpExecArray) => void = () => {};
  const announced = new Promise<RegExpExecArray>((resolve) => (announce = resolve));
  const logs = captureOutput(child, name, (line) => {
    const match = READY_LINE.exec(line);
    if (match) announce(match);
  });
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const kill = async () => (await signalAndWait(child, exited, 'SIGKILL', 5_000)) ?? exited;
  const stop = async () => (await signalAndWait(child, exited, 'SIGTERM', stopTimeoutMs)) ?? kill();

  const startTimeoutMs = options.startTimeoutMs ?? 45_000;
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    announced,
    exited.then((exit) => `exited (code ${exit.code}, signal ${exit.signal}) before listening`),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not listen within ${startTimeoutMs} ms`), startTimeoutMs))),
  ]);
  clearTimeout(timer);
  if (typeof outcome === 'string') {
    await kill();
    throw new Error(`backbone process "${name}" ${outcome}\n${logs()}`);
  }
  const [, mode, targets, url] = outcome;
  return {
    name,
    pid: child.pid ?? -1,
    url: url ?? '',
    mode: mode === 'distributed' ? 'distributed' : 'embedded',
    targets: (targets ?? '').split(',').map((t) => t.trim()),
    exited,
    logs,
    stop,
    kill,
    [Symbol.asyncDispose]: async () => void (await stop()),
  };
}

/** What a CLI run printed and how it ended. */
export interface CliRun extends ProcessExit {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `pnpm backbone <args>` (the operator CLI) as a real process to its end. It is killed and
 * the promise rejects when it runs past `timeoutMs` (default 60 s).
 */
export async function runBackboneCli(args: readonly string[], options: { env: ProcessEnv; timeoutMs?: number }): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI, ...args], {
    cwd: REPO_ROOT,
    env: childEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // 'close' comes after the pipes drained, unlike 'exit'.
  const closed = new Promise<ProcessExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const exit = await exitWithin(closed, timeoutMs);
  if (!exit) {
    await signalAndWait(child, closed, 'SIGKILL', 5_000);
    throw new Error(`backbone ${args.join(' ')} ran past ${timeoutMs} ms\n${stdout}\n${stderr}`);
  }
  return { ...exit, stdout, stderr };
}
