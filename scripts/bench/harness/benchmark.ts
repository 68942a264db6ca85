import type { BenchConfig } from './benchConfig.ts';
import type { Availability } from './servers.ts';

/** One line of the result table. */
export interface BenchRow {
  /** What is measured, with its size. */
  readonly name: string;
  readonly ours?: string;
  /** The raw baseline measured in the same run, with what it is. */
  readonly baseline?: string;
  /** ours / baseline. */
  readonly ratio?: number;
  readonly target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  readonly met?: boolean;
  /** Peak RSS of the process(es) that ran the row. */
  readonly peakRss?: string;
  /** Set when the row could not run: "skipped: <reason>" or "failed: <reason>". */
  readonly skipped?: string;
}

/** A benchmark's rows and, for the document, what limits each ratio. */
export interface BenchSection {
  readonly title: string;
  readonly rows: readonly BenchRow[];
  /** Sentences on what limits the figures, written from what this run measured. */
  readonly limits: readonly string[];
}

export interface BenchContext {
  readonly config: BenchConfig;
  readonly kafka: Availability;
  readonly redis: Availability;
  /** Unique per run: topics, groups and key prefixes carry it. */
  readonly runId: string;
  /** A directory of this run, removed at the end. */
  readonly workDir: string;
  /** Progress on stderr (the table goes to stdout). */
  progress(message: string): void;
}

export type Benchmark = (context: BenchContext) => Promise<BenchSection[]>;

/** The reason a row is skipped when a server it needs is not available. */
export function unavailable(...servers: Availability[]): string | undefined {
  const missing = servers.find((server): server is Extract<Availability, { available: false }> => !server.available);
  return missing ? `skipped: ${missing.reason}` : undefined;
}

/** Why a part failed, in one line. */
export function failure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `failed: ${text.split('\n')[0]}`;
}
