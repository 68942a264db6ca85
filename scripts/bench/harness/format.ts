const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12,345 */
export const count = (n: number): string => grouped.format(n);

/** "12,345 events/s" */
export const perSecond = (n: number, unit: string): string => `${grouped.format(n)} ${unit}/s`;

/** "84 MB" (MiB, rounded) */
export const megabytes = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MB`;

/** "82%" (one decimal under 10%) */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;

/** "12.3 ms" */
export const millis = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

/** The q-quantile (0..1) of samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
