// Test fixture: the least-privilege broker of scripts/kafka-secure.sh, started when it is not
// running and stopped again by whoever started it, and kafkajs clients that log in as one principal.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import type { Kafka } from 'kafkajs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/kafka-secure.sh');

/** A free port whose next port (the controller's) is free too. */
async function freePortPair(): Promise<number> {
  const listenOn = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const bound = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(bound));
      });
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await listenOn(0);
    if (port < 65535 && (await listenOn(port + 1).then(() => true, () => false))) return port;
  }
  throw new Error('no free pair of ports for the secured broker');
}

/**
 * The port of the secured broker: KAFKA_SECURE_PORT when set (a broker someone runs), else a
 * free pair picked for this run, so a broker left over elsewhere never collides with it.
 */
export const SECURE_KAFKA_PORT = Number(process.env.KAFKA_SECURE_PORT ?? (await freePortPair()));
const scriptEnv = { ...process.env, KAFKA_SECURE_PORT: String(SECURE_KAFKA_PORT) };

export type Prerequisites = { readonly available: true; readonly reason?: undefined } | { readonly available: false; readonly reason: string };

const commandWorks = (command: string, args: readonly string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether the secured broker can run here: it answers already, or Java and the jars (or Maven to
 * fetch them) are present. Missing ones skip the suite with the reason, or fail it when
 * BACKBONE_REQUIRE_SERVERS=1 (CI never skips a Kafka suite).
 */
export async function secureKafkaPrerequisites(env: NodeJS.ProcessEnv = process.env): Promise<Prerequisites> {
  if (await portAnswers(SECURE_KAFKA_PORT)) return { available: true };
  const jarsFetched = existsSync(join(ROOT, '.cache/kafka/libs/.complete'));
  const missing = [
    ...(commandWorks('java', ['-version']) ? [] : ['Java 17 (java)']),
    ...(jarsFetched || commandWorks('mvn', ['-v']) ? [] : ['Maven (mvn) to fetch the broker jars']),
  ];
  if (missing.length === 0) return { available: true };
  const reason = `the secured Kafka broker cannot run: missing ${missing.join(' and ')}`;
  if (env.BACKBONE_REQUIRE_SERVERS === '1' || env.BACKBONE_REQUIRE_SERVERS === 'true') {
    throw new Error(`${reason} (BACKBONE_REQUIRE_SERVERS=1: a missing server fails the run)`);
  }
  console.warn(`[security] skipping the Kafka ACL suite — ${reason}`);
  return { available: false, reason };
}

export interface SecureKafka {
  readonly brokers: readonly string[];
  /** A kafkajs client authenticated (SCRAM-SHA-512) as `principal`, with its own password. */
  clientAs(principal: string, options?: { password?: string }): Kafka;
  /** Stops the broker if this fixture started it. */
  stop(): Promise<void>;
}

interface CredentialsFile {
  readonly brokers: string[];
  readonly passwords: Record<string, string>;
}

/** Starts the secured broker through its script unless it runs already; then syncs acls.json into it. */
export async function startSecureKafka(): Promise<SecureKafka> {
  const startedHere = !(await portAnswers(SECURE_KAFKA_PORT));
  await run(SCRIPT, [startedHere ? 'start' : 'sync'], { cwd: ROOT, env: scriptEnv, timeout: 85_000 });
  const { stdout } = await run(SCRIPT, ['credentials'], { cwd: ROOT, env: scriptEnv });
  const credentials = JSON.parse(readFileSync(stdout.trim(), 'utf8')) as CredentialsFile;
  return {
    brokers: credentials.brokers,
    clientAs(principal, options = {}) {
      const password = options.password ?? credentials.passwords[principal];
      if (password === undefined) throw new Error(`no credentials for ${principal}`);
      return new kafkajs.Kafka({
        clientId: `security-e2e-${principal}`,
        brokers: [...credentials.brokers],
        sasl: { mechanism: 'scram-sha-512', username: principal, password },
        logLevel: kafkajs.logLevel.NOTHING,
        retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 500 },
        connectionTimeout: 3000,
      });
    },
    async stop() {
      if (startedHere) await run(SCRIPT, ['stop'], { cwd: ROOT, env: scriptEnv, timeout: 40_000 });
    },
  };
}
