import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { BackboneError } from '@backbone/contracts';
import { sendProblem } from '../errors/problemDetails.ts';
import type { ProblemOptions } from '../errors/problemDetails.ts';

/** A dependency the service needs to answer (store, broker, Redis…). */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  check(): Promise<void>;
}

export interface ReadinessOptions extends ProblemOptions {
  readonly checks: readonly ReadinessCheck[];
  readonly timeoutMs: number;
  readonly logger: Logger;
}

/** `/healthz`: 200 while the process serves. */
export function livenessHandler(): RequestHandler {
  return (_req, res) => {
    res.json({ status: 'ok' });
  };
}

type Outcome = { readonly name: string; readonly ok: true } | { readonly name: string; readonly ok: false; readonly reason: string };

async function run(check: ReadinessCheck, timeoutMs: number, logger: Logger): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const result = await Promise.race([check.check().then(() => 'ok' as const), timeout]);
    if (result === 'ok') return { name: check.name, ok: true };
    return { name: check.name, ok: false, reason: `no answer within ${timeoutMs} ms` };
  } catch (error) {
    // The reason stays in the log: /readyz is unauthenticated.
    logger.warn({ err: error, check: check.name }, 'readiness check failed');
    return { name: check.name, ok: false, reason: 'failed' };
  } finally {
    clearTimeout(timer);
  }
}

/** `/readyz`: 200 when every check passes, else a 503 problem naming the ones that failed. */
export function readinessHandler(options: ReadinessOptions): RequestHandler {
  return async (req, res) => {
    const checks = await Promise.all(options.checks.map((check) => run(check, options.timeoutMs, options.logger)));
    const failed = checks.filter((outcome) => !outcome.ok);
    if (failed.length === 0) {
      res.json({ status: 'ready', checks });
      return;
    }
    const names = failed.map((outcome) => outcome.name).join(', ');
    sendProblem(req, res, new BackboneError('unavailable', `Not ready: ${names}`), options, { checks });
  };
}
