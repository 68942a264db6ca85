import { describe, expect, it } from 'vitest';
import { localPrometheusConfig, scrapeTargetsOf } from './localPrometheusConfig.ts';

const compose = `global:
  scrape_interval: 15s
  evaluation_interval: 15s

rule_files:
  - alerts.yml

scrape_configs:
  - job_name: backbone
    honor_labels: true
    static_configs:
      - targets: ['api:8080']
        labels: { process: api }
      - targets: ["board:8080"]
        labels: { process: board }
  - job_name: prometheus
    static_configs:
      - targets: ['localhost:9090']
`;

const options = {
  targets: { 'api:8080': '127.0.0.1:4001', 'board:8080': '127.0.0.1:4002', 'localhost:9090': '127.0.0.1:4003' },
  interval: '1s',
  ruleFiles: { 'alerts.yml': '/repo/infra/prometheus/alerts.yml' },
};

describe('localPrometheusConfig', () => {
  it('moves every target to its local address, keeps jobs and labels, and sets the interval', () => {
    const local = localPrometheusConfig(compose, options);
    expect(scrapeTargetsOf(local)).toEqual(['127.0.0.1:4001', '127.0.0.1:4002', '127.0.0.1:4003']);
    expect(local).toContain("- targets: ['127.0.0.1:4001']\n        labels: { process: api }");
    expect(local).toContain('honor_labels: true');
    expect(local).toContain('  scrape_interval: 1s\n  evaluation_interval: 1s\n');
    expect(local).toContain("rule_files:\n  - '/repo/infra/prometheus/alerts.yml'\n\nscrape_configs:");
  });

  it('refuses a target the options do not place', () => {
    const { 'board:8080': _board, ...withoutBoard } = options.targets;
    expect(() => localPrometheusConfig(compose, { ...options, targets: withoutBoard })).toThrow(/board:8080/);
  });

  it('refuses a local address for a process the file does not scrape', () => {
    expect(() => localPrometheusConfig(compose, { ...options, targets: { ...options.targets, 'relay:8080': '127.0.0.1:4004' } })).toThrow(
      /does not scrape relay:8080/,
    );
  });

  it('refuses a rule file it has no path for, and a path for a rule file the file does not load', () => {
    expect(() => localPrometheusConfig(compose, { ...options, ruleFiles: {} })).toThrow(/alerts.yml/);
    expect(() => localPrometheusConfig(compose, { ...options, ruleFiles: { ...options.ruleFiles, 'more.yml': '/x.yml' } })).toThrow(
      /does not load more.yml/,
    );
  });
});
