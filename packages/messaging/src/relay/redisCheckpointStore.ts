import { Redis } from 'ioredis';
import type { CheckpointStore } from './checkpointStore.ts';

export type RedisCheckpointStoreOptions = (
  | { readonly url: string }
  /** A client the caller owns (and closes). */
  | { readonly client: Redis }
) & {
  /** Key prefix (default `backbone:relay:checkpoint:`). */
  readonly keyPrefix?: string;
};

/** Relay checkpoints as one Redis string per relay name. */
export function createRedisCheckpointStore(options: RedisCheckpointStoreOptions): CheckpointStore & { close(): Promise<void> } {
  const owned = 'url' in options;
  const redis = 'url' in options ? new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: 3 }) : options.client;
  const prefix = options.keyPrefix ?? 'backbone:relay:checkpoint:';
  return {
    async load(name) {
      const value = await redis.get(prefix + name);
      return value === null ? undefined : Number(value);
    },
    async save(name, position) {
      await redis.set(prefix + name, String(position));
    },
    async close() {
      if (owned) await redis.quit();
    },
  };
}
