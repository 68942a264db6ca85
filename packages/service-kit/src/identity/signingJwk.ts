import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { z } from 'zod';

export const SIGNING_ALGORITHM = 'ES256';

/** A persisted signing key: a private P-256 JWK with its kid (RFC 7638 thumbprint) and creation time. */
export const PrivateSigningJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().min(1),
  alg: z.literal(SIGNING_ALGORITHM),
  use: z.literal('sig'),
  /** When the key was made (ISO 8601); the newest key signs. */
  createdAt: z.iso.datetime(),
});
export type PrivateSigningJwk = z.infer<typeof PrivateSigningJwk>;

/** A signing key ready for use. */
export interface LoadedKey {
  readonly kid: string;
  readonly createdAt: number;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** Generates a new ES256 key pair as a private JWK stamped `createdAt`. */
export async function generateSigningJwk(createdAt: Date): Promise<PrivateSigningJwk> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const { x, y, d } = jwk;
  if (x === undefined || y === undefined || d === undefined) throw new Error('generated key lacks EC parameters');
  const kid = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x, y }, 'sha256');
  return { kty: 'EC', crv: 'P-256', x, y, d, kid, alg: SIGNING_ALGORITHM, use: 'sig', createdAt: createdAt.toISOString() };
}

/** Imports a persisted key's private and public halves. */
export async function loadSigningJwk(jwk: PrivateSigningJwk): Promise<LoadedKey> {
  const publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: jwk.kid, alg: SIGNING_ALGORITHM, use: 'sig' } as const;
  return {
    kid: jwk.kid,
    createdAt: Date.parse(jwk.createdAt),
    privateKey: await importJWK({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, SIGNING_ALGORITHM),
    publicKey: await importJWK({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, SIGNING_ALGORITHM),
    publicJwk: { ...publicJwk },
  };
}
