// Service part of the HTTP benchmark: the embedded backbone, in a process of its own.
import { join } from 'node:path';
import { loadConfig, startBackbone } from '@backbone/service-backbone';
import { createDevKeyStore, createLogger, issueToken } from '@backbone/service-kit';
import type { RunningService } from '../../harness/protocol.ts';
import type { LoadTokens } from './httpClient.ts';

export interface ServerInfo {
  readonly url: string;
  readonly tokens: LoadTokens;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (performance.now() > deadline) throw new Error(`${url}/readyz still answers ${status} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The embedded backbone (every target in one process, SQLite under `dataDir`), with the rate
 * limit raised out of the way so the bench measures the command path, and tokens for the load.
 */
export async function backboneServer(input: { dataDir: string; referenceConfig: string }): Promise<RunningService<ServerInfo>> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: input.dataDir,
    LOG_LEVEL: 'silent',
    REFERENCE_CONFIG: input.referenceConfig,
    RATE_LIMIT_PER_MINUTE: '100000000',
    PROCESS_NAME: 'bench-backbone',
  });
  const backbone = await startBackbone(config, createLogger({ name: 'bench-backbone', level: 'silent' }));
  await waitUntilReady(backbone.url, 30_000);
  const keys = createDevKeyStore(join(input.dataDir, 'keys'));
  const token = (department: string) => issueToken({ department, keys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: 3600 });
  return {
    info: { url: backbone.url, tokens: { coordinating: await token('social-work'), lead: await token('civil-affairs') } },
    stop: async () => {
      await backbone.stop();
      return undefined;
    },
  };
}
