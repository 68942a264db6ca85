import { describe, expect, it } from 'vitest';
import { BENCHMARKS, loadBenchConfig } from './benchConfig.ts';
import { percent, quantile } from './format.ts';
import { isLoopbackHost } from './servers.ts';

describe('bench configuration', () => {
  it('runs every benchmark with bounded defaults when nothing is set', () => {
    const config = loadBenchConfig({});
    expect(config.only).toEqual([...BENCHMARKS]);
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.rebuildEvents).toBe(1_000_000);
  });

  it('reads sizes written with separators and refuses malformed ones', () => {
    expect(loadBenchConfig({ BENCH_REBUILD_EVENTS: '200_000' }).rebuildEvents).toBe(200_000);
    expect(() => loadBenchConfig({ BENCH_RELAY_EVENTS: '-5' })).toThrow(/BENCH_RELAY_EVENTS/);
    expect(() => loadBenchConfig({ BENCH_ONLY: 'relay,teleport' })).toThrow(/teleport/);
  });
});

describe('loopback only', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('accepts %s', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['10.0.0.5', '192.168.1.10', 'kafka.example.org', '0.0.0.0'])('refuses %s', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('figures', () => {
  it('takes nearest-rank quantiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(samples, 0.5)).toBe(50);
    expect(quantile(samples, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('writes ratios as percentages', () => {
    expect(percent(0.923)).toBe('92%');
    expect(percent(0.0031)).toBe('0.3%');
  });
});
