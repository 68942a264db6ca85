/** Watches for signs of life, and reports once when none came for too long. */
export interface SilenceWatch {
  /** Something showed the watched client alive. */
  sign(): void;
  stop(): void;
}

/**
 * Calls `onSilent` once when `sign` was not called for `silentForMs` (looked at every
 * `everyMs`). The timer does not keep the process alive.
 */
export function watchForSilence(options: { silentForMs: number; everyMs: number; onSilent: (silentMs: number) => void }): SilenceWatch {
  let last = Date.now();
  const timer = setInterval(() => {
    const silentMs = Date.now() - last;
    if (silentMs < options.silentForMs) return;
    clearInterval(timer);
    options.onSilent(silentMs);
  }, options.everyMs);
  timer.unref();
  return {
    sign: () => void (last = Date.now()),
    stop: () => clearInterval(timer),
  };
}
