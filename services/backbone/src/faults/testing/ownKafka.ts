// Test fixture: a Kafka broker of the fault suite's own (scripts/kafka.sh on a free port), so the
// suite can stop and restart it without touching the broker other suites share.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { portAnswers } from '@backbone/testkit';
import { REPO_ROOT } from '../../testing/backboneProcess.ts';

const run = promisify(execFile);
const SCRIPT = join(REPO_ROOT, 'scripts/kafka.sh');
const LIBS = join(REPO_ROOT, '.cache/kafka/libs');
const START_TIMEOUT_MS = 100_000;

/** Whether a prerequisite is there, or why not. */
export type Prerequisites = { readonly available: true; readonly reason?: undefined } | { readonly available: false; readonly reason: string };

const commandWorks = (command: string, args: readonly string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** Java and the broker jars (or Maven to fetch them): what scripts/kafka.sh needs. */
export function kafkaPrerequisites(): Prerequisites {
  const jarsFetched = existsSync(join(LIBS, '.complete'));
  const missing = [
    ...(commandWorks('java', ['-version']) ? [] : ['Java 17 (java)']),
    ...(jarsFetched || commandWorks('mvn', ['-v']) ? [] : ['Maven (mvn) to fetch the broker jars']),
  ];
  return missing.length === 0 ? { available: true } : { available: false, reason: `missing ${missing.join(' and ')}` };
}

export interface OwnKafka {
  readonly port: number;
  readonly brokers: readonly string[];
  /** Stops the broker cleanly (SIGTERM through the script), keeping its data. */
  stop(): Promise<void>;
  /** Starts the stopped broker again on the same data directory and waits until it answers. */
  restart(): Promise<void>;
  /** The last lines of the broker's log. */
  logTail(lines?: number): string;
  /** Stops the broker and deletes its data directory. */
  remove(): Promise<void>;
}

/** The first port from `from` on where neither it nor the next one (the controller) answers. */
async function freePortPair(from: number): Promise<number> {
  for (let port = from; port < from + 40; port += 2) {
    if (!(await portAnswers('127.0.0.1', port, 300)) && !(await portAnswers('127.0.0.1', port + 1, 300))) return port;
  }
  throw new Error(`no free port pair for a Kafka broker from ${from}`);
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Starts a broker of this suite's own with `scripts/kafka.sh start` (a fresh KRaft log dir under
 * .cache/kafka/run-<port>). The script has no restart that keeps the data (its start formats a
 * new log dir), so `restart` launches the same broker command on the same properties itself.
 */
export async function startOwnKafka(options: { firstPort?: number } = {}): Promise<OwnKafka> {
  // Below Linux's ephemeral range (32768–60999): a port there can be the local end of an outgoing
  // connection, which answers no connect but still stops the broker from binding it.
  const port = await freePortPair(options.firstPort ?? 29392);
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1) };
  const runDir = join(REPO_ROOT, `.cache/kafka/run-${port}`);
  const logFile = join(runDir, 'broker.log');
  const script = (command: 'start' | 'stop') => run(SCRIPT, [command], { cwd: REPO_ROOT, env, timeout: START_TIMEOUT_MS });
  await script('start');

  const logSize = () => (existsSync(logFile) ? statSync(logFile).size : 0);
  const startedSince = (offset: number) => readFileSync(logFile).subarray(offset).toString('utf8').includes('Kafka Server started');
  const logTail = (lines = 40) => {
    if (!existsSync(logFile)) return '(no broker log)';
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).map((line) => `[kafka ${port}] ${line}`).join('\n');
  };

  return {
    port,
    brokers: [`127.0.0.1:${port}`],
    async stop() {
      await script('stop');
      await waitFor(`the broker on ${port} to stop answering`, async () => !(await portAnswers('127.0.0.1', port, 300)), 30_000);
    },
    async restart() {
      const offset = logSize();
      const out = openSync(logFile, 'a');
      const heap = process.env.KAFKA_HEAP ?? '768m';
      const broker = spawn(
        'java',
        [
          '-Xms256m',
          `-Xmx${heap}`,
          '-XX:+UseG1GC',
          `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'scripts/kafka/log4j2.yaml')}`,
          '-cp',
          `${LIBS}/*`,
          'kafka.Kafka',
          join(runDir, 'server.properties'),
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', out, out], detached: true },
      );
      closeSync(out);
      broker.unref();
      // The script's `stop` (and so `remove`) finds the broker by this file.
      writeFileSync(join(runDir, 'broker.pid'), `${broker.pid}\n`);
      await waitFor(
        `the broker on ${port} to start again`,
        async () => {
          if (broker.exitCode !== null) throw new Error(`the broker exited (code ${broker.exitCode}) while restarting\n${logTail()}`);
          return startedSince(offset) && (await portAnswers('127.0.0.1', port, 300));
        },
        START_TIMEOUT_MS,
      );
    },
    logTail,
    async remove() {
      try {
        await script('stop');
      } finally {
        rmSync(runDir, { recursive: true, force: true });
      }
    },
  };
}
