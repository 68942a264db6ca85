import type { ViewStore } from '@backbone/views';
import { openViewStore } from '../composition/infrastructure.ts';
import type { Config } from '../config.ts';

/**
 * The view store a running backbone with `config` keeps its read models in, opened beside it
 * (Redis under its NAMESPACE, or its SQLite views file): for a test that must wait until a
 * projection with no read API of its own has caught up. Close it when done.
 */
export function deploymentViews(config: Config): ViewStore {
  return openViewStore(config);
}
