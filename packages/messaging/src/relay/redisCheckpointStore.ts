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

/** Sets the checkpoint (ARGV[2]) only when it is still ARGV[1] ('' for none); 1 when it did. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] == '') or current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

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
    async save(name, position, expected) {
      const moved = await redis.eval(COMPARE_AND_SET, 1, prefix + name, expected === undefined ? '' : String(expected), String(position));
      return moved === 1;
    },
    async close() {
      if (owned) await redis.quit();
    },
  };
}
