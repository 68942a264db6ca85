import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dashboardQueries, labelValuesQuery, parseDashboard, substituteVariables } from './dashboards.ts';

const DASHBOARDS = fileURLToPath(new URL('../../../../infra/grafana/dashboards/', import.meta.url));
const files = readdirSync(DASHBOARDS).filter((name) => name.endsWith('.json'));
const load = (name: string) => parseDashboard(JSON.parse(readFileSync(`${DASHBOARDS}${name}`, 'utf8')));

const minimal = parseDashboard({
  uid: 'x',
  title: 'X',
  panels: [
    { id: 1, type: 'row', title: 'Row' },
    {
      id: 2,
      type: 'timeseries',
      title: 'Lag',
      targets: [{ refId: 'A', expr: 'max by (field) (m{field=~"$field"}[$__rate_interval]) or ${field}', datasource: { type: 'prometheus', uid: 'prometheus' } }],
    },
  ],
  templating: { list: [{ name: 'field', type: 'query', definition: 'label_values(m, field)', includeAll: true, allValue: '.*' }] },
});

describe('dashboard queries', () => {
  it('replace $__rate_interval and every variable (bare or braced) by its All value', () => {
    expect(dashboardQueries(minimal, { rateInterval: '1m' })).toEqual([
      { dashboard: 'X', source: 'Lag [A]', expr: 'max by (field) (m{field=~".*"}[1m]) or .*' },
      { dashboard: 'X', source: 'variable $field', expr: 'group by (field) (m)' },
    ]);
  });

  it('refuse a variable the dashboard does not define', () => {
    expect(() => substituteVariables('m{dept=~"$department"}', minimal, { rateInterval: '1m' })).toThrow(/\$department/);
  });

  it('turn label_values into the PromQL that lists the same values', () => {
    expect(labelValuesQuery('label_values(up{job="backbone"}, process)')).toBe('group by (process) (up{job="backbone"})');
    expect(labelValuesQuery('label_values(field)')).toBe('group by (field) ({field!=""})');
    expect(() => labelValuesQuery('query_result(up)')).toThrow(/label_values/);
  });
});

describe('the committed dashboards', () => {
  it('are the two the issue names', () => {
    expect(files.map((name) => load(name).title).sort()).toEqual(['One board', 'Operations']);
  });

  it.each(files)('%s: every panel but a row queries the provisioned Prometheus, and every query parses into a runnable form', (name) => {
    const dashboard = load(name);
    for (const panel of dashboard.panels) {
      if (panel.type === 'row') continue;
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      expect(panel.datasource?.uid, panel.title).toBe('prometheus');
      for (const target of panel.targets ?? []) expect(target.datasource.uid).toBe('prometheus');
    }
    const queries = dashboardQueries(dashboard, { rateInterval: '1m' });
    expect(queries.every((q) => !q.expr.includes('$'))).toBe(true);
  });

  it.each(files)('%s: panels sit on the 24-column grid without overlapping', (name) => {
    const Grid = z.object({ panels: z.array(z.object({ title: z.string(), gridPos: z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().min(1), h: z.number().int().min(1) }) })) });
    const panels = Grid.parse(JSON.parse(readFileSync(`${DASHBOARDS}${name}`, 'utf8'))).panels;
    const overlaps: string[] = [];
    for (const [i, a] of panels.entries()) {
      expect(a.gridPos.x + a.gridPos.w, a.title).toBeLessThanOrEqual(24);
      for (const b of panels.slice(i + 1)) {
        const apart = a.gridPos.x + a.gridPos.w <= b.gridPos.x || b.gridPos.x + b.gridPos.w <= a.gridPos.x || a.gridPos.y + a.gridPos.h <= b.gridPos.y || b.gridPos.y + b.gridPos.h <= a.gridPos.y;
        if (!apart) overlaps.push(`${a.title} / ${b.title}`);
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('panel ids are unique within a dashboard', () => {
    for (const name of files) {
      const ids = load(name).panels.map((p) => p.id);
      expect(new Set(ids).size, name).toBe(ids.length);
    }
  });
});
