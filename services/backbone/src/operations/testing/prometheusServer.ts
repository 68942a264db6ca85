import { execFile, spawn, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { z } from 'zod';

/** Whether Debian's `prometheus` and `promtool` are on the PATH. */
export function prometheusInstalled(): { readonly available: boolean; readonly reason: string } {
  for (const binary of ['prometheus', 'promtool']) {
    const probe = spawnSync(binary, ['--version'], { stdio: 'ignore' });
    if (probe.error || probe.status !== 0) {
      return { available: false, reason: `${binary} is not installed (apt-get install prometheus)` };
    }
  }
  return { available: true, reason: '' };
}

/** Runs promtool; resolves with its exit code and its output (stdout and stderr). */
export function promtool(args: readonly string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', [...args], { cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const QueryAnswer = z.object({
  status: z.literal('success'),
  data: z.object({ resultType: z.string(), result: z.array(z.unknown()) }),
});

export interface RunningPrometheus {
  readonly url: string;
  /** An instant query; resolves with its result (the series of a vector, or [time, value]). */
  query(expr: string): Promise<unknown[]>;
  stop(): Promise<void>;
}

/** Starts a real Prometheus on 127.0.0.1:`port` with `configFile`; resolves once it is ready. */
export async function startPrometheus(options: {
  configFile: string;
  dataDir: string;
  port: number;
  logFile: string;
}): Promise<RunningPrometheus> {
  const url = `http://127.0.0.1:${options.port}`;
  const log = createWriteStream(options.logFile);
  const child = spawn(
    'prometheus',
    [
      `--config.file=${options.configFile}`,
      `--storage.tsdb.path=${options.dataDir}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not become ready (see ${options.logFile})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    url,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body: unknown = await response.json();
      if (!response.ok) throw new Error(`query ${expr} failed (${response.status}): ${JSON.stringify(body)}`);
      return QueryAnswer.parse(body).data.result;
    },
    stop,
  };
}
