import { readFileSync } from 'node:fs';

/**
 * The peak resident set size of this process in bytes: the kernel's high-water mark (VmHWM)
 * where /proc exists, else the largest `process.memoryUsage().rss` sampled so far.
 */
export function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: fall back to the sampler below.
  }
  return Math.max(sampledPeak, process.memoryUsage().rss);
}

let sampledPeak = 0;
const sampler = setInterval(() => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}, 100);
sampler.unref();
