import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConfig } from './defineConfig.ts';
import { HttpEnv } from './httpEnv.ts';

/** An example process environment, as a service would declare it. */
const ExampleEnv = HttpEnv.extend({
  /** Kafka bootstrap servers, comma-separated. */
  KAFKA_BROKERS: z.string().min(1).transform((value) => value.split(',')),
  /** Signing secret; must never appear in an error. */
  SECRET: z.string().min(16),
});
const loadConfig = defineConfig(ExampleEnv);

describe('defineConfig', () => {
  it('parses and defaults a good environment', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:9092,b:9092', SECRET: 's'.repeat(16), PORT: '9000' });
    expect(config).toMatchObject({ PORT: 9000, HOST: '127.0.0.1', LOG_LEVEL: 'info', KAFKA_BROKERS: ['a:9092', 'b:9092'] });
    expect(config.HTTP_BODY_LIMIT).toBe('256kb');
  });

  it('throws one readable error listing every bad variable, never its value', () => {
    let thrown: unknown;
    try {
      loadConfig({ PORT: 'eighty', SECRET: 'short-secret', LOG_LEVEL: 'loud', KAFKA_BROKERS: '' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'invalid_input' });
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Invalid configuration \(4\)/);
    expect(message).toMatch(/PORT: /);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect(message).toMatch(/KAFKA_BROKERS: is required/);
    expect(message).toMatch(/SECRET: /);
    expect(message).not.toMatch(/eighty|short-secret|loud/);
  });

  it('treats empty variables as unset, so defaults apply', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k:9092', SECRET: 's'.repeat(16), PORT: '' }).PORT).toBe(8080);
  });
});
