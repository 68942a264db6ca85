import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature, WEBHOOK_HEADERS } from './webhookSignature.ts';

const secret = 'a-shared-secret-of-at-least-32-characters';
const body = '{"specversion":"1.0","id":"e-1"}';
const sentAt = 1_741_939_200; // 2025-03-14T08:00:00Z
const now = (seconds: number) => () => new Date(seconds * 1000);
const headersOf = (signature: string, timestamp: number | string = sentAt) => ({
  [WEBHOOK_HEADERS.signature]: signature,
  [WEBHOOK_HEADERS.timestamp]: String(timestamp),
});

describe('webhook signatures', () => {
  it('signs "timestamp.body" with HMAC-SHA256, and a receiver with the secret accepts it within the window', () => {
    const signature = signWebhook({ secret, timestamp: sentAt, body });
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body, headers: headersOf(signature), now: now(sentAt + 299) })).toEqual({ ok: true, timestamp: sentAt });
    expect(verifyWebhookSignature({ secret, body: Buffer.from(body), headers: new Headers(headersOf(signature)), now: now(sentAt) }).ok).toBe(true);
  });

  it('refuses a changed body, another secret, or a timestamp moved by a replayer', () => {
    const signature = signWebhook({ secret, timestamp: sentAt, body });
    const at = now(sentAt);
    expect(verifyWebhookSignature({ secret, body: body.replace('e-1', 'e-2'), headers: headersOf(signature), now: at })).toEqual({ ok: false, reason: 'signature-mismatch' });
    expect(verifyWebhookSignature({ secret: 'another-secret-another-secret-12345', body, headers: headersOf(signature), now: at }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, body, headers: headersOf(signature, sentAt + 60), now: at })).toEqual({ ok: false, reason: 'signature-mismatch' });
  });

  it('refuses a delivery outside the replay window, in either direction', () => {
    const signature = signWebhook({ secret, timestamp: sentAt, body });
    expect(verifyWebhookSignature({ secret, body, headers: headersOf(signature), now: now(sentAt + 301) })).toEqual({ ok: false, reason: 'outside-replay-window' });
    expect(verifyWebhookSignature({ secret, body, headers: headersOf(signature), now: now(sentAt - 301) })).toEqual({ ok: false, reason: 'outside-replay-window' });
    expect(verifyWebhookSignature({ secret, body, headers: headersOf(signature), now: now(sentAt + 3000), toleranceSeconds: 3600 }).ok).toBe(true);
  });

  it('says what is wrong with missing or malformed headers', () => {
    const at = now(sentAt);
    expect(verifyWebhookSignature({ secret, body, headers: {}, now: at })).toEqual({ ok: false, reason: 'missing-headers' });
    expect(verifyWebhookSignature({ secret, body, headers: headersOf('v1=abc', 'yesterday'), now: at })).toEqual({ ok: false, reason: 'malformed-timestamp' });
    expect(verifyWebhookSignature({ secret, body, headers: headersOf('sha1=abc'), now: at })).toEqual({ ok: false, reason: 'malformed-signature' });
  });

  it('accepts any of several secrets while one is rotated', () => {
    const signature = signWebhook({ secret, timestamp: sentAt, body });
    expect(verifyWebhookSignature({ secret: ['the-new-secret-the-new-secret-1234', secret], body, headers: headersOf(signature), now: now(sentAt) }).ok).toBe(true);
  });
});
