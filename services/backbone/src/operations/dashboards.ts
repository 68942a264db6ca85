import { z } from 'zod';

// The parts of a Grafana dashboard (infra/grafana/dashboards/*.json) the proof relies on.
const Target = z.object({
  refId: z.string().min(1),
  expr: z.string().trim().min(1),
  datasource: z.object({ type: z.literal('prometheus'), uid: z.string().min(1) }),
});
const Panel = z.object({
  id: z.number().int(),
  type: z.string().min(1),
  title: z.string().min(1),
  datasource: z.object({ type: z.literal('prometheus'), uid: z.string().min(1) }).optional(),
  targets: z.array(Target).optional(),
});
const Variable = z.object({
  name: z.string().regex(/^\w+$/),
  type: z.literal('query'),
  definition: z.string().min(1),
  includeAll: z.literal(true),
  allValue: z.string().min(1),
});
export const GrafanaDashboard = z.object({
  uid: z.string().min(1),
  title: z.string().min(1),
  panels: z.array(Panel),
  templating: z.object({ list: z.array(Variable) }),
});
export type GrafanaDashboard = z.infer<typeof GrafanaDashboard>;

/** One PromQL query of a dashboard, ready to run: every variable replaced. */
export interface DashboardQuery {
  readonly dashboard: string;
  /** `<panel title> [<refId>]`, or `variable $<name>`. */
  readonly source: string;
  readonly expr: string;
}

export interface QueryOptions {
  /** What Grafana's `$__rate_interval` becomes (e.g. `1m`). */
  readonly rateInterval: string;
}

/** Parses a dashboard file's JSON; throws with every issue when it lacks what the proof relies on. */
export function parseDashboard(json: unknown): GrafanaDashboard {
  return GrafanaDashboard.parse(json);
}

/**
 * Replaces Grafana's variables in `expr`: `$__rate_interval`, and each dashboard variable by its
 * "All" value (a regex matching every value). Throws on a variable the dashboard does not define.
 */
export function substituteVariables(expr: string, dashboard: GrafanaDashboard, options: QueryOptions): string {
  const values = new Map<string, string>([['__rate_interval', options.rateInterval]]);
  for (const variable of dashboard.templating.list) values.set(variable.name, variable.allValue);
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = values.get(name);
    if (value === undefined) throw new Error(`dashboard ${dashboard.uid}: unknown variable ${whole} in ${expr}`);
    return value;
  });
}

/** Grafana's `label_values(<selector>, <label>)` as the PromQL query that returns the same label values. */
export function labelValuesQuery(definition: string): string {
  const match = /^\s*label_values\(\s*(?:(.+?)\s*,\s*)?(\w+)\s*\)\s*$/.exec(definition);
  if (!match) throw new Error(`not a label_values(...) variable query: ${definition}`);
  const [, selector, label] = match;
  return `group by (${label}) (${selector ?? `{${label}!=""}`})`;
}

/** Every query of every panel, then every variable's query, each as it runs against Prometheus. */
export function dashboardQueries(dashboard: GrafanaDashboard, options: QueryOptions): DashboardQuery[] {
  const panels = dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({
      dashboard: dashboard.title,
      source: `${panel.title} [${target.refId}]`,
      expr: substituteVariables(target.expr, dashboard, options),
    })),
  );
  const variables = dashboard.templating.list.map((variable) => ({
    dashboard: dashboard.title,
    source: `variable $${variable.name}`,
    expr: labelValuesQuery(variable.definition),
  }));
  return [...panels, ...variables];
}
