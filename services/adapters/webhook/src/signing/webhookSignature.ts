import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers a signed delivery carries. */
export const WEBHOOK_HEADERS = {
  signature: 'x-backbone-signature',
  timestamp: 'x-backbone-timestamp',
  eventId: 'x-backbone-event-id',
  eventType: 'x-backbone-event-type',
  attempt: 'x-backbone-delivery-attempt',
} as const;

/** How far a delivery's timestamp may be from the receiver's clock (default 5 minutes). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SCHEME = 'v1';

function hmac(secret: string, timestamp: number, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The `X-Backbone-Signature` value for a body sent at `timestamp` (unix seconds): `v1=<hex HMAC-SHA256 of "timestamp.body">`. */
export function signWebhook(options: { secret: string; timestamp: number; body: string | Buffer }): string {
  return `${SCHEME}=${hmac(options.secret, options.timestamp, options.body).toString('hex')}`;
}

/** Why a delivery was not accepted as ours. */
export type SignatureRejection = 'missing-headers' | 'malformed-timestamp' | 'outside-replay-window' | 'malformed-signature' | 'signature-mismatch';

export type SignatureCheck = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: SignatureRejection };

export interface VerifyWebhookOptions {
  /** The shared secret, or several while one is being rotated. */
  readonly secret: string | readonly string[];
  /** The raw body exactly as received (before any JSON parsing). */
  readonly body: string | Buffer;
  /** The request headers: a fetch `Headers`, or node's `req.headers`. */
  readonly headers: Headers | Readonly<Record<string, string | string[] | undefined>>;
  readonly toleranceSeconds?: number;
  readonly now?: () => Date;
}

function header(headers: VerifyWebhookOptions['headers'], name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * For receivers: checks that a delivery was signed with the shared secret and that its
 * timestamp lies within the replay window, comparing in constant time. A receiver should
 * also keep the event ids it processed (within the window) and ignore repeats: deliveries
 * are at least once.
 */
export function verifyWebhookSignature(options: VerifyWebhookOptions): SignatureCheck {
  const signature = header(options.headers, WEBHOOK_HEADERS.signature);
  const stamp = header(options.headers, WEBHOOK_HEADERS.timestamp);
  if (!signature || !stamp) return { ok: false, reason: 'missing-headers' };
  if (!/^[0-9]{1,12}$/.test(stamp)) return { ok: false, reason: 'malformed-timestamp' };
  const timestamp = Number(stamp);
  const now = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'outside-replay-window' };
  const candidates = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SCHEME}=`))
    .map((part) => part.slice(SCHEME.length + 1));
  if (candidates.length === 0 || candidates.some((c) => !/^[0-9a-f]{64}$/.test(c))) return { ok: false, reason: 'malformed-signature' };
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const matches = secrets.some((secret) => {
    const expected = hmac(secret, timestamp, options.body);
    return candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  });
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'signature-mismatch' };
}
