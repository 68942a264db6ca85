import { describe, expect, it } from 'vitest';
import { watchForSilence } from './silenceWatch.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchForSilence', () => {
  it('reports once when no sign came for the silence it allows', async () => {
    const reports: number[] = [];
    const watch = watchForSilence({ silentForMs: 40, everyMs: 5, onSilent: (ms) => reports.push(ms) });
    await sleep(150);
    watch.stop();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toBeGreaterThanOrEqual(40);
  });

  it('stays quiet while signs keep coming, and after it was stopped', async () => {
    let reports = 0;
    const watch = watchForSilence({ silentForMs: 60, everyMs: 5, onSilent: () => reports++ });
    for (let i = 0; i < 10; i++) {
      await sleep(15);
      watch.sign();
    }
    watch.stop();
    await sleep(100);
    expect(reports).toBe(0);
  });
});
