import type { Logger } from 'pino';
import type { DeliveredRecord, Subscription } from '../bus/bus.ts';
import type { ConsumerMetrics } from './consumerMetrics.ts';

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Backoff between attempts of the same record: small and bounded. */
export interface RetryBackoff {
  /** Delay after the first failed attempt (default 50 ms); it doubles each attempt. */
  readonly initialMs?: number;
  /** Upper bound of one delay (default 1000 ms). */
  readonly maxMs?: number;
}

export type DeliveryOutcome =
  | { readonly kind: 'handled'; readonly attempts: number }
  | { readonly kind: 'dead_letter'; readonly attempts: number; readonly reason: string }
  /** The consumer was stopped while the record was failing: leave it uncommitted. */
  | { readonly kind: 'interrupted'; readonly attempts: number };

export interface DeliveryOptions {
  readonly record: Omit<DeliveredRecord, 'attempt'>;
  readonly handle: (record: DeliveredRecord) => Promise<void>;
  readonly maxAttempts?: number;
  readonly backoff?: RetryBackoff;
  readonly isStopping: () => boolean;
  /** Called after each failed attempt (metrics, heartbeats). */
  readonly onFailedAttempt?: (attempt: number, reason: string) => void | Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The delay before attempt `failedAttempt + 1`. */
export function backoffDelay(failedAttempt: number, backoff: RetryBackoff = {}): number {
  const initial = backoff.initialMs ?? 50;
  const max = backoff.maxMs ?? 1000;
  return Math.min(max, initial * 2 ** (failedAttempt - 1));
}

/** A short, single-line description of why a handler failed (kept in `dlq_reason`). */
export function failureReason(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 1000);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Hands one record to the handler, retrying the same record with backoff until it succeeds
 * or `maxAttempts` failed; the caller then commits it or dead-letters it and commits.
 */
export async function deliverWithRetries(options: DeliveryOptions): Promise<DeliveryOutcome> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.handle({ ...options.record, attempt });
      return { kind: 'handled', attempts: attempt };
    } catch (error) {
      const reason = failureReason(error);
      await options.onFailedAttempt?.(attempt, reason);
      if (options.isStopping()) return { kind: 'interrupted', attempts: attempt };
      if (attempt >= maxAttempts) return { kind: 'dead_letter', attempts: attempt, reason };
      await sleep(backoffDelay(attempt, options.backoff));
      if (options.isStopping()) return { kind: 'interrupted', attempts: attempt };
    }
  }
}

export interface ChunkDeliveryOptions {
  /** Records of one partition, in order, on their first attempt. */
  readonly records: readonly DeliveredRecord[];
  readonly subscription: Subscription;
  readonly metrics: ConsumerMetrics;
  readonly logger: Logger;
}

/**
 * Hands a chunk to the subscription's `handleBatch`, once. Resolves false when there is none or it
 * threw: the caller then delivers the chunk record by record through `deliverWithRetries`, so
 * retries and dead-lettering stay per record. On success the records are counted as handled; the
 * caller commits them.
 */
export async function deliverChunk({ records, subscription, metrics, logger }: ChunkDeliveryOptions): Promise<boolean> {
  const first = records[0];
  if (!subscription.handleBatch || first === undefined) return false;
  try {
    await subscription.handleBatch(records);
  } catch (error) {
    logger.warn(
      { topic: first.topic, partition: first.partition, from: first.offset, records: records.length, reason: failureReason(error) },
      'batch handler failed; handling its records one at a time',
    );
    return false;
  }
  // A chunk is one partition's: one topic, counted once.
  metrics.recordOutcome(subscription.group, first.topic, 'handled', records.length);
  return true;
}
