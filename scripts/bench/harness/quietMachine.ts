import { readFileSync } from 'node:fs';

/** CPU time counters of the whole machine (jiffies), from /proc/stat. */
interface CpuTimes {
  readonly busy: number;
  readonly total: number;
}

function cpuTimes(): CpuTimes | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  // "cpu  user nice system idle iowait irq softirq steal …": waiting on the disk counts as busy,
  // since a disk still writing back another part's files slows the next part too.
  const fields = stat.split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - fields[3]!, total };
}

export interface QuietOutcome {
  /** How long it waited, in seconds. */
  readonly waitedSeconds: number;
  /** The share of the machine's CPU time that was busy over the last sample (0–1); undefined without /proc/stat. */
  readonly busy: number | undefined;
  readonly quiet: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the machine has been quiet for one sample (`sampleMs`): at most `busyShare` of all
 * its CPU time busy or waiting on the disk. What an earlier part left behind (a disk writing back
 * a log it wrote, a broker deleting its topics' files) then slows neither side of the next
 * measurement. Gives up after `maxWaitMs` and says so; returns at once where /proc/stat is missing.
 */
export async function quietMachine(options: { busyShare?: number; sampleMs?: number; maxWaitMs?: number } = {}): Promise<QuietOutcome> {
  const busyShare = options.busyShare ?? 0.15;
  const sampleMs = options.sampleMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const started = performance.now();
  let before = cpuTimes();
  if (before === undefined) return { waitedSeconds: 0, busy: undefined, quiet: true };
  for (;;) {
    await sleep(sampleMs);
    const after = cpuTimes()!;
    const busy = after.total === before.total ? 0 : (after.busy - before.busy) / (after.total - before.total);
    const waitedSeconds = (performance.now() - started) / 1000;
    if (busy <= busyShare) return { waitedSeconds, busy, quiet: true };
    if (waitedSeconds * 1000 >= maxWaitMs) return { waitedSeconds, busy, quiet: false };
    before = after;
  }
}

/** `quietMachine` before `what` is measured, saying on the progress line when it waited or gave up waiting. */
export async function settle(progress: (message: string) => void, what: string): Promise<void> {
  const outcome = await quietMachine();
  const busy = `${Math.round((outcome.busy ?? 0) * 100)}%`;
  if (!outcome.quiet) progress(`the machine was still ${busy} busy after ${Math.round(outcome.waitedSeconds)} s; measuring ${what} anyway`);
  else if (outcome.waitedSeconds > 1.5) progress(`waited ${Math.round(outcome.waitedSeconds)} s for the machine to quieten before ${what}`);
}
