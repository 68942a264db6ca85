import { BackboneError } from '@backbone/contracts';
import type { Request } from 'express';

/**
 * `If-Match: 7` (or `"7"`, `W/"7"`): the stream version the caller last saw. The command
 * handler refuses a stale one with 409 `stale-expected-version`; no header means "any".
 */
export function expectedVersionOf(input: { readonly req: Request }): number | undefined {
  const header = input.req.get('if-match');
  if (header === undefined) return undefined;
  const version = Number(header.replace(/^W\//, '').replaceAll('"', ''));
  if (header.trim() === '' || !Number.isInteger(version) || version < 0) {
    throw new BackboneError('invalid_input', 'If-Match must be a stream version (a whole number)', {
      issues: [{ path: 'headers.if-match', message: 'expected a whole number' }],
    });
  }
  return version;
}
