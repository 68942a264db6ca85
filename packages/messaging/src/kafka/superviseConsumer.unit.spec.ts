import { describe, expect, it } from 'vitest';
import { superviseConsumer } from './superviseConsumer.ts';

/** Instances that record their life, and let the test make the running one give up. */
function instances() {
  const started: { stopped: boolean; gaveUp: (error: unknown) => void }[] = [];
  let failStarts = 0;
  return {
    started,
    failNextStarts(n: number) {
      failStarts = n;
    },
    async start(gaveUp: (error: unknown) => void) {
      if (failStarts > 0) {
        failStarts--;
        throw new Error('broker still down');
      }
      const instance = { stopped: false, gaveUp };
      started.push(instance);
      return { stop: async () => void (instance.stopped = true) };
    },
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('superviseConsumer', () => {
  it('starts a new instance after the running one gave up, and stops the dead one first', async () => {
    const clients = instances();
    const restarts: number[] = [];
    const supervised = await superviseConsumer({
      start: (gaveUp) => clients.start(gaveUp),
      onRestart: (_error, attempt) => restarts.push(attempt),
      backoff: { initialMs: 1, maxMs: 4 },
    });
    clients.started[0]!.gaveUp(new Error('connection refused'));
    await until(() => clients.started.length === 2);
    expect(clients.started[0]!.stopped).toBe(true);
    expect(restarts).toEqual([1]);

    await supervised.stop();
    expect(clients.started[1]!.stopped).toBe(true);
  });

  it('starts the new instance anyway when the dead one does not stop (a handler that never returns)', async () => {
    const started: ((error: unknown) => void)[] = [];
    const abandoned: number[] = [];
    const supervised = await superviseConsumer({
      start: async (gaveUp) => {
        started.push(gaveUp);
        // The first instance is stuck in its handler: its stop waits for it for ever.
        return { stop: started.length === 1 ? () => new Promise<void>(() => {}) : async () => {} };
      },
      onRestart: () => {},
      onAbandoned: (waitedMs) => abandoned.push(waitedMs),
      backoff: { initialMs: 1, maxMs: 4 },
      stopTimeoutMs: 30,
    });
    started[0]!(new Error('the consumer showed no sign of life'));
    await until(() => started.length === 2);
    expect(abandoned).toEqual([30]);
    await supervised.stop();
  });

  it('keeps trying while starts fail, with growing delays, and counts one report per instance', async () => {
    const clients = instances();
    const delays: number[] = [];
    const supervised = await superviseConsumer({
      start: (gaveUp) => clients.start(gaveUp),
      onRestart: (_error, _attempt, delayMs) => delays.push(delayMs),
      backoff: { initialMs: 10, maxMs: 40 },
    });
    clients.failNextStarts(3);
    const first = clients.started[0]!;
    first.gaveUp(new Error('gone'));
    first.gaveUp(new Error('gone again'));
    await until(() => clients.started.length === 2);
    expect(delays).toEqual([10, 20, 40, 40]);
    await supervised.stop();
  });

  it('starts nothing more once stopped, even when an instance gives up afterwards', async () => {
    const clients = instances();
    let restarts = 0;
    const supervised = await superviseConsumer({
      start: (gaveUp) => clients.start(gaveUp),
      onRestart: () => restarts++,
      backoff: { initialMs: 1, maxMs: 1 },
    });
    await supervised.stop();
    clients.started[0]!.gaveUp(new Error('late crash'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clients.started).toHaveLength(1);
    expect(restarts).toBe(0);
  });

  it('leaves the first start failing to the caller', async () => {
    const clients = instances();
    clients.failNextStarts(1);
    await expect(superviseConsumer({ start: (gaveUp) => clients.start(gaveUp), onRestart: () => {} })).rejects.toThrow('broker still down');
  });
});
