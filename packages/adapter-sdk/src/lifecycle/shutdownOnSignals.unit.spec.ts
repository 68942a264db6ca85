import { describe, expect, it } from 'vitest';
import { shutdownOnSignals } from './shutdownOnSignals.ts';

describe('shutdownOnSignals', () => {
  it('stops every target in order once, on the first signal', async () => {
    const stops: string[] = [];
    const stopped = new Promise<unknown>((resolve) => {
      const remove = shutdownOnSignals(
        [
          { stop: async () => void stops.push('adapter') },
          { stop: async () => void stops.push('metrics') },
        ],
        { signals: ['SIGUSR2'], exit: false, onStopped: (error) => (remove(), resolve(error)) },
      );
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await stopped).toBeUndefined();
    expect(stops).toEqual(['adapter', 'metrics']);
    expect(process.listenerCount('SIGUSR2')).toBe(0);
  });

  it('still stops the others when one stop fails, and reports the failure', async () => {
    const stops: string[] = [];
    const failure = new Error('broker gone');
    const reported = new Promise<unknown>((resolve) => {
      const remove = shutdownOnSignals(
        [
          {
            stop: async () => {
              throw failure;
            },
          },
          { stop: async () => void stops.push('second') },
        ],
        { signals: ['SIGUSR2'], exit: false, onStopped: (error) => (remove(), resolve(error)) },
      );
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(await reported).toBe(failure);
    expect(stops).toEqual(['second']);
  });
});
