export { loadConfig, WebhookEnv } from './config.ts';
export type { WebhookConfig } from './config.ts';
export { deliverWebhook } from './delivery/deliverWebhook.ts';
export type { DeliveryAttempt, WebhookEndpoint } from './delivery/deliverWebhook.ts';
export { createWebhookAdapter, DEFAULT_WEBHOOK_RETRY } from './delivery/webhookAdapter.ts';
export type { WebhookAdapterOptions } from './delivery/webhookAdapter.ts';
export { DEFAULT_TOLERANCE_SECONDS, signWebhook, verifyWebhookSignature, WEBHOOK_HEADERS } from './signing/webhookSignature.ts';
export type { SignatureCheck, SignatureRejection, VerifyWebhookOptions } from './signing/webhookSignature.ts';
