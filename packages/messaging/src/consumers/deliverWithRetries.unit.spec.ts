import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../bus/bus.ts';
import { backoffDelay, deliverWithRetries } from './deliverWithRetries.ts';

const record = { topic: 't', partition: 0, offset: '7', key: 'k', headers: {}, value: '{}' };

describe('deliverWithRetries', () => {
  it('retries the same record with growing, bounded delays until it is handled', async () => {
    const attempts: number[] = [];
    const delays: number[] = [];
    const outcome = await deliverWithRetries({
      record,
      handle: async (r: DeliveredRecord) => {
        attempts.push(r.attempt);
        if (r.attempt < 3) throw new Error('not yet');
      },
      isStopping: () => false,
      sleep: async (ms) => void delays.push(ms),
    });
    expect(outcome).toEqual({ kind: 'handled', attempts: 3 });
    expect(attempts).toEqual([1, 2, 3]);
    expect(delays).toEqual([50, 100]);
  });

  it('gives up after maxAttempts with the last failure as reason', async () => {
    const outcome = await deliverWithRetries({
      record,
      maxAttempts: 3,
      handle: async (r) => {
        throw new Error(`boom ${r.attempt}\nsecond line`);
      },
      isStopping: () => false,
      sleep: async () => {},
    });
    expect(outcome).toEqual({ kind: 'dead_letter', attempts: 3, reason: 'Error: boom 3 second line' });
  });

  it('stops retrying when the consumer is stopping', async () => {
    let stopping = false;
    const outcome = await deliverWithRetries({
      record,
      handle: async () => {
        stopping = true;
        throw new Error('crash');
      },
      isStopping: () => stopping,
      sleep: async () => {},
    });
    expect(outcome).toEqual({ kind: 'interrupted', attempts: 1 });
  });

  it('caps the backoff', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a))).toEqual([50, 100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(2, { initialMs: 10, maxMs: 15 })).toBe(15);
  });
});
