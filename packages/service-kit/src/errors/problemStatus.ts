import type { ErrorCode } from '@backbone/contracts';

/** The one table from error code to HTTP status and problem title. */
export const PROBLEM_STATUS: Readonly<Record<ErrorCode, { readonly status: number; readonly title: string }>> = {
  invalid_input: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Unauthenticated' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  version_conflict: { status: 409, title: 'Version conflict' },
  rule_violation: { status: 409, title: 'Rule violation' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
};

const CODES = Object.keys(PROBLEM_STATUS) as ErrorCode[];

/** The code whose status is `status` (first in table order); unknown 4xx are invalid input, 5xx internal. */
export function codeForStatus(status: number): ErrorCode {
  const code = CODES.find((candidate) => PROBLEM_STATUS[candidate].status === status);
  if (code) return code;
  return status >= 400 && status < 500 ? 'invalid_input' : 'internal';
}
