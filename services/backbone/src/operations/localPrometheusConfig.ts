/** How to run infra/prometheus/prometheus.yml outside compose. */
export interface LocalPrometheusOptions {
  /** Each target of the file (`api:8080`, `localhost:9090`, …) → the `host:port` it answers at here. */
  readonly targets: Readonly<Record<string, string>>;
  /** Scrape and rule evaluation interval (e.g. `1s`). */
  readonly interval: string;
  /** Each rule file of the file (`alerts.yml`) → its absolute path. */
  readonly ruleFiles: Readonly<Record<string, string>>;
}

const TARGET_LIST = /targets:\s*\[([^\]]*)\]/g;
const INTERVAL = /^(\s*(?:scrape|evaluation)_interval:\s*)\S+/gm;
const RULE_FILE = /^([ \t]*-[ \t]+)(\S+\.ya?ml)[ \t]*$/gm;

/**
 * The compose stack's Prometheus configuration with its targets moved to local ports: the same
 * jobs, labels and rule files, so what the CI proof scrapes is what operators run. Throws when
 * the file names a target or rule file the options do not map, or the options map one it lacks.
 */
export function localPrometheusConfig(text: string, options: LocalPrometheusOptions): string {
  const unusedTargets = new Set(Object.keys(options.targets));
  const unusedRules = new Set(Object.keys(options.ruleFiles));

  const withTargets = text.replace(TARGET_LIST, (_whole, list: string) => {
    const moved = list
      .split(',')
      .map((item) => item.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean)
      .map((target) => {
        const local = options.targets[target];
        if (local === undefined) throw new Error(`prometheus.yml scrapes ${target}, which has no local address`);
        unusedTargets.delete(target);
        return `'${local}'`;
      });
    return `targets: [${moved.join(', ')}]`;
  });

  const afterRules = withTargets.split(/^rule_files:[ \t]*$/m);
  if (afterRules.length > 2) throw new Error('prometheus.yml has more than one rule_files section');
  const [head = '', ruleSection] = afterRules;
  let rules = '';
  if (ruleSection !== undefined) {
    const end = ruleSection.search(/^\S/m);
    const list = end === -1 ? ruleSection : ruleSection.slice(0, end);
    const moved = list.replace(RULE_FILE, (_whole, indent: string, file: string) => {
      const path = options.ruleFiles[file];
      if (path === undefined) throw new Error(`prometheus.yml loads ${file}, which has no local path`);
      unusedRules.delete(file);
      return `${indent}'${path}'`;
    });
    rules = `rule_files:${moved}${end === -1 ? '' : ruleSection.slice(end)}`;
  }

  if (unusedTargets.size > 0) throw new Error(`prometheus.yml does not scrape ${[...unusedTargets].join(', ')}`);
  if (unusedRules.size > 0) throw new Error(`prometheus.yml does not load ${[...unusedRules].join(', ')}`);
  return `${head}${rules}`.replace(INTERVAL, (_whole, key: string) => `${key}${options.interval}`);
}

/** The `host:port` targets a Prometheus configuration names, in order. */
export function scrapeTargetsOf(text: string): string[] {
  return [...text.matchAll(TARGET_LIST)].flatMap((match) =>
    (match[1] ?? '')
      .split(',')
      .map((item) => item.trim().replace(/^['"]|['"]$/g, ''))
      .filter(Boolean),
  );
}
