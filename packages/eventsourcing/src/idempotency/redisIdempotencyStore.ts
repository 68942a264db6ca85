import { Redis } from 'ioredis';
import {
  DEFAULT_IN_FLIGHT_TTL_MS,
  DEFAULT_RESULT_TTL_MS,
  type IdempotencyStore,
  type IdempotencyTtlOptions,
  type Reservation,
} from './idempotencyStore.ts';

export type RedisIdempotencyStoreOptions = IdempotencyTtlOptions & {
  /** Prefix of every key this store writes; default `backbone:idempotency:`. */
  readonly keyPrefix?: string;
} & (
    | { readonly url: string }
    /** A shared client; `close` leaves it open. */
    | { readonly client: Redis }
  );

interface KeyValue {
  readonly requestHash: string;
  readonly state: 'in_flight' | 'done';
  readonly result?: unknown;
}

// Compare-and-set / compare-and-delete: only touch the value this process last read.
const REPLACE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return false`;
const DELETE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Idempotency keys in Redis: a reservation is `SET NX` with a TTL, a result replaces it with a longer one. */
export function createRedisIdempotencyStore(options: RedisIdempotencyStoreOptions): IdempotencyStore {
  const ownsClient = !('client' in options);
  const redis = 'client' in options ? options.client : new Redis(options.url, { maxRetriesPerRequest: 3 });
  const prefix = options.keyPrefix ?? 'backbone:idempotency:';
  const inFlightTtlMs = options.inFlightTtlMs ?? DEFAULT_IN_FLIGHT_TTL_MS;
  const resultTtlMs = options.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
  const redisKey = (scope: string, key: string) =>
    `${prefix}${encodeURIComponent(scope)}:${encodeURIComponent(key)}`;

  async function readInFlight(target: string): Promise<string | undefined> {
    const raw = await redis.get(target);
    if (raw === null) return undefined;
    return (JSON.parse(raw) as KeyValue).state === 'in_flight' ? raw : undefined;
  }

  return {
    async reserve(scope, key, requestHash): Promise<Reservation> {
      const target = redisKey(scope, key);
      const claim = JSON.stringify({ requestHash, state: 'in_flight' } satisfies KeyValue);
      // A key that expires between the failed SET and the GET is simply claimed on the next turn.
      for (;;) {
        if ((await redis.set(target, claim, 'PX', inFlightTtlMs, 'NX')) === 'OK') return { state: 'new' };
        const raw = await redis.get(target);
        if (raw === null) continue;
        const found = JSON.parse(raw) as KeyValue;
        if (found.requestHash !== requestHash) return { state: 'mismatch' };
        if (found.state === 'done') return { state: 'done', result: found.result ?? null };
        return { state: 'in_flight' };
      }
    },
    async complete(scope, key, result) {
      const target = redisKey(scope, key);
      const current = await readInFlight(target);
      if (current === undefined) return;
      const { requestHash } = JSON.parse(current) as KeyValue;
      const done = JSON.stringify({ requestHash, state: 'done', result: result ?? null } satisfies KeyValue);
      await redis.eval(REPLACE_IF_UNCHANGED, 1, target, current, done, resultTtlMs);
    },
    async release(scope, key) {
      const target = redisKey(scope, key);
      const current = await readInFlight(target);
      if (current !== undefined) await redis.eval(DELETE_IF_UNCHANGED, 1, target, current);
    },
    async close() {
      if (ownsClient) await redis.quit();
    },
  };
}
