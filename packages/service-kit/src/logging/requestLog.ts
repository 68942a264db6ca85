import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { requestContextOf } from '../correlation/requestContext.ts';

export interface RequestLogOptions {
  readonly logger: Logger;
}

/** One JSON line per request when it completes (or is aborted), in the spirit of pino-http. */
export function requestLog(options: RequestLogOptions): RequestHandler {
  const { logger } = options;
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let logged = false;
    const log = (completed: boolean): void => {
      if (logged) return;
      logged = true;
      const context = requestContextOf(req);
      const line = {
        correlationId: context?.correlationId,
        department: context?.department,
        req: { method: req.method, url: req.originalUrl, route: context?.route },
        res: { statusCode: res.statusCode },
        responseTimeMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      if (!completed) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request completed');
      else if (res.statusCode >= 400) logger.warn(line, 'request completed');
      else logger.info(line, 'request completed');
    };
    res.on('finish', () => log(true));
    res.on('close', () => log(res.writableFinished));
    next();
  };
}
