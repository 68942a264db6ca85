import type { Logger } from 'pino';

/** Something that can be stopped gracefully: an adapter, a metrics server. */
export interface Stoppable {
  stop(): Promise<void>;
}

export interface ShutdownOptions {
  /** Default SIGTERM and SIGINT. */
  readonly signals?: readonly NodeJS.Signals[];
  readonly logger?: Logger;
  /** Exits the process once everything stopped (code 0, or 1 when a stop failed); default true. */
  readonly exit?: boolean;
  /** Called after everything stopped, before exiting; with the first failure, if any. */
  readonly onStopped?: (error?: unknown) => void;
  /**
   * Longest wait for the stops (default 30 s). A stop waits for the record in hand, and a handler
   * that never returns would keep the process alive for ever: past the deadline the stop counts
   * as failed and the process exits all the same. A second signal does not wait at all.
   */
  readonly deadlineMs?: number;
}

/** Why a shutdown did not finish its stops. */
export class ShutdownCutShort extends Error {}

const DEFAULT_DEADLINE_MS = 30_000;

/**
 * Stops `targets` in order on the first of `signals`: each adapter finishes its record in hand,
 * commits, and leaves its group. A second signal, or the deadline passing, ends the wait: what
 * was not committed is delivered again after the restart, so nothing acknowledged is lost.
 * Returns a function that removes the listeners.
 */
export function shutdownOnSignals(targets: readonly Stoppable[], options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  let stopping = false;
  let finished = false;
  let deadline: NodeJS.Timeout | undefined;

  /** Ends the shutdown once: the stops' outcome, or why they were not waited for. */
  const finish = (error?: unknown) => {
    if (finished) return;
    finished = true;
    clearTimeout(deadline);
    options.onStopped?.(error);
    if (options.exit ?? true) process.exit(error === undefined ? 0 : 1);
  };

  const stopAll = async () => {
    let failure: unknown;
    for (const target of targets) {
      try {
        await target.stop();
      } catch (error) {
        failure ??= error;
        options.logger?.error({ err: error }, 'unclean stop');
      }
    }
    finish(failure);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.logger?.warn({ signal }, 'second signal: not waiting for the stops');
      finish(new ShutdownCutShort(`${signal} while stopping`));
      return;
    }
    stopping = true;
    options.logger?.info({ signal }, 'stopping');
    deadline = setTimeout(() => {
      options.logger?.error({ deadlineMs }, 'the stops did not finish in time; exiting without them');
      finish(new ShutdownCutShort(`the stops took longer than ${deadlineMs} ms`));
    }, deadlineMs);
    void stopAll();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
