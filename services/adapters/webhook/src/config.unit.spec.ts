import { busConfigOf } from '@backbone/adapter-sdk';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const valid = { DEPARTMENT: 'civil-affairs', WEBHOOK_URL: 'https://civil-affairs.example/hooks/backbone', WEBHOOK_SECRET: 'x'.repeat(32) };

describe('the webhook adapter configuration', () => {
  it('has defaults for everything but the department, the endpoint and its secret', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ WEBHOOK_TIMEOUT_MS: 5000, WEBHOOK_MAX_ATTEMPTS: 8, WEBHOOK_BACKOFF_INITIAL_MS: 500, WEBHOOK_BACKOFF_MAX_MS: 10_000 });
    expect(busConfigOf(config)).toEqual({ kind: 'embedded', path: 'data/bus.db' });
    expect(busConfigOf(loadConfig({ ...valid, KAFKA_BROKERS: 'k1:9092, k2:9092' }))).toMatchObject({ kind: 'kafka', brokers: ['k1:9092', 'k2:9092'] });
  });

  it('keeps an attempt and a backoff within the Kafka session timeout', () => {
    expect(() => loadConfig({ ...valid, WEBHOOK_TIMEOUT_MS: '15000', WEBHOOK_BACKOFF_MAX_MS: '15000' })).toThrow(/WEBHOOK_BACKOFF_MAX_MS: .*must not exceed 25000 ms/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ DEPARTMENT: 'Civil Affairs', WEBHOOK_URL: 'ftp://x', WEBHOOK_SECRET: 'short' })).toThrow(
      /DEPARTMENT: [^\n]+\n {2}WEBHOOK_URL: [^\n]+\n {2}WEBHOOK_SECRET: at least 32 characters/,
    );
  });
});
