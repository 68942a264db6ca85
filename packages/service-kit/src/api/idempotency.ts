import { createHash } from 'node:crypto';
import type { Request } from 'express';

/** What a command handler needs to answer a repeated `Idempotency-Key` with its first result. */
export interface IdempotencyOfRequest {
  readonly scope: string;
  readonly key: string;
  readonly requestHash: string;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/**
 * Scopes an `Idempotency-Key` to the calling department and fingerprints the request
 * (method, path, parsed body), so the same key sent with another request is refused.
 */
export function idempotencyOf(input: {
  readonly department: string;
  readonly idempotencyKey: string | undefined;
  readonly body: unknown;
  readonly req: Request;
}): IdempotencyOfRequest | undefined {
  if (!input.idempotencyKey) return undefined;
  const requestHash = createHash('sha256')
    .update(`${input.req.method} ${input.req.baseUrl}${input.req.path}\n${canonical(input.body)}`)
    .digest('hex');
  return { scope: input.department, key: input.idempotencyKey, requestHash };
}
