import { BackboneError } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { signWebhook, WEBHOOK_HEADERS } from '../signing/webhookSignature.ts';

/** A department's HTTP endpoint and the secret its deliveries are signed with. */
export interface WebhookEndpoint {
  readonly url: string;
  readonly secret: string;
}

export interface DeliveryAttempt {
  readonly endpoint: WebhookEndpoint;
  readonly envelope: Envelope;
  readonly attempt: number;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly now: () => Date;
}

/** Statuses worth another attempt: the endpoint is overloaded, down or slow, not refusing. */
const RETRYABLE = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

/**
 * Posts one event to the endpoint as a structured-mode CloudEvent, signed over
 * `timestamp.body`. Resolves on 2xx. Throws a retryable error for no answer within the
 * timeout, a network error, 408/425/429 and 5xx; a `BackboneError` that cannot be retried
 * (dead-lettered at once) for any other answer — a receiver that refuses an event will not
 * change its mind on the next attempt, only after a fix and a replay.
 */
export async function deliverWebhook(options: DeliveryAttempt): Promise<number> {
  const body = JSON.stringify(options.envelope);
  const timestamp = Math.floor(options.now().getTime() / 1000);
  let response: Response;
  try {
    response = await options.fetch(options.endpoint.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'user-agent': 'backbone-webhook/1',
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signWebhook({ secret: options.endpoint.secret, timestamp, body }),
        [WEBHOOK_HEADERS.eventId]: options.envelope.id,
        [WEBHOOK_HEADERS.eventType]: options.envelope.type,
        [WEBHOOK_HEADERS.attempt]: String(options.attempt),
      },
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new BackboneError('unavailable', timedOut ? `no answer within ${options.timeoutMs} ms` : `endpoint unreachable (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
      canRetry: true,
    });
  }
  // The body is not needed, but reading it lets the connection be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return response.status;
  if (RETRYABLE(response.status)) {
    throw new BackboneError('unavailable', `endpoint answered HTTP ${response.status}`, { canRetry: true });
  }
  throw new BackboneError('invalid_input', `endpoint refused the event: HTTP ${response.status}`, { rule: 'webhook-endpoint-refused', canRetry: false });
}
