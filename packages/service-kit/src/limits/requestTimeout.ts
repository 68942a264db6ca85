import { BackboneError } from '@backbone/contracts';
import type { Request, RequestHandler, Response } from 'express';

export interface RequestTimeoutOptions {
  readonly timeoutMs: number;
  /** Sends the problem; the app passes its problem responder. */
  readonly respond: (req: Request, res: Response, error: BackboneError) => void;
}

/**
 * Answers 503 when no answer was sent within `timeoutMs`. The handler keeps running: a command
 * may still be written, which is why clients retry with the same `Idempotency-Key`.
 */
export function requestTimeout(options: RequestTimeoutOptions): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      options.respond(
        req,
        res,
        new BackboneError('unavailable', `No answer within ${options.timeoutMs} ms; retry with the same Idempotency-Key`, {
          retryAfterSeconds: 1,
        }),
      );
    }, options.timeoutMs);
    timer.unref();
    res.on('close', () => clearTimeout(timer));
    res.on('finish', () => clearTimeout(timer));
    next();
  };
}
