import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaServer, redisServer } from '@backbone/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackbone } from '../composition/startBackbone.ts';
import type { RunningBackbone } from '../composition/startBackbone.ts';
import { loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { REPO_ROOT } from './backboneProcess.ts';
import { serverNamespace } from './sharedServers.ts';
import type { ServerNamespace } from './sharedServers.ts';

const kafka = await kafkaServer();
const redis = await redisServer();

function tempConfig(name: string, extra: (dir: string) => Record<string, string>): { config: Config; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const config = loadConfig({
    DATA_DIR: dir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    PROCESS_NAME: `${name}-${randomUUID().slice(0, 8)}`,
    REFERENCE_CONFIG: join(REPO_ROOT, 'config/reference.json'),
    ...extra(dir),
  });
  return { config, dir };
}

/**
 * Runs one end-to-end scenario against an in-process backbone in each mode: embedded (one
 * process, SQLite) and distributed over the real Kafka and Redis, the latter in a namespace of
 * its own (consumer groups, topics, Redis keys) that is removed afterwards.
 */
export function describeInBothModes(
  name: string,
  scenario: string,
  run: (backbone: RunningBackbone, config: Config) => Promise<void>,
): void {
  describe(`${name} end to end, embedded mode (one process, SQLite)`, () => {
    const { config, dir } = tempConfig(name, () => ({}));
    let backbone: RunningBackbone | undefined;
    beforeAll(async () => {
      backbone = await startBackbone(config, pino({ level: 'silent' }));
    });
    afterAll(async () => {
      await backbone?.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    it(scenario, async () => {
      expect(backbone?.mode).toBe('embedded');
      await run(backbone!, config);
    });
  });

  describe.skipIf(!kafka.available || !redis.available)(`${name} end to end, distributed mode (real Kafka and Redis)`, () => {
    let namespace: ServerNamespace | undefined;
    let setup: { config: Config; dir: string } | undefined;
    let backbone: RunningBackbone | undefined;
    beforeAll(async () => {
      namespace = serverNamespace({ brokers: kafka.endpoint?.brokers ?? [], redisUrl: redis.endpoint?.url ?? '' }, name);
      const env = namespace.env;
      setup = tempConfig(name, (dir) => ({ ...env, EVENT_STORE_URL: join(dir, 'events.db') }));
      backbone = await startBackbone(setup.config, pino({ level: 'silent' }));
    });
    afterAll(async () => {
      await backbone?.stop();
      await namespace?.remove();
      if (setup) rmSync(setup.dir, { recursive: true, force: true });
    });
    it(`${scenario}, through Kafka and Redis`, async () => {
      expect(backbone?.mode).toBe('distributed');
      await run(backbone!, setup!.config);
    });
  });
}
