import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { redisServer } from '@backbone/testkit';
import { describeIdempotencyStoreContract } from './idempotencyStore.contract.ts';
import { createRedisIdempotencyStore } from './redisIdempotencyStore.ts';

const redis = await redisServer();
const keyPrefix = `test:idempotency:${randomUUID()}:`;

describe.skipIf(!redis.available)(`Redis idempotency store${redis.reason ? ` (skipped: ${redis.reason})` : ''}`, () => {
  afterAll(async () => {
    const client = new Redis(redis.endpoint!.url);
    try {
      const keys = await client.keys(`${keyPrefix}*`);
      if (keys.length > 0) await client.del(...keys);
    } finally {
      await client.quit();
    }
  });

  describeIdempotencyStoreContract('Redis', async (ttl) =>
    createRedisIdempotencyStore({ url: redis.endpoint!.url, keyPrefix, ...ttl }),
  );
});
