import { describe, expect, it } from 'vitest';
import { ShutdownCutShort, shutdownOnSignals } from './shutdownOnSignals.ts';

/** A stop that waits for a handler that never returns. */
const stuck = { stop: () => new Promise<void>(() => {}) };

describe('shutdownOnSignals', () => {
  it('stops every target in order, on the first signal', async () => {
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

  it('does not wait past the deadline for a stop that never finishes', async () => {
    const reported = new Promise<unknown>((resolve) => {
      const remove = shutdownOnSignals([stuck], { signals: ['SIGUSR2'], exit: false, deadlineMs: 50, onStopped: (error) => (remove(), resolve(error)) });
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    const error = await reported;
    expect(error).toBeInstanceOf(ShutdownCutShort);
    expect((error as Error).message).toBe('the stops took longer than 50 ms');
  });

  it('stops waiting at a second signal, and reports the end once', async () => {
    const reports: unknown[] = [];
    const remove = shutdownOnSignals([stuck], { signals: ['SIGUSR2'], exit: false, deadlineMs: 50, onStopped: (error) => reports.push(error) });
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    expect(reports).toHaveLength(1);
    expect((reports[0] as Error).message).toBe('SIGUSR2 while stopping');
    // The deadline was cleared with it: nothing more is reported.
    await new Promise((resolve) => setTimeout(resolve, 80));
    remove();
    expect(reports).toHaveLength(1);
  });
});
