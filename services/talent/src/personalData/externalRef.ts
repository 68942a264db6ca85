import { createHmac } from 'node:crypto';

/**
 * The keyed hash (HMAC-SHA-256, hex) of a person's external id, as `PersonRegistered`
 * carries it. Keyed, because identity numbers are few enough to be guessed from a plain
 * hash; the key is service configuration and never leaves the talent service. The id is
 * trimmed and upper-cased first, so `51070119900101123x` and `51070119900101123X ` match.
 */
export function hashExternalRef(externalId: string, key: string | Buffer): string {
  return createHmac('sha256', key).update(externalId.normalize('NFKC').trim().toUpperCase(), 'utf8').digest('hex');
}
