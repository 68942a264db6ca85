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
  /** Called after everything stopped, before exiting. */
  readonly onStopped?: (error?: unknown) => void;
}

/**
 * Stops `targets` in order on the first of `signals` (a second signal is ignored while
 * stopping): each adapter finishes its record in hand, commits, and leaves its group.
 * Returns a function that removes the listeners.
 */
export function shutdownOnSignals(targets: readonly Stoppable[], options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.logger?.info({ signal }, 'stopping');
    void (async () => {
      let failure: unknown;
      for (const target of targets) {
        try {
          await target.stop();
        } catch (error) {
          failure ??= error;
          options.logger?.error({ err: error }, 'unclean stop');
        }
      }
      options.onStopped?.(failure);
      if (options.exit ?? true) process.exit(failure === undefined ? 0 : 1);
    })();
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
