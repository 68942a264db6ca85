import { z } from 'zod';

/** The parts of the backbone one process can run; `all` is the embedded default. */
export const TARGETS = ['reference', 'tasks', 'resources', 'talent', 'platforms', 'board', 'relay', 'projections', 'processes', 'inbox-router'] as const;
export type Target = (typeof TARGETS)[number];

const targetList = z
  .string()
  .default('all')
  .transform((value, ctx) => {
    const names = value.split(',').map((t) => t.trim()).filter(Boolean);
    if (names.includes('all')) return [...TARGETS];
    const unknown = names.filter((n) => !(TARGETS as readonly string[]).includes(n));
    if (unknown.length > 0 || names.length === 0) {
      ctx.addIssue({ code: 'custom', message: `unknown target(s) ${unknown.join(', ')}; choose from all, ${TARGETS.join(', ')}` });
      return z.NEVER;
    }
    return names as Target[];
  });

const optionalUrl = z.string().trim().min(1).optional();

/** Environment of the backbone process; one schema for both modes. */
export const Env = z.object({
  /** HTTP port of this process (0 picks a free one). */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  /** Which parts this process runs: `all` (default) or a comma list of TARGETS. */
  TARGETS: targetList,
  /** Directory for embedded SQLite files, dev keys and the local checkpoint files. */
  DATA_DIR: z.string().default('./data'),
  /** Kafka bootstrap brokers (comma list). Set = distributed mode: the bus is Kafka. */
  KAFKA_BROKERS: optionalUrl,
  /** SASL/SCRAM-SHA-512 principal and password of this process on a broker with ACLs (scripts/kafka-secure.sh). */
  KAFKA_SASL_USERNAME: optionalUrl,
  KAFKA_SASL_PASSWORD: optionalUrl,
  /**
   * Kafka consumer session timeout (ms; default 30000): how long the partitions of a consumer that
   * died stay with it before its group hands them to another member. Shorter = a killed projector
   * costs less staleness, but a process stalled longer than this (a long GC, an overloaded host)
   * is taken out of its group and rejoins. The broker allows 6000–1800000 by default.
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(1_800_000).optional(),
  /** Redis URL. Set = read models live in Redis. */
  REDIS_URL: optionalUrl,
  /** Event store: `esdb://…` for EventStoreDB, or a SQLite file path; default DATA_DIR/events.db. */
  EVENT_STORE_URL: optionalUrl,
  /** Reference data loaded into an empty directory on first start. */
  REFERENCE_CONFIG: z.string().default('config/reference.json'),
  /** Hours after a task's due date before it is escalated to the coordinating department. */
  OVERDUE_GRACE_HOURS: z.coerce.number().min(0).default(48),
  /** How often the deadline watcher looks for overdue tasks. */
  DEADLINE_SCAN_MS: z.coerce.number().int().positive().default(30_000),
  /** JWT issuer and audience of department credentials. */
  JWT_ISSUER: z.string().default('urn:backbone:dev'),
  JWT_AUDIENCE: z.string().default('urn:backbone:api'),
  /** Directory of the signing keys (JWK files); default DATA_DIR/keys. */
  KEYS_DIR: z.string().optional(),
  /** Requests per minute a department may make before 429. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Names this deployment's state on shared servers: the Redis key prefix (views, checkpoints,
   * idempotency keys) and the prefix of its Kafka consumer groups. Two backbones sharing one
   * Redis and one Kafka need different namespaces; topics are the public contract and stay fixed.
   */
  NAMESPACE: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes').default('backbone'),
  /**
   * Prefix of every Kafka topic (`<prefix>.backbone.tasks.v1`); unset, the contract's own names.
   * A deployment with its own NAMESPACE still reads the shared topics from their start; this keeps
   * its events apart too (end-to-end tests, trials on a shared cluster).
   */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes').optional(),
  /** Name of this process in logs and metrics. */
  PROCESS_NAME: z.string().default('backbone'),
});
export type Config = z.infer<typeof Env>;

/** Parses the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = Env.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Distributed when a Kafka broker is configured; embedded otherwise. */
export const modeOf = (config: Config): 'embedded' | 'distributed' => (config.KAFKA_BROKERS ? 'distributed' : 'embedded');
