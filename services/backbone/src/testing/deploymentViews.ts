import { join } from 'node:path';
import { createRedisViewStore, createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { modeOf } from '../config.ts';
import type { Config } from '../config.ts';

/**
 * The view store a running backbone with `config` keeps its read models in, opened beside it
 * (Redis under its NAMESPACE, or its SQLite views file): for a test that must wait until a
 * projection with no read API of its own has caught up. Close it when done.
 */
export function deploymentViews(config: Config): ViewStore {
  return modeOf(config) === 'distributed'
    ? createRedisViewStore({ redis: config.REDIS_URL!, prefix: config.NAMESPACE })
    : createSqliteViewStore({ path: join(config.DATA_DIR, 'views.db') });
}
