import { BackboneError } from '@backbone/contracts';
import type { CommandInput } from '@backbone/service-kit';

/** `If-Match: 7` (or `"7"`): the stream version the caller last saw; a stale one is refused with 409. */
export function expectedVersionOf(input: CommandInput<unknown, unknown, unknown>): number | undefined {
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
