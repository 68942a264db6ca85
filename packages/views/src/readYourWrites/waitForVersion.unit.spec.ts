import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MS, waitForVersion } from './waitForVersion.ts';

describe('waitForVersion', () => {
  it('answers at once when the view already has the version', async () => {
    let reads = 0;
    const result = await waitForVersion({ read: async () => (reads++, 4), atLeast: 3, timeoutMs: 1000 });
    expect(result).toEqual({ caughtUp: true, version: 4 });
    expect(reads).toBe(1);
  });

  it('polls until the view catches up', async () => {
    const seen = [undefined, 1, 2, 3, 4];
    let reads = 0;
    const result = await waitForVersion({ read: async () => seen[reads++], atLeast: 3, timeoutMs: 1000, pollMs: 5 });
    expect(result).toEqual({ caughtUp: true, version: 3 });
    expect(reads).toBe(4);
  });

  it('says it did not catch up after the timeout, with the last version read', async () => {
    const started = performance.now();
    const result = await waitForVersion({ read: async () => 1, atLeast: 2, timeoutMs: 60, pollMs: 10 });
    expect(result).toEqual({ caughtUp: false, version: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('caps the wait at 2 s whatever the caller asks', async () => {
    const started = performance.now();
    const result = await waitForVersion({ read: async () => undefined, atLeast: 1, timeoutMs: 60_000, pollMs: 500 });
    const waited = performance.now() - started;
    expect(result).toEqual({ caughtUp: false, version: undefined });
    expect(waited).toBeGreaterThanOrEqual(MAX_WAIT_MS - 5);
    expect(waited).toBeLessThan(MAX_WAIT_MS + 600);
  });
});
