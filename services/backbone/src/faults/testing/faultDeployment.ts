import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { api } from '../../testing/api.ts';
import type { ApiClient } from '../../testing/api.ts';
import { runBackboneCli } from '../../testing/backboneProcess.ts';
import type { BackboneProcess, CliRun, ProcessEnv } from '../../testing/backboneProcess.ts';
import type { BackboneSuite } from '../../testing/backboneSuite.ts';
import { tokenIssuer } from '../../testing/tokens.ts';
import { freePort } from './ownRedis.ts';

/**
 * The processes of the distributed deployment under test, each the one binary with its TARGETS:
 * the commands API, the relay, the projections (twice for the two-instance fault), the board,
 * and `recount` — a board over a second namespace that `backbone rebuild all` fills from the log.
 */
export type Role = 'api' | 'relay' | 'projector' | 'projector-2' | 'board' | 'recount';

const TARGETS: Readonly<Record<Role, string>> = {
  api: 'reference,tasks',
  relay: 'relay',
  projector: 'projections',
  'projector-2': 'projections',
  board: 'board',
  recount: 'board',
};

/** Roles served on a fixed port, so a client keeps its address across a restart. */
type Served = 'api' | 'board' | 'recount';
const SERVED: readonly Served[] = ['api', 'board', 'recount'];

export interface FaultDeploymentOptions {
  readonly suite: BackboneSuite;
  readonly brokers: readonly string[];
  readonly redisUrl: string;
  /** Departments that get a credential. */
  readonly departments: readonly string[];
}

export interface FaultDeployment {
  /** NAMESPACE and KAFKA_TOPIC_PREFIX of the live deployment. */
  readonly namespace: string;
  /** NAMESPACE of the recount views (rebuilt from the log, never fed by Kafka). */
  readonly recountNamespace: string;
  readonly eventStorePath: string;
  /** The running process of a role; throws when it was never started. */
  process(role: Role): BackboneProcess;
  /** Starts a role's process (again) and waits until it listens. */
  start(role: Role): Promise<BackboneProcess>;
  /** SIGKILL: a crash, nothing flushed or closed. */
  kill(role: Role): Promise<void>;
  /** A client of a serving role, speaking for a department. */
  client(role: Served, department: string): ApiClient;
  /** `pnpm backbone rebuild all` against the live (`live`) or the recount views. */
  rebuildAll(views: 'live' | 'recount'): Promise<CliRun>;
}

/** Prepares the deployment (names, ports, data directory, credentials); starts nothing. */
export async function faultDeployment(options: FaultDeploymentOptions): Promise<FaultDeployment> {
  const { suite } = options;
  const namespace = `faults-${randomBytes(5).toString('hex')}`;
  const recountNamespace = `${namespace}-recount`;
  const dir = suite.tempDir('backbone-faults-');
  const keysDir = join(dir, 'keys');
  const eventStorePath = join(dir, 'events.db');
  const issue = tokenIssuer({ keysDir });
  const tokens = new Map<string, string>();
  for (const department of options.departments) tokens.set(department, await issue(department));
  const ports = new Map<Served, number>();
  for (const role of SERVED) ports.set(role, await freePort());

  const env: ProcessEnv = {
    KAFKA_BROKERS: options.brokers.join(','),
    REDIS_URL: options.redisUrl,
    NAMESPACE: namespace,
    KAFKA_TOPIC_PREFIX: namespace,
    DATA_DIR: dir,
    KEYS_DIR: keysDir,
    EVENT_STORE_URL: eventStorePath,
    // No deadline watcher runs, and the load's due dates are months away: only the load writes tasks.
    LOG_LEVEL: 'info',
  };
  const envOf = (role: Role): ProcessEnv => ({
    ...env,
    TARGETS: TARGETS[role],
    ...(role === 'recount' ? { NAMESPACE: recountNamespace } : {}),
    ...(role === 'api' ? { LOG_LEVEL: 'warn' } : {}),
    PORT: String(ports.get(role as Served) ?? 0),
  });

  const running = new Map<Role, BackboneProcess>();
  const urlOf = (role: Served) => `http://127.0.0.1:${ports.get(role)}`;
  return {
    namespace,
    recountNamespace,
    eventStorePath,
    process(role) {
      const found = running.get(role);
      if (!found) throw new Error(`no ${role} process was started`);
      return found;
    },
    async start(role) {
      const started = await suite.start({ name: role, env: envOf(role), startTimeoutMs: 60_000 });
      running.set(role, started);
      return started;
    },
    async kill(role) {
      await running.get(role)?.kill();
    },
    client: (role, department) => api(urlOf(role), tokens.get(department)),
    rebuildAll: (views) =>
      runBackboneCli(['rebuild', 'all'], { env: { ...env, ...(views === 'recount' ? { NAMESPACE: recountNamespace } : {}) }, timeoutMs: 90_000 }),
  };
}
