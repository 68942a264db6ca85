import { pino } from 'pino';
import type { DestinationStream, LevelWithSilent, Logger, LoggerOptions as LoggerOptionsOfPino } from 'pino';
import { currentRequestContext } from '../correlation/requestContext.ts';

export interface LoggerOptions {
  /** The process or component name, on every line. */
  readonly name: string;
  readonly level?: LevelWithSilent;
  /** Where lines go; stdout by default. */
  readonly destination?: DestinationStream;
}

/** A pino JSON logger that adds the correlation id (and department) of the request being served. */
export function createLogger(options: LoggerOptions): Logger {
  const settings: LoggerOptionsOfPino = {
    name: options.name,
    level: options.level ?? 'info',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = currentRequestContext();
      if (!context) return {};
      return context.department === undefined
        ? { correlationId: context.correlationId }
        : { correlationId: context.correlationId, department: context.department };
    },
  };
  // Without a destination pino writes to stdout synchronously, so a short CLI loses no line.
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
