export interface WaitForVersionOptions {
  /** Reads the version the view has seen (e.g. `reader.appliedVersion(aggregateId)`). */
  readonly read: () => Promise<number | undefined>;
  readonly atLeast: number;
  /** How long to wait at most; capped at 2000 ms. */
  readonly timeoutMs: number;
  /** Pause between reads (default 25 ms). */
  readonly pollMs?: number;
}

export interface WaitForVersionResult {
  readonly caughtUp: boolean;
  /** The last version read (undefined when the view has seen nothing of the aggregate). */
  readonly version: number | undefined;
}

/** The longest a read may wait for a view to catch up (DESIGN.md §3: bounded, ≤ 2 s). */
export const MAX_WAIT_MS = 2000;

/** Polls until the view has seen `atLeast`, or the (capped) timeout passes; says which. */
export async function waitForVersion(options: WaitForVersionOptions): Promise<WaitForVersionResult> {
  const timeoutMs = Math.min(Math.max(0, options.timeoutMs), MAX_WAIT_MS);
  const pollMs = Math.max(1, options.pollMs ?? 25);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const version = await options.read();
    if (version !== undefined && version >= options.atLeast) return { caughtUp: true, version };
    const left = deadline - performance.now();
    if (left <= 0) return { caughtUp: false, version };
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, left)));
  }
}
