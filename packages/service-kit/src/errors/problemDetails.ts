import type { BackboneError, ErrorCode } from '@backbone/contracts';
import type { Request, Response } from 'express';
import { requestContextOf } from '../correlation/requestContext.ts';
import { PROBLEM_STATUS } from './problemStatus.ts';
import type { Issue } from './zodIssues.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem as the backbone answers it. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: ErrorCode;
  readonly rule?: string;
  readonly issues?: readonly Issue[];
  readonly correlationId?: string;
  readonly [extension: string]: unknown;
}

export interface ProblemOptions {
  /** Prefix of every problem `type` URI; the code is appended. */
  readonly typeBase?: string;
  /** Realm named in `WWW-Authenticate`. */
  readonly realm?: string;
}

export const DEFAULT_PROBLEM_TYPE_BASE = 'urn:backbone:problem:';

/** The problem document for an error; internal details never leave the process. */
export function toProblemDetails(
  error: BackboneError,
  at: { instance: string; correlationId?: string; extensions?: Record<string, unknown> },
  options: ProblemOptions = {},
): ProblemDetails {
  const { status, title } = PROBLEM_STATUS[error.code];
  const detail =
    error.code === 'internal'
      ? 'An unexpected error occurred; quote the correlation id when reporting it'
      : error.message;
  return {
    ...at.extensions,
    type: `${options.typeBase ?? DEFAULT_PROBLEM_TYPE_BASE}${error.code.replaceAll('_', '-')}`,
    title,
    status,
    detail,
    instance: at.instance,
    code: error.code,
    ...(error.rule === undefined ? {} : { rule: error.rule }),
    ...(error.issues === undefined ? {} : { issues: error.issues }),
    ...(at.correlationId === undefined ? {} : { correlationId: at.correlationId }),
  };
}

/** Answers `error` as `application/problem+json` with its status and protocol headers. */
export function sendProblem(
  req: Request,
  res: Response,
  error: BackboneError,
  options: ProblemOptions = {},
  extensions?: Record<string, unknown>,
): void {
  const problem = toProblemDetails(
    error,
    { instance: req.originalUrl, correlationId: requestContextOf(req)?.correlationId, extensions },
    options,
  );
  if (error.code === 'rate_limited' || error.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds ?? 1))));
  }
  if (error.code === 'unauthenticated') {
    const realm = `Bearer realm="${options.realm ?? 'backbone'}"`;
    res.setHeader('WWW-Authenticate', req.get('authorization') === undefined ? realm : `${realm}, error="invalid_token"`);
  }
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
