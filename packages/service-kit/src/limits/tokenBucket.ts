/** The verdict of one `take`. */
export type TakeResult = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface TokenBucketOptions {
  /** Tokens added per minute (the sustained rate). */
  readonly perMinute: number;
  /** Bucket size: how many requests may come at once after a quiet spell. */
  readonly burst: number;
  /** Milliseconds clock; `Date.now` by default. */
  readonly now?: () => number;
  /** Above this many keys, full buckets are forgotten (they hold no state worth keeping). */
  readonly maxKeys?: number;
}

export interface TokenBucketLimiter {
  /** Takes one token from `key`'s bucket. */
  take(key: string): TakeResult;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** An in-memory token bucket per key. */
export function createTokenBucketLimiter(options: TokenBucketOptions): TokenBucketLimiter {
  if (!(options.perMinute > 0) || !(options.burst >= 1)) {
    throw new RangeError('rate limit needs perMinute > 0 and burst >= 1');
  }
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? 10_000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number): void => {
    bucket.tokens = Math.min(options.burst, bucket.tokens + Math.max(0, at - bucket.updatedAt) * perMs);
    bucket.updatedAt = at;
  };

  const forgetFullBuckets = (at: number): void => {
    for (const [key, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= options.burst) buckets.delete(key);
    }
  };

  return {
    take(key) {
      const at = now();
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) forgetFullBuckets(at);
        bucket = { tokens: options.burst, updatedAt: at };
        buckets.set(key, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
