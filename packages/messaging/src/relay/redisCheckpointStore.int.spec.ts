import { randomUUID } from 'node:crypto';
import { redisServer } from '@backbone/testkit';
import { Redis } from 'ioredis';
import { afterAll, describe } from 'vitest';
import { describeCheckpointStoreContract } from './checkpointStore.contract.ts';
import { createRedisCheckpointStore } from './redisCheckpointStore.ts';

const redis = await redisServer();

describe.skipIf(!redis.available)('Redis checkpoints', () => {
  const url = redis.endpoint?.url ?? '';
  const keyPrefix = `test:checkpoints:${randomUUID()}:`;
  afterAll(async () => {
    const client = new Redis(url);
    const keys = await client.keys(`${keyPrefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
  });
  describeCheckpointStoreContract('redis', () => createRedisCheckpointStore({ url, keyPrefix }));
});
