import { readFileSync } from 'node:fs';

/** The kernel's high-water mark of this process's resident set (VmHWM) in bytes, or undefined without /proc. */
function kernelPeakRss(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

// Sampled only where the kernel does not keep the peak: a sample costs the measured process
// CPU (in a profile of the HTTP part, 1.6% of a saturated API's busy time went to it).
let sampledPeak = 0;
if (kernelPeakRss() === undefined) {
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
  }, 100);
  sampler.unref();
}

/**
 * The peak resident set size of this process in bytes: the kernel's high-water mark where /proc
 * exists, else the largest resident set sampled every 100 ms so far.
 */
export function peakRssBytes(): number {
  return kernelPeakRss() ?? Math.max(sampledPeak, process.memoryUsage.rss());
}
