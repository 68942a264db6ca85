import { BackboneError } from '@backbone/contracts';
import type { ErrorCode } from '@backbone/contracts';

/** Every `code` a backbone problem document may carry. */
const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'version_conflict',
  'rule_violation',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const satisfies readonly ErrorCode[];
// Fails to compile when the contracts add a code this list lacks.
const everyCode: Record<ErrorCode, true> = Object.fromEntries(ERROR_CODES.map((code) => [code, true])) as Record<(typeof ERROR_CODES)[number], true>;

const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'invalid_input',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'rule_violation',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** An RFC 9457 problem document as the backbone answers it (fields are checked, not trusted). */
export interface Problem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly rule?: string;
  readonly issues?: readonly { path: string; message: string }[];
  readonly correlationId?: string;
  readonly instance?: string;
}

const isCode = (value: unknown): value is ErrorCode => typeof value === 'string' && Object.hasOwn(everyCode, value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function issuesOf(value: unknown): { path: string; message: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { path, message } = item as Record<string, unknown>;
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

/** Reads whatever a failed response carried into a Problem (a non-JSON body keeps only the status). */
export function problemOf(status: number, body: unknown): Problem {
  if (typeof body !== 'object' || body === null) return { status };
  const doc = body as Record<string, unknown>;
  return {
    status,
    title: text(doc.title),
    detail: text(doc.detail),
    code: text(doc.code),
    rule: text(doc.rule),
    issues: issuesOf(doc.issues),
    correlationId: text(doc.correlationId),
    instance: text(doc.instance),
  };
}

/**
 * The typed error of a refused command: a `BackboneError` with the problem's code (or the
 * status's), its rule and issues, and the problem document as `cause`. 5xx answers may be retried.
 */
export function problemError(problem: Problem, retryAfterSeconds?: number): BackboneError {
  const code: ErrorCode = isCode(problem.code) ? problem.code : (BY_STATUS[problem.status] ?? (problem.status >= 500 ? 'internal' : 'invalid_input'));
  const message = problem.detail ?? problem.title ?? `the backbone answered HTTP ${problem.status}`;
  return new BackboneError(code, message, {
    rule: problem.rule,
    issues: problem.issues,
    cause: problem,
    retryAfterSeconds,
    ...(problem.status >= 500 ? { canRetry: true } : {}),
  });
}

/** The Problem a `BackboneError` from the command client carries, if any. */
export function problemOfError(error: unknown): Problem | undefined {
  if (!(error instanceof BackboneError)) return undefined;
  const cause: unknown = error.cause;
  return typeof cause === 'object' && cause !== null && typeof (cause as { status?: unknown }).status === 'number' ? (cause as Problem) : undefined;
}
