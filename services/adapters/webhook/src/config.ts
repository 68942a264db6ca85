import { AdapterBusEnv } from '@backbone/adapter-sdk';
import { DepartmentId } from '@backbone/contracts';
import { z } from 'zod';

const MAX_SILENCE_MS = 25_000;

/** Environment of a webhook adapter process: one department, one endpoint. */
export const WebhookEnv = AdapterBusEnv.extend({
  /** The department whose inbox is delivered (a reference department id). */
  DEPARTMENT: DepartmentId,
  /** The department system's HTTP(S) endpoint that receives the events. */
  WEBHOOK_URL: z.url({ protocol: /^https?$/ }),
  /** Shared secret the deliveries are signed with (HMAC-SHA256); at least 32 characters. */
  WEBHOOK_SECRET: z.string().min(32, 'at least 32 characters'),
  /** How long one attempt waits for an answer. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(20_000).default(5000),
  /** Attempts per event before it is dead-lettered. */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** First backoff between attempts; it doubles each attempt. */
  WEBHOOK_BACKOFF_INITIAL_MS: z.coerce.number().int().min(10).default(500),
  /** Longest backoff between attempts. */
  WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(20_000).default(10_000),
  /** Port of /metrics and /healthz; unset = not served. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).refine((env) => env.WEBHOOK_TIMEOUT_MS + env.WEBHOOK_BACKOFF_MAX_MS <= MAX_SILENCE_MS, {
  // A Kafka consumer only heartbeats between attempts: an attempt plus a backoff must fit in its session (30 s).
  message: `WEBHOOK_TIMEOUT_MS + WEBHOOK_BACKOFF_MAX_MS must not exceed ${MAX_SILENCE_MS} ms`,
  path: ['WEBHOOK_BACKOFF_MAX_MS'],
});
export type WebhookConfig = z.infer<typeof WebhookEnv>;

/** Parses the environment; throws one error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const parsed = WebhookEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
