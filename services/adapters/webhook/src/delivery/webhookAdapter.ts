import { counterIn, createAdapter, histogramIn } from '@backbone/adapter-sdk';
import type { Adapter, AdapterBusConfig, AdapterRetry, ReceivedEvent } from '@backbone/adapter-sdk';
import { BackboneError } from '@backbone/contracts';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { deliverWebhook } from './deliverWebhook.ts';
import type { WebhookEndpoint } from './deliverWebhook.ts';

export interface WebhookAdapterOptions {
  readonly department: string;
  readonly endpoint: WebhookEndpoint;
  readonly bus: AdapterBusConfig;
  /** Names the consumer group `adapter.<department>.<name>` (default `webhook`). */
  readonly name?: string;
  /** Contract topics; default the department's inbox. */
  readonly topics?: readonly string[];
  /** Per attempt (default 5000 ms). */
  readonly timeoutMs?: number;
  /** Default: 8 attempts, backoff from 500 ms doubling to at most 10 s. */
  readonly retry?: AdapterRetry;
  readonly metrics?: Registry;
  readonly logger?: Logger;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
}

export const DEFAULT_WEBHOOK_RETRY: Required<AdapterRetry> = { maxAttempts: 8, initialMs: 500, maxMs: 10_000 };

/**
 * Outbound webhook: delivers every event of a department's inbox to its HTTP endpoint, signed,
 * in order per aggregate. Each department has its own adapter and consumer group, so an
 * endpoint that keeps failing delays only its own department's events, by at most the retry
 * bound per event; then the event goes to `adapter.<department>.webhook.dlq` for a replay.
 */
export function createWebhookAdapter(options: WebhookAdapterOptions): Adapter {
  const name = options.name ?? 'webhook';
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const registry = options.metrics;
  const deliveries = registry
    ? counterIn(registry, 'backbone_webhook_deliveries_total', 'Webhook delivery attempts, by outcome', ['department', 'outcome'])
    : undefined;
  const latency = registry
    ? histogramIn(registry, 'backbone_webhook_delivery_seconds', 'Time until the endpoint answered a delivery', ['department'], [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
    : undefined;
  const department = options.department;

  async function deliver(event: ReceivedEvent): Promise<void> {
    const started = performance.now();
    try {
      await deliverWebhook({ endpoint: options.endpoint, envelope: event.envelope, attempt: event.delivery.attempt, timeoutMs, fetch: doFetch, now });
      deliveries?.inc({ department, outcome: 'delivered' });
    } catch (error) {
      const refused = error instanceof BackboneError && !error.canRetry;
      deliveries?.inc({ department, outcome: refused ? 'refused' : 'failed' });
      throw error;
    } finally {
      latency?.observe({ department }, (performance.now() - started) / 1000);
    }
  }

  return createAdapter({
    department,
    name,
    bus: options.bus,
    topics: options.topics,
    onEvent: deliver,
    retry: { ...DEFAULT_WEBHOOK_RETRY, ...options.retry },
    metrics: options.metrics,
    logger: options.logger,
  });
}
