import net from 'node:net';

/**
 * Where a real server for an integration suite comes from, in this order:
 * 1. an endpoint from the environment (`KAFKA_BROKERS`, `REDIS_URL`, `ESDB_CONNECTION_STRING`);
 * 2. a container, when a Docker engine answers (testcontainers);
 * 3. the conventional local port (127.0.0.1:9092 for Kafka, :6379 for Redis).
 * When none answers the suite is skipped with the reason — unless `BACKBONE_REQUIRE_SERVERS=1`
 * (CI), where it fails instead: CI must never report a Kafka or Redis suite as skipped.
 */
export type ServerAvailability<T> =
  | { readonly available: true; readonly endpoint: T; readonly reason?: undefined }
  | { readonly available: false; readonly endpoint?: undefined; readonly reason: string };

export function serversRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.BACKBONE_REQUIRE_SERVERS === '1' || env.BACKBONE_REQUIRE_SERVERS === 'true';
}

/** Resolves when something accepts a TCP connection on host:port within `timeoutMs`. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function hostPort(address: string, defaultPort: number): { host: string; port: number } {
  const withoutScheme = address.replace(/^[a-z]+:\/\//, '').replace(/^[^@]*@/, '').replace(/\/.*$/, '');
  const [host, port] = withoutScheme.split(':');
  return { host: host || '127.0.0.1', port: port ? Number(port) : defaultPort };
}

async function dockerAnswers(): Promise<boolean> {
  if (process.env.BACKBONE_NO_CONTAINERS === '1') return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

function unavailable<T>(what: string, reason: string): ServerAvailability<T> {
  const message = `${what} unreachable: ${reason}`;
  if (serversRequired()) {
    throw new Error(`${message} (BACKBONE_REQUIRE_SERVERS=1: a missing server fails the run)`);
  }
  console.warn(`[testkit] skipping the ${what} suite — ${message}`);
  return { available: false, reason: message };
}

const started: { stop(): Promise<unknown> }[] = [];

/** Stops containers this process started (call from a global teardown if any were). */
export async function stopStartedContainers(): Promise<void> {
  await Promise.all(started.splice(0).map((c) => c.stop()));
}

let kafkaPromise: Promise<ServerAvailability<{ brokers: string[] }>> | undefined;

/** A real Kafka broker for this test process. */
export function kafkaServer(): Promise<ServerAvailability<{ brokers: string[] }>> {
  kafkaPromise ??= (async () => {
    const fromEnv = process.env.KAFKA_BROKERS;
    const brokers = fromEnv ? fromEnv.split(',').map((b) => b.trim()) : ['127.0.0.1:9092'];
    const first = hostPort(brokers[0]!, 9092);
    if (fromEnv) {
      return (await portAnswers(first.host, first.port))
        ? { available: true, endpoint: { brokers } }
        : unavailable('Kafka', `KAFKA_BROKERS=${fromEnv} does not answer`);
    }
    if (await portAnswers(first.host, first.port)) return { available: true, endpoint: { brokers } };
    if (await dockerAnswers()) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start();
      started.push(container);
      return { available: true, endpoint: { brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`] } };
    }
    return unavailable('Kafka', 'set KAFKA_BROKERS, run `scripts/kafka.sh start`, or provide a Docker engine');
  })();
  return kafkaPromise;
}

let redisPromise: Promise<ServerAvailability<{ url: string }>> | undefined;

/** A real Redis server for this test process. */
export function redisServer(): Promise<ServerAvailability<{ url: string }>> {
  redisPromise ??= (async () => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const { host, port } = hostPort(url, 6379);
    if (process.env.REDIS_URL) {
      return (await portAnswers(host, port))
        ? { available: true, endpoint: { url } }
        : unavailable('Redis', `REDIS_URL=${url} does not answer`);
    }
    if (await portAnswers(host, port)) return { available: true, endpoint: { url } };
    if (await dockerAnswers()) {
      const { GenericContainer } = await import('testcontainers');
      const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).start();
      started.push(container);
      return { available: true, endpoint: { url: `redis://${container.getHost()}:${container.getMappedPort(6379)}` } };
    }
    return unavailable('Redis', 'set REDIS_URL, start redis-server, or provide a Docker engine');
  })();
  return redisPromise;
}

let esdbPromise: Promise<ServerAvailability<{ connectionString: string }>> | undefined;

/**
 * EventStoreDB: `ESDB_CONNECTION_STRING`, else a container where Docker answers. It has no
 * Debian package, so without either it is skipped — even in CI — and says so.
 */
export function eventStoreDbServer(): Promise<ServerAvailability<{ connectionString: string }>> {
  esdbPromise ??= (async () => {
    const fromEnv = process.env.ESDB_CONNECTION_STRING;
    if (fromEnv) return { available: true, endpoint: { connectionString: fromEnv } };
    if (await dockerAnswers()) {
      const { GenericContainer, Wait } = await import('testcontainers');
      const container = await new GenericContainer('eventstore/eventstore:24.10')
        .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_MEM_DB: 'true', EVENTSTORE_MAX_APPEND_SIZE: '16777216' })
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
        .start();
      started.push(container);
      return {
        available: true,
        endpoint: { connectionString: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false` },
      };
    }
    const reason = 'EventStoreDB unreachable: no ESDB_CONNECTION_STRING and no Docker engine (it has no Debian package)';
    console.warn(`[testkit] skipping the EventStoreDB suite — ${reason}`);
    return { available: false, reason };
  })();
  return esdbPromise;
}
