/**
 * The one error type of the backbone. `code` is a closed set; the service kit maps each
 * code to an HTTP status and an RFC 9457 problem in one place.
 */
export type ErrorCode =
  | 'invalid_input' // 400: the body, query or a header does not match its schema
  | 'unauthenticated' // 401: no credential, or one that does not verify
  | 'forbidden' // 403: the department may not do this
  | 'not_found' // 404
  | 'version_conflict' // 409: the stream moved on since the caller read it
  | 'rule_violation' // 409: a business rule (named in `rule`) refuses the command
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'rate_limited' // 429
  | 'unavailable' // 503: a dependency cannot be reached
  | 'internal'; // 500: a bug

export interface BackboneErrorOptions {
  /** Stable kebab-case name of the rule that refused, e.g. `only-assignee-reports-progress`. */
  readonly rule?: string;
  /** Field-level problems, e.g. every zod issue with its path. */
  readonly issues?: readonly { path: string; message: string }[];
  readonly cause?: unknown;
  /** Whether repeating the same call later can succeed. */
  readonly canRetry?: boolean;
  readonly retryAfterSeconds?: number;
}

export class BackboneError extends Error {
  override readonly name = 'BackboneError';
  readonly rule?: string;
  readonly issues?: readonly { path: string; message: string }[];
  readonly canRetry: boolean;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: BackboneErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.rule = options.rule;
    this.issues = options.issues;
    this.canRetry = options.canRetry ?? (code === 'version_conflict' || code === 'unavailable' || code === 'rate_limited');
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A broken business rule, thrown by deciders. */
export function ruleViolation(rule: string, message: string): BackboneError {
  return new BackboneError('rule_violation', message, { rule });
}

/** The acting department may not do this; thrown by deciders and the authorization table. */
export function forbidden(rule: string, message: string): BackboneError {
  return new BackboneError('forbidden', message, { rule });
}
