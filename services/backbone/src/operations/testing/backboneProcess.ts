import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The repository root: the working directory of `pnpm start`. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));

export interface BackboneProcessOptions {
  /** PROCESS_NAME, also the name of its log file. */
  readonly name: string;
  readonly targets: readonly string[];
  /** The environment every process of the deployment shares (brokers, Redis, store, keys…). */
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
  readonly startTimeoutMs?: number;
  /**
   * Starts again this many times when the process exits before it listens, as the compose
   * stack's `restart: unless-stopped` does (each attempt logs to `<logFile>.<n>`).
   */
  readonly restartsOnEarlyExit?: number;
}

export interface BackboneProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>` as the process printed it. */
  readonly url: string;
  /** `127.0.0.1:<port>`, a Prometheus target. */
  readonly address: string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

const LISTENING = /coordination backbone \([^)]*\) at (http:\/\/\S+)/;

class EarlyExit extends Error {}

/**
 * Runs `services/backbone/src/main.ts` as its own OS process (node with tsx's loader, one
 * process, so a kill reaches it), on a free port, and resolves once it listens.
 */
export async function startBackboneProcess(options: BackboneProcessOptions): Promise<BackboneProcess> {
  for (let attempt = 0; ; attempt++) {
    const logFile = attempt === 0 ? options.logFile : `${options.logFile}.${attempt}`;
    try {
      return await startOnce({ ...options, logFile });
    } catch (error) {
      if (!(error instanceof EarlyExit) || attempt >= (options.restartsOnEarlyExit ?? 0)) throw error;
      console.warn(`[operations] ${error.message.split('\n').slice(0, 2).join(' | ')} — starting it again`);
    }
  }
}

async function startOnce(options: BackboneProcessOptions): Promise<BackboneProcess> {
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...options.env,
      PORT: '0',
      TARGETS: options.targets.join(','),
      PROCESS_NAME: options.name,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr.pipe(log, { end: false });

  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`${options.name} did not listen within ${options.startTimeoutMs ?? 90_000} ms`)), options.startTimeoutMs ?? 90_000);
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString('utf8');
      const match = LISTENING.exec(buffered);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new EarlyExit(`${options.name} exited (${code}) before it listened`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    await new Promise<void>((resolve) => log.end(resolve));
    const tail = (await readFile(options.logFile, 'utf8').catch(() => '')).split('\n').slice(-15).join('\n');
    const message = `${error instanceof Error ? error.message : String(error)}\n${tail}`;
    throw error instanceof EarlyExit ? new EarlyExit(message) : new Error(message);
  });

  return {
    name: options.name,
    url,
    address: new URL(url).host,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
