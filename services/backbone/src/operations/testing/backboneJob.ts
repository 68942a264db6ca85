import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './backboneProcess.ts';

export interface BackboneJobOptions {
  /** PROCESS_NAME. */
  readonly name: string;
  /** What the image's entrypoint (tsx) runs, relative to the repository root, e.g. `['services/backbone/src/cli.ts', 'demo']`. */
  readonly command: readonly string[];
  /** The environment every process of the deployment shares. */
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly timeoutMs?: number;
}

/** Runs a one-shot backbone command (a compose job such as `demo`) as its own OS process; resolves when it exits 0. */
export async function runBackboneJob(options: BackboneJobOptions): Promise<void> {
  const [script, ...args] = options.command;
  if (!script) throw new Error(`${options.name}: no command to run`);
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env, PROCESS_NAME: options.name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const timeoutMs = options.timeoutMs ?? 120_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  clearTimeout(timer);
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(options.logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
    throw new Error(`${options.name} (${options.command.join(' ')}) exited with ${code ?? `a kill after ${timeoutMs} ms`}\n${tail}`);
  }
}
