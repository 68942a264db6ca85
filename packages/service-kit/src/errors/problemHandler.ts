import { BackboneError } from '@backbone/contracts';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { sendProblem } from './problemDetails.ts';
import type { ProblemOptions } from './problemDetails.ts';
import { toBackboneError } from './toBackboneError.ts';

export interface ProblemHandlerOptions extends ProblemOptions {
  readonly logger: Logger;
}

/** The last middleware: every error becomes an RFC 9457 problem; unknown throws are logged and hidden. */
export function problemHandler(options: ProblemHandlerOptions): ErrorRequestHandler {
  const { logger } = options;
  return (thrown: unknown, req, res, _next) => {
    const error = toBackboneError(thrown);
    if (error.code === 'internal') logger.error({ err: thrown }, 'request failed');
    else if (error.code === 'unavailable') logger.warn({ err: thrown }, 'request failed: a dependency is unavailable');
    else logger.debug({ code: error.code, rule: error.rule }, error.message);
    if (res.headersSent) {
      // The answer is already on its way (e.g. a timeout answered first): cut a half-sent one short.
      if (!res.writableEnded) res.destroy();
      return;
    }
    sendProblem(req, res, error, options);
  };
}

/** Turns any request no route answered into a 404 problem. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new BackboneError('not_found', `No route answers ${req.method} ${req.path}`));
  };
}
