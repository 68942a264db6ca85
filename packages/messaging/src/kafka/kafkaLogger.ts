import { logLevel } from 'kafkajs';
import type { logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/** Routes kafkajs' own log lines into a pino logger (kafkajs retries most errors it logs). */
export function kafkajsLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { namespace, ...extra };
      if (level === logLevel.ERROR || level === logLevel.WARN) child.warn(fields, message);
      else if (level === logLevel.INFO) child.debug(fields, message);
      else child.trace(fields, message);
    };
}
