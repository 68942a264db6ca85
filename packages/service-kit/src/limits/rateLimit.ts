import { BackboneError } from '@backbone/contracts';
import type { Request, RequestHandler } from 'express';
import { getIdentity } from '../identity/authenticate.ts';
import type { TokenBucketLimiter } from './tokenBucket.ts';

export interface RateLimitOptions {
  readonly limiter: TokenBucketLimiter;
  /** Whose bucket a request draws from; the department, or the client address when anonymous. */
  readonly keyOf?: (req: Request) => string;
}

function departmentOrAddress(req: Request): string {
  const identity = getIdentity(req);
  return identity ? `department:${identity.department}` : `address:${req.ip ?? 'unknown'}`;
}

/** Refuses with 429 (and `Retry-After`) when the caller's bucket is empty; mount after `authenticate`. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const keyOf = options.keyOf ?? departmentOrAddress;
  return (req, _res, next) => {
    const result = options.limiter.take(keyOf(req));
    if (result.allowed) return next();
    next(
      new BackboneError('rate_limited', `Too many requests; retry in ${result.retryAfterSeconds} s`, {
        retryAfterSeconds: result.retryAfterSeconds,
      }),
    );
  };
}
