import { backoffDelay, type RetryBackoff } from '../consumers/deliverWithRetries.ts';

/** One started instance of a client that can stop by itself for good. */
export interface Instance {
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /**
   * Starts a new instance. It calls `gaveUp` once if the instance stops by itself and will not
   * come back; a start that throws counts the same.
   */
  readonly start: (gaveUp: (error: unknown) => void) => Promise<Instance>;
  /** Told before each new start, with the attempt (1, 2, …) and the delay before it. */
  readonly onRestart: (error: unknown, attempt: number, delayMs: number) => void;
  /** Delay before a new start (default 1 s, doubling, at most 30 s). */
  readonly backoff?: RetryBackoff;
  /**
   * Longest wait for a dead instance to stop before the new one starts anyway (default 15 s).
   * A kafkajs consumer stops only after the batch in hand, so one whose handler never returns
   * would otherwise keep its replacement from ever starting.
   */
  readonly stopTimeoutMs?: number;
  /** Told when a dead instance did not stop within `stopTimeoutMs` and was left behind. */
  readonly onAbandoned?: (waitedMs: number) => void;
}

export interface Supervised {
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF: Required<RetryBackoff> = { initialMs: 1000, maxMs: 30_000 };
const DEFAULT_STOP_TIMEOUT_MS = 15_000;

/**
 * Keeps a client running: starts an instance, and each time an instance gives up, starts a new
 * one after a delay that doubles up to `backoff.maxMs`. The delays start again from the first
 * once an instance ran longer than the longest delay. The first start's error is the caller's.
 *
 * kafkajs restarts a crashed consumer only when it deems the crash retriable; after a broker
 * outage some crashes are not ("connection refused" wrapped as non-retriable), and the consumer
 * then stays out of its group for good while the process goes on. This is what brings it back.
 */
export async function superviseConsumer(options: SuperviseOptions): Promise<Supervised> {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  let stopping = false;
  let current: Instance | undefined;
  let generation = 0;
  let startedAt = Date.now();
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const gaveUpFor = (own: number) => (error: unknown) => {
    // Only the running instance's first report counts, and none once stopping.
    if (stopping || own !== generation) return;
    generation++;
    if (Date.now() - startedAt > backoff.maxMs) attempt = 0;
    attempt++;
    const delayMs = backoffDelay(attempt, backoff);
    options.onRestart(error, attempt, delayMs);
    timer = setTimeout(() => {
      timer = undefined;
      restarting = restart();
    }, delayMs);
  };

  /** Stops a dead instance (its stop failing is fine), waiting at most `stopTimeoutMs`, then leaving it behind. */
  async function stopDead(dead: Instance): Promise<void> {
    const waitMs = options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
    let timeout: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([
      dead.stop().then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), waitMs))),
    ]);
    clearTimeout(timeout);
    if (!stopped) options.onAbandoned?.(waitMs);
  }

  async function restart(): Promise<void> {
    const dead = current;
    current = undefined;
    if (dead) await stopDead(dead);
    if (stopping) return;
    const own = generation;
    startedAt = Date.now();
    try {
      current = await options.start(gaveUpFor(own));
    } catch (error) {
      gaveUpFor(own)(error);
    }
  }

  current = await options.start(gaveUpFor(generation));
  return {
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await restarting;
      await current?.stop();
    },
  };
}
