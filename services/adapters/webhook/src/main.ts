// `pnpm --filter @backbone/adapter-webhook start`: one department's outbound webhook.
import { busConfigOf, shutdownOnSignals, startMetricsServer } from '@backbone/adapter-sdk';
import type { Stoppable } from '@backbone/adapter-sdk';
import { pino } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { loadConfig } from './config.ts';
import { createWebhookAdapter } from './delivery/webhookAdapter.ts';

// `pnpm --filter` runs scripts in the package directory; relative paths are meant from where the user typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const config = loadConfig(process.env);
const logger = pino({ name: `webhook-${config.DEPARTMENT}`, level: config.LOG_LEVEL });
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'backbone_process_' });

const adapter = createWebhookAdapter({
  department: config.DEPARTMENT,
  endpoint: { url: config.WEBHOOK_URL, secret: config.WEBHOOK_SECRET },
  bus: busConfigOf(config),
  timeoutMs: config.WEBHOOK_TIMEOUT_MS,
  retry: { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, initialMs: config.WEBHOOK_BACKOFF_INITIAL_MS, maxMs: config.WEBHOOK_BACKOFF_MAX_MS },
  metrics: registry,
  logger,
});

try {
  const running: Stoppable[] = [adapter];
  await adapter.start();
  if (config.METRICS_PORT !== undefined) running.push(await startMetricsServer({ registry, port: config.METRICS_PORT }));
  shutdownOnSignals(running, { logger });
  logger.info({ group: adapter.group, topics: adapter.topics, endpoint: new URL(config.WEBHOOK_URL).origin }, 'webhook adapter running');
} catch (error) {
  logger.fatal({ err: error }, 'the webhook adapter could not start');
  await adapter.stop().catch(() => undefined);
  process.exit(1);
}
