import { describe, expect, it } from 'vitest';
import { TARGETS, loadConfig, modeOf } from './config.ts';

describe('backbone configuration', () => {
  it('defaults to the embedded mode running every target on port 8080', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.TARGETS).toEqual([...TARGETS]);
    expect(modeOf(config)).toBe('embedded');
  });

  it('runs one part of the distributed deployment when given brokers and targets', () => {
    const config = loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', TARGETS: 'relay,projections' });
    expect(modeOf(config)).toBe('distributed');
    expect(config.TARGETS).toEqual(['relay', 'projections']);
  });

  it('takes a Kafka session timeout within what the broker allows, and leaves the bus default otherwise', () => {
    expect(loadConfig({}).KAFKA_SESSION_TIMEOUT_MS).toBeUndefined();
    expect(loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '10000' }).KAFKA_SESSION_TIMEOUT_MS).toBe(10_000);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_MS: '3000' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
    expect(() => loadConfig({ KAFKA_SESSION_TIMEOUT_MS: 'soon' })).toThrow(/KAFKA_SESSION_TIMEOUT_MS/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', TARGETS: 'tasks,teleport', LOG_LEVEL: 'loud' })).toThrow(
      /PORT[\s\S]*TARGETS[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL[\s\S]*TARGETS/,
    );
  });
});
