import { Redis } from 'ioredis';

/**
 * Deletes every key matching `pattern` (SCAN + UNLINK, a thousand at a time): how a test or a
 * bench removes the namespace it wrote under. Commands fail after three retries rather than
 * wait for a Redis that went away.
 */
export async function deleteRedisKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
