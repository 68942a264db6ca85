import type { RequestHandler } from 'express';
import type { KeyStore } from './keyStore.ts';

export const JWKS_PATH = '/.well-known/jwks.json';

/** Serves the public keys of `keys` as a JWKS. */
export function jwksHandler(keys: KeyStore): RequestHandler {
  return async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json(await keys.jwks());
  };
}
