// Service parts of the HTTP benchmark: the backbone, in a process of its own — all of it (embedded),
// or one target list of the distributed deployment (the commands API, the relay, the read side).
import { join } from 'node:path';
import { loadConfig, startBackbone } from '@backbone/service-backbone';
import { createDevKeyStore, createLogger } from '@backbone/service-kit';
import type { RunningService } from '../../harness/protocol.ts';
import { waitUntilReady } from './httpClient.ts';
import type { LoadTokens } from './httpClient.ts';
import { issueLoadTokens } from './loadTokens.ts';

export interface ServerInfo {
  readonly url: string;
  readonly tokens: LoadTokens;
}

/** Servers a distributed process talks to, and the names that keep this run's state apart on them. */
export interface DistributedSetting {
  readonly targets: string;
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  /** NAMESPACE and KAFKA_TOPIC_PREFIX: a fresh one per run keeps topics, groups and keys of earlier runs out (the bench deletes them afterwards). */
  readonly namespace: string;
}

/**
 * The backbone over SQLite files under `dataDir` (the event store at `dataDir/events.db`, which a
 * distributed API and its relay share), with the rate limit raised out of the way so the bench
 * measures the command path, and tokens for the load. Embedded without `distributed`: every
 * target, or only `embeddedTargets` (a process without the read side is ready only over a
 * `dataDir` whose views already hold the reference directory). Otherwise the process runs
 * `distributed.targets` against Kafka and Redis, and does not wait for readiness (a distributed
 * API is ready once the read side has projected the reference directory the relay published).
 */
export async function backboneServer(input: {
  dataDir: string;
  referenceConfig: string;
  embeddedTargets?: string;
  distributed?: DistributedSetting;
}): Promise<RunningService<ServerInfo>> {
  const { distributed } = input;
  const targets = distributed?.targets ?? input.embeddedTargets;
  const name = targets ? `bench-${targets.replaceAll(',', '-')}` : 'bench-backbone';
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: input.dataDir,
    EVENT_STORE_URL: join(input.dataDir, 'events.db'),
    LOG_LEVEL: 'silent',
    REFERENCE_CONFIG: input.referenceConfig,
    RATE_LIMIT_PER_MINUTE: '100000000',
    PROCESS_NAME: name,
    ...(targets ? { TARGETS: targets } : {}),
    ...(distributed
      ? {
          KAFKA_BROKERS: distributed.brokers.join(','),
          REDIS_URL: distributed.redisUrl,
          NAMESPACE: distributed.namespace,
          KAFKA_TOPIC_PREFIX: distributed.namespace,
        }
      : {}),
  });
  const backbone = await startBackbone(config, createLogger({ name, level: 'silent' }));
  if (!distributed) await waitUntilReady(backbone.url, 30_000);
  const keys = createDevKeyStore(join(input.dataDir, 'keys'));
  return {
    info: { url: backbone.url, tokens: await issueLoadTokens(keys, config.JWT_ISSUER, config.JWT_AUDIENCE) },
    stop: async () => {
      await backbone.stop();
      return undefined;
    },
  };
}
