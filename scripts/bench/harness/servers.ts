import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

/** Whether a server a benchmark needs can be used, and if not why (the rows print it as "skipped: <reason>"). */
export type Availability = { readonly available: true; readonly version: string } | { readonly available: false; readonly reason: string };

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[?::1\]?)$/i;

/** The bench only ever talks to this machine: anything but a loopback host is refused. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

function hostPort(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address.trim());
  if (!match) throw new Error(`cannot read host:port from "${address}"`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : defaultPort };
}

function answers(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

/** The Kafka broker version, read from the broker jars scripts/kafka.sh runs (the wire protocol does not carry it). */
function kafkaJarVersion(): string {
  try {
    const libs = fileURLToPath(new URL('../../../.cache/kafka/libs/', import.meta.url));
    const jar = readdirSync(libs).find((name) => /^kafka_2\.13-[\d.]+\.jar$/.test(name));
    return jar ? `Apache Kafka ${jar.replace(/^kafka_2\.13-|\.jar$/g, '')} (KRaft, from scripts/kafka.sh's jars)` : 'Apache Kafka (version not readable)';
  } catch {
    return 'Apache Kafka (version not readable)';
  }
}

export async function kafkaAvailability(brokers: readonly string[]): Promise<Availability> {
  const first = brokers[0];
  if (!first) return { available: false, reason: 'KAFKA_BROKERS is empty' };
  for (const broker of brokers) {
    const { host } = hostPort(broker, 9092);
    if (!isLoopbackHost(host)) return { available: false, reason: `Kafka broker ${broker} is not on a loopback address (the bench only talks to 127.0.0.1)` };
  }
  const { host, port } = hostPort(first, 9092);
  const problem = await answers(host, port, 3000);
  if (problem) return { available: false, reason: `Kafka at ${first} unreachable (${problem})` };
  return { available: true, version: kafkaJarVersion() };
}

export async function redisAvailability(url: string): Promise<Availability> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { available: false, reason: `REDIS_URL "${url}" is not a URL` };
  }
  if (!isLoopbackHost(parsed.hostname)) return { available: false, reason: `Redis at ${url} is not on a loopback address (the bench only talks to 127.0.0.1)` };
  const problem = await answers(parsed.hostname.replace(/^\[|\]$/g, ''), Number(parsed.port || 6379), 3000);
  if (problem) return { available: false, reason: `Redis at ${url} unreachable (${problem})` };
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('server');
    const version = /^redis_version:(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown';
    return { available: true, version: `Redis ${version}` };
  } catch (error) {
    return { available: false, reason: `Redis at ${url} unreachable (${error instanceof Error ? error.message : String(error)})` };
  } finally {
    redis.disconnect();
  }
}
