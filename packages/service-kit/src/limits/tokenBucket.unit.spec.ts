import { describe, expect, it } from 'vitest';
import { createTokenBucketLimiter } from './tokenBucket.ts';

describe('token bucket', () => {
  const clock = (start = 0) => {
    let now = start;
    return { now: () => now, advance: (ms: number) => void (now += ms) };
  };

  it('lets a burst through, then refuses with the seconds until the next token', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 30, burst: 3, now: time.now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((r) => r.allowed)).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 2 });
    time.advance(1000);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    time.advance(1000);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('keeps one bucket per key', () => {
    const limiter = createTokenBucketLimiter({ perMinute: 1, burst: 1, now: clock().now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('never holds more than the burst after a long quiet spell', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 60, burst: 2, now: time.now });
    limiter.take('a');
    time.advance(3_600_000);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((r) => r.allowed)).toEqual([true, true, false]);
  });

  it('forgets full buckets when it tracks too many keys, keeping the drained ones', () => {
    const time = clock();
    const limiter = createTokenBucketLimiter({ perMinute: 1, burst: 1, now: time.now, maxKeys: 2 });
    limiter.take('drained');
    limiter.take('other');
    time.advance(60_000); // 'other' refills and may be forgotten; 'drained' does too
    limiter.take('third');
    expect(limiter.take('third').allowed).toBe(false);
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => createTokenBucketLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createTokenBucketLimiter({ perMinute: 10, burst: 0 })).toThrow(RangeError);
  });
});
