import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextTopic } from '@backbone/contracts';
import { createKafkaBus } from '@backbone/messaging';
import { createDevKeyStore, issueToken } from '@backbone/service-kit';
import { kafkaServer, redisServer, serversRequired } from '@backbone/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { dashboardQueries, parseDashboard } from './dashboards.ts';
import type { DashboardQuery } from './dashboards.ts';
import { localPrometheusConfig } from './localPrometheusConfig.ts';
import { runBackboneJob } from './testing/backboneJob.ts';
import { startBackboneProcess } from './testing/backboneProcess.ts';
import type { BackboneProcess } from './testing/backboneProcess.ts';
import { INFRA_DIR, readComposeStack } from './testing/composeStack.ts';
import { drivePlanLoad } from './testing/planLoad.ts';
import type { PlanLoadResult } from './testing/planLoad.ts';
import { freePort, prometheusInstalled, promtool, startPrometheus } from './testing/prometheusServer.ts';
import type { RunningPrometheus } from './testing/prometheusServer.ts';
import { removeNamespace } from './testing/namespaceCleanup.ts';

// The operations proof (issue 8): the distributed processes of infra/compose.yaml as real OS
// processes on the real Kafka and Redis, the stack's `demo` job writing a quarter of the plan,
// commands of every context over HTTP, a real Prometheus scraping them with the stack's own
// prometheus.yml and alerts.yml, and every query of every dashboard answering with data.

const kafka = await kafkaServer();
const redis = await redisServer();
const prometheus = prometheusInstalled();
if (!prometheus.available) {
  if (serversRequired()) throw new Error(`${prometheus.reason} (BACKBONE_REQUIRE_SERVERS=1: the operations proof must run)`);
  console.warn(`[operations] skipping the operations proof — ${prometheus.reason}`);
}

const PROMETHEUS_DIR = join(INFRA_DIR, 'prometheus');
const DASHBOARD_DIR = join(INFRA_DIR, 'grafana/dashboards');
const RATE_INTERVAL = '30s';

/** Polls `probe` until it returns a value or `timeoutMs` passes; then returns the last failure's description. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.skipIf(!kafka.available || !redis.available || !prometheus.available)(
  'operations: the dashboards and alerts, proven against the distributed backbone and a real Prometheus',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'backbone-operations-'));
    // Its own consumer groups, topics and Redis keys: nothing shared with another run or deployment.
    const namespace = `ops-${randomUUID().slice(0, 8)}`;
    const brokers = kafka.endpoint?.brokers ?? [];
    const redisUrl = redis.endpoint?.url ?? '';
    const processes: BackboneProcess[] = [];
    let server: RunningPrometheus | undefined;
    let configFile = '';
    let load: PlanLoadResult | undefined;
    /** The departments whose credentials the load uses. */
    let actingDepartments: string[] = [];
    const queries: DashboardQuery[] = readdirSync(DASHBOARD_DIR)
      .filter((name) => name.endsWith('.json'))
      .flatMap((name) => dashboardQueries(parseDashboard(JSON.parse(readFileSync(join(DASHBOARD_DIR, name), 'utf8'))), { rateInterval: RATE_INTERVAL }));
    let emptyQueries: DashboardQuery[] = queries;

    beforeAll(async () => {
      const defaults = loadConfig({});
      const keysDir = join(dir, 'keys');
      const keys = createDevKeyStore(keysDir);
      const token = (department: string) =>
        issueToken({ department, keys, issuer: defaults.JWT_ISSUER, audience: defaults.JWT_AUDIENCE, ttlSeconds: 3600 });
      await token('bootstrap'); // makes the signing key before any process reads the directory

      // The process layout of infra/compose.yaml, each on a free port.
      const shared = {
        KAFKA_BROKERS: brokers.join(','),
        REDIS_URL: redisUrl,
        NAMESPACE: namespace,
        KAFKA_TOPIC_PREFIX: namespace,
        EVENT_STORE_URL: join(dir, 'events.db'),
        DATA_DIR: dir,
        KEYS_DIR: keysDir,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        DEADLINE_SCAN_MS: '1000',
        OVERDUE_GRACE_HOURS: '0',
      };
      const stack = readComposeStack();
      const layout = stack.backbone;
      const started = await Promise.allSettled(
        layout.map(({ name, environment }) =>
          startBackboneProcess({ name, targets: loadConfig(environment).TARGETS, env: shared, logFile: join(dir, `${name}.log`), restartsOnEarlyExit: 1 }),
        ),
      );
      for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
      const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
      const byName = new Map(processes.map((p) => [p.name, p]));
      const api = byName.get('api');
      const board = byName.get('board');
      if (!api || !board) throw new Error('infra/compose.yaml has no api or board process');

      // Prometheus from the stack's own configuration, scraping these processes every 2 seconds.
      const port = await freePort();
      const targets: Record<string, string> = { 'localhost:9090': `127.0.0.1:${port}` };
      for (const p of processes) targets[`${p.name}:8080`] = p.address;
      configFile = join(dir, 'prometheus.yml');
      writeFileSync(
        configFile,
        localPrometheusConfig(readFileSync(join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8'), {
          targets,
          interval: '2s',
          ruleFiles: { 'alerts.yml': join(PROMETHEUS_DIR, 'alerts.yml') },
        }),
      );
      server = await startPrometheus({ configFile, dataDir: join(dir, 'tsdb'), port, logFile: join(dir, 'prometheus.log') });

      let readiness = '';
      await eventually(
        async () => {
          const response = await fetch(`${api.url}/readyz`);
          readiness = await response.text();
          return response.ok ? true : undefined;
        },
        90_000,
        () => `the api process to be ready; last /readyz: ${readiness}`,
      );
      const departments = (await (await fetch(`${api.url}/api/reference/departments`)).json()) as { id: string; coordinating: boolean; placeholder: boolean }[];
      const coordinating = departments.find((d) => d.coordinating)?.id ?? '';
      const [first, second] = departments.filter((d) => !d.coordinating && !d.placeholder).map((d) => d.id);
      if (!first || !second) throw new Error('the reference directory needs two non-placeholder departments besides the coordinating one');
      const tokens = { [coordinating]: await token(coordinating), [first]: await token(first), [second]: await token(second) };
      actingDepartments = [coordinating, first, second];

      // The stack's `--profile demo` job: a quarter of every context's activity, dated over the
      // last 91 days, so month-over-month figures (the platforms' trend) have two months to compare.
      const demo = stack.jobs.find((job) => job.name === 'demo');
      if (!demo) throw new Error('infra/compose.yaml has no demo job');
      await runBackboneJob({ name: demo.name, command: demo.command, env: shared, logFile: join(dir, 'demo.log') });
      load = await drivePlanLoad({ api: api.url, tokens, coordinating, assignees: [first, second] });

      // One record no consumer can read: the projection retries it, then dead-letters it.
      const bus = createKafkaBus({ brokers, clientId: `operations-e2e-${randomUUID()}` });
      try {
        await bus.publish(`${namespace}.${contextTopic('reference')}`, [{ key: `operations-e2e-poison-${randomUUID()}`, headers: {}, value: 'not a CloudEvent' }]);
      } finally {
        await bus.close();
      }

      // The board has seen everything, the overdue task included (marked and escalated by the processes process).
      let lastBoard = '';
      await eventually(
        async () => {
          const response = await fetch(`${board.url}/api/board`, { headers: { authorization: `Bearer ${tokens[coordinating]}` } });
          lastBoard = await response.text();
          const totals = (JSON.parse(lastBoard) as { totals: { tasks: number; escalated: number; declined: number; byStatus: Record<string, number> } }).totals;
          return totals.tasks >= (load?.tasks ?? 0) && totals.escalated >= 1 && totals.declined >= 1 && (totals.byStatus.verified ?? 0) >= 1 ? true : undefined;
        },
        90_000,
        () => `the board to show the load, overdue escalation included; last: ${lastBoard}`,
      );

      // Every panel's query answers once a few scrapes and rule evaluations have seen the load.
      const prom = server;
      await eventually(
        async () => {
          const answers = await Promise.all(queries.map(async (q) => ({ q, empty: (await prom.query(q.expr)).length === 0 })));
          emptyQueries = answers.filter((a) => a.empty).map((a) => a.q);
          return emptyQueries.length === 0 ? true : undefined;
        },
        90_000,
        () => `every dashboard query to answer; still empty: ${emptyQueries.map((q) => `${q.dashboard} / ${q.source}`).join(', ')}`,
      ).catch(() => undefined); // the test below reports what stayed empty
    }, 300_000);

    afterAll(async () => {
      try {
        await server?.stop();
        await Promise.all(processes.map((p) => p.stop()));
        await removeNamespace({ namespace, brokers, redisUrl });
      } finally {
        // BACKBONE_KEEP_OPERATIONS_DIR=1 keeps the processes' logs, the store and Prometheus' data to look into.
        if (process.env.BACKBONE_KEEP_OPERATIONS_DIR !== '1') rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);

    it('drives real work through the processes, refusing the calls it should', () => {
      expect(load?.commands).toBeGreaterThanOrEqual(50);
      expect(load?.refused).toEqual([401, 400, 404, 409, 403]);
    });

    it('counts the commands of every context by outcome, and the events they appended by type', async () => {
      const prom = server;
      if (!prom) throw new Error('prometheus is not running');
      const labelsOf = async (expr: string, label: string) =>
        ((await prom.query(expr)) as { metric: Record<string, string> }[]).map((series) => series.metric[label] ?? '').sort();
      const contexts = ['platforms', 'reference', 'resources', 'talent', 'tasks'];
      expect(await labelsOf('sum by (context) (backbone_commands_total{outcome="accepted"})', 'context')).toEqual(contexts);
      expect(await labelsOf('sum by (context) (backbone_events_appended_total)', 'context')).toEqual(contexts);
      // The load's refusals, by the tasks decider in the API; refusals by zod or the credential
      // never reach a command handler. Not the processes process: its deadline watcher starts on
      // the demo's overdue tasks while the demo job is still writing to them, and a command of
      // the watcher that keeps meeting newer versions can give up as version_conflict (its next
      // scan tries again), as it should.
      expect(await labelsOf('sum by (outcome) (backbone_commands_total{context="tasks", process="api", outcome!="accepted"})', 'outcome')).toEqual([
        'forbidden',
        'rule_violation',
      ]);
      // The deadline watcher and the grant-delivery process manager decide in the processes process.
      expect(await labelsOf('sum by (process) (backbone_commands_total{context="tasks"})', 'process')).toEqual(['api', 'processes']);
    });

    it('counts accepted commands per acting department: each credential the load used, and system (the deadline watcher)', async () => {
      const prom = server;
      if (!prom) throw new Error('prometheus is not running');
      const accepted = (await prom.query('sum by (department) (backbone_department_commands_total{outcome="accepted"})')) as { metric: Record<string, string> }[];
      expect(accepted.map((series) => series.metric.department ?? '').sort()).toEqual([...actingDepartments, 'system'].sort());
      const escalations = await prom.query('backbone_department_commands_total{department="system", context="tasks", outcome="accepted", process="processes"}');
      expect(escalations).toHaveLength(1);
    });

    it('promtool accepts the configuration (as run here) and the rules, and every alert unit test passes', async () => {
      const config = await promtool(['check', 'config', configFile], PROMETHEUS_DIR);
      expect(config.code, config.output).toBe(0);
      const rules = await promtool(['check', 'rules', 'alerts.yml'], PROMETHEUS_DIR);
      expect(rules.code, rules.output).toBe(0);
      const tests = await promtool(['test', 'rules', 'alerts.test.yml'], PROMETHEUS_DIR);
      expect(tests.code, tests.output).toBe(0);
      expect(tests.output).toContain('SUCCESS');
    });

    it('scrapes every backbone process', async () => {
      const up = (await server?.query('up{job="backbone"} == 1')) ?? [];
      expect(up).toHaveLength(processes.length);
    });

    it('answers every query of every dashboard panel (and every variable) with data from the running processes', () => {
      expect(queries.length).toBeGreaterThan(30);
      expect(emptyQueries.map((q) => `${q.dashboard} / ${q.source}: ${q.expr}`)).toEqual([]);
    });

    it('evaluates the alert rules on the live metrics: the dead letter fires BackboneDeadLettersGrowing, and nothing else fires', async () => {
      const prom = server;
      if (!prom) throw new Error('prometheus is not running');
      await eventually(
        async () => ((await prom.query('ALERTS{alertname="BackboneDeadLettersGrowing", alertstate="firing"}')).length > 0 ? true : undefined),
        20_000,
        () => 'BackboneDeadLettersGrowing to fire',
      );
      expect(await prom.query('ALERTS{alertstate="firing", alertname!="BackboneDeadLettersGrowing"}')).toEqual([]);
    });
  },
);
