import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { enterRequestContext } from './requestContext.ts';

export const CORRELATION_HEADER = 'x-correlation-id';

/** A caller's id is kept only if it is short and plain; anything else gets a fresh one. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface CorrelationIdOptions {
  /** Makes an id when the caller sent none; defaults to `randomUUID`. */
  readonly newId?: () => string;
}

/** Takes `x-correlation-id` from the request (or makes one), echoes it and opens the request context. */
export function correlationId(options: CorrelationIdOptions = {}): RequestHandler {
  const newId = options.newId ?? randomUUID;
  return (req, res, next) => {
    const sent = req.get(CORRELATION_HEADER);
    const id = sent !== undefined && ACCEPTABLE_ID.test(sent) ? sent : newId();
    res.setHeader(CORRELATION_HEADER, id);
    enterRequestContext(req, { correlationId: id }, next);
  };
}
