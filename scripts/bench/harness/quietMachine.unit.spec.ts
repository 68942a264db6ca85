import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { quietMachine } from './quietMachine.ts';

describe('quietMachine', () => {
  it.runIf(process.platform === 'linux')('waits while a thread keeps a core busy, and gives up after its longest wait', async () => {
    // A core of this machine busy for the whole test: far above 5% of all its CPU time on any machine of up to 10 cores.
    const spinner = new Worker('const end = Date.now() + 4000; while (Date.now() < end);', { eval: true });
    try {
      const outcome = await quietMachine({ busyShare: 0.05, sampleMs: 250, maxWaitMs: 1000 });
      expect(outcome.quiet).toBe(false);
      expect(outcome.waitedSeconds).toBeGreaterThanOrEqual(1);
      expect(outcome.busy).toBeGreaterThan(0.05);
    } finally {
      await spinner.terminate();
    }
  });

  it.runIf(process.platform === 'linux')('returns after one sample when anything up to the whole machine counts as quiet', async () => {
    const outcome = await quietMachine({ busyShare: 1, sampleMs: 100 });
    expect(outcome).toMatchObject({ quiet: true });
    expect(outcome.busy).toBeGreaterThanOrEqual(0);
    expect(outcome.busy).toBeLessThanOrEqual(1);
  });
});
