import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INFRA_DIR } from './testing/composeStack.ts';

// `promtool test rules` passes whatever the test file leaves out; this keeps every alert of
// alerts.yml under test, both ways: a case where it fires and one where it stays quiet.

const Rules = z.object({ groups: z.array(z.object({ rules: z.array(z.object({ alert: z.string().optional(), record: z.string().optional() })) })) });
const Tests = z.object({
  rule_files: z.array(z.string()),
  tests: z.array(
    z.object({
      name: z.string(),
      alert_rule_test: z.array(z.object({ alertname: z.string(), exp_alerts: z.array(z.unknown()) })).default([]),
    }),
  ),
});

const read = (file: string): unknown => parse(readFileSync(join(INFRA_DIR, 'prometheus', file), 'utf8'));
const alerts = Rules.parse(read('alerts.yml')).groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : [])));
const tests = Tests.parse(read('alerts.test.yml'));
const cases = tests.tests.flatMap((t) => t.alert_rule_test);

describe('infra/prometheus/alerts.test.yml', () => {
  it('tests the rule file Prometheus loads', () => {
    expect(tests.rule_files).toEqual(['alerts.yml']);
    expect(alerts.length).toBeGreaterThan(0);
  });

  it.each(alerts)('%s: has a case where it fires and one where it stays quiet', (alert) => {
    const own = cases.filter((c) => c.alertname === alert);
    expect(own.some((c) => c.exp_alerts.length > 0), `${alert} never expected to fire`).toBe(true);
    expect(own.some((c) => c.exp_alerts.length === 0), `${alert} never expected to stay quiet`).toBe(true);
  });

  it('names no alert the rules do not define', () => {
    expect(cases.map((c) => c.alertname).filter((name) => !alerts.includes(name))).toEqual([]);
  });
});
