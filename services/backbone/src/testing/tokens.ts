import { join } from 'node:path';
import { createDevKeyStore, issueToken } from '@backbone/service-kit';
import { loadConfig } from '../config.ts';

/** Where a backbone keeps its signing keys: DATA_DIR/keys, or KEYS_DIR when it is set. */
export type KeysLocation = { readonly dataDir: string } | { readonly keysDir: string };

export interface TokenOptions {
  /** JWT issuer and audience; the backbone's defaults unless its JWT_ISSUER / JWT_AUDIENCE differ. */
  readonly issuer?: string;
  readonly audience?: string;
  /** Lifetime (default one hour). */
  readonly ttlSeconds?: number;
}

const keysDirOf = (location: KeysLocation): string => ('keysDir' in location ? location.keysDir : join(location.dataDir, 'keys'));

/**
 * Issues department credentials that a backbone using `location` accepts: what
 * `pnpm backbone token --department <id>` prints, without a process per token. The first call
 * makes the key when the directory has none; a backbone already running picks it up by its kid.
 */
export function tokenIssuer(location: KeysLocation, options: TokenOptions = {}): (department: string) => Promise<string> {
  const defaults = loadConfig({});
  const keys = createDevKeyStore(keysDirOf(location));
  return (department) =>
    issueToken({
      department,
      keys,
      issuer: options.issuer ?? defaults.JWT_ISSUER,
      audience: options.audience ?? defaults.JWT_AUDIENCE,
      ttlSeconds: options.ttlSeconds ?? 3600,
    });
}

/** One department credential for the backbone using `location`. */
export function tokenFor(location: KeysLocation, department: string, options: TokenOptions = {}): Promise<string> {
  return tokenIssuer(location, options)(department);
}

/**
 * A forgery: `token` with its payload rewritten to speak for `department` while keeping the
 * original signature, which therefore no longer matches. A backbone must answer it 401.
 */
export function forgeDepartment(token: string, department: string): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a compact JWT');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: department, department })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}
