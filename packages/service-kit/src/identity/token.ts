import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import { SignJWT, errors, jwtVerify } from 'jose';
import type { CryptoKey } from 'jose';
import type { KeyStore } from './keyStore.ts';
import { SIGNING_ALGORITHM } from './signingJwk.ts';

export interface IssueTokenOptions {
  /** The department the credential speaks for; becomes `sub` and the `department` claim. */
  readonly department: string;
  readonly keys: KeyStore;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly now?: () => Date;
}

/** Signs a department credential (ES256 JWT) with the newest key of `keys`. */
export async function issueToken(options: IssueTokenOptions): Promise<string> {
  const { kid, privateKey } = await options.keys.signingKey();
  const issuedAt = Math.floor((options.now ?? (() => new Date()))().getTime() / 1000);
  return new SignJWT({ department: options.department })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
    .setSubject(options.department)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.ttlSeconds)
    .setJti(randomUUID())
    .sign(privateKey);
}

/** Who a verified credential speaks for. */
export interface Identity {
  readonly department: string;
  readonly tokenId?: string;
  readonly expiresAt: Date;
}

export interface VerifyTokenOptions {
  readonly keys: KeyStore;
  readonly issuer: string;
  readonly audience: string;
  readonly now?: () => Date;
  /** Accepted clock skew; 5 s by default. */
  readonly clockToleranceSeconds?: number;
}

const unauthenticated = (message: string, cause?: unknown): BackboneError =>
  new BackboneError('unauthenticated', message, { cause });

function whyRejected(error: unknown): BackboneError {
  if (error instanceof BackboneError) return error;
  if (error instanceof errors.JWTExpired) return unauthenticated('The credential has expired', error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claims: Record<string, string> = { aud: 'audience', iss: 'issuer', nbf: 'not-before time', iat: 'issue time' };
    return unauthenticated(`The credential's ${claims[error.claim] ?? `"${error.claim}" claim`} is not accepted`, error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return unauthenticated('The credential signature does not verify', error);
  if (error instanceof errors.JOSEAlgNotAllowed) return unauthenticated(`The credential must be signed with ${SIGNING_ALGORITHM}`, error);
  return unauthenticated('The credential is not a valid signed token', error);
}

/** Verifies a department credential: signature by a current key, issuer, audience, expiry. */
export async function verifyToken(token: string, options: VerifyTokenOptions): Promise<Identity> {
  return (await verifyTokenWithKey(token, options)).identity;
}

/** What verified a token, for `createTokenVerifier` to tell later whether that still holds. */
interface Verified {
  readonly identity: Identity;
  readonly kid: string;
  /** The key object the signature was checked with. */
  readonly key: CryptoKey;
  /** Unix seconds before which the token must not be taken: its `nbf` or `iat`, the later. */
  readonly notBefore: number;
}

async function verifyTokenWithKey(token: string, options: VerifyTokenOptions): Promise<Verified> {
  let used: { kid: string; key: CryptoKey } | undefined;
  try {
    const { payload } = await jwtVerify(
      token,
      async (header) => {
        const key = await options.keys.verificationKey(header);
        used = { kid: header.kid ?? '', key };
        return key;
      },
      {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [SIGNING_ALGORITHM],
        requiredClaims: ['sub', 'exp'],
        clockTolerance: options.clockToleranceSeconds ?? 5,
        ...(options.now ? { currentDate: options.now() } : {}),
      },
    );
    const claimed = payload['department'];
    if (claimed !== undefined && claimed !== payload.sub) {
      throw unauthenticated('The credential names two different departments');
    }
    const department = payload.sub;
    if (department === undefined || department.length === 0 || department.length > 128) {
      throw unauthenticated('The credential names no department');
    }
    if (!used) throw unauthenticated('The credential was verified by no key');
    return {
      identity: {
        department,
        ...(payload.jti === undefined ? {} : { tokenId: payload.jti }),
        expiresAt: new Date((payload.exp ?? 0) * 1000),
      },
      ...used,
      notBefore: Math.max(payload.nbf ?? 0, payload.iat ?? 0),
    };
  } catch (error) {
    throw whyRejected(error);
  }
}

export interface TokenVerifierOptions extends VerifyTokenOptions {
  /** How many verified tokens are remembered (least recently used dropped first); default 1000. */
  readonly maxTokens?: number;
}

/**
 * `verifyToken` that remembers the tokens it verified, so a client sending the same credential
 * on every request costs one ES256 verification, not one per request. A remembered token is
 * taken again only while every check that passed still would: the clock is between its
 * `nbf`/`iat` and its `exp` (without the skew allowance, so never more lenient than a full
 * verification), and the key store still answers its kid with the very key that verified it
 * (a retired key, or keys re-read from the backing, send it through a full verification).
 * Anything else is verified afresh, and refused with the same problem as without the cache.
 */
export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<Identity> {
  const maxTokens = Math.max(0, options.maxTokens ?? 1000);
  const now = options.now ?? (() => new Date());
  const verified = new Map<string, Verified>();

  async function stillHolds(entry: Verified): Promise<boolean> {
    const at = now().getTime();
    if (at >= entry.identity.expiresAt.getTime() || at < entry.notBefore * 1000) return false;
    try {
      return (await options.keys.verificationKey({ kid: entry.kid, alg: SIGNING_ALGORITHM })) === entry.key;
    } catch {
      return false;
    }
  }

  return async (token) => {
    const remembered = verified.get(token);
    if (remembered) {
      verified.delete(token);
      if (await stillHolds(remembered)) {
        verified.set(token, remembered); // the most recently used goes last
        return remembered.identity;
      }
    }
    const fresh = await verifyTokenWithKey(token, options);
    if (maxTokens > 0) {
      verified.set(token, fresh);
      if (verified.size > maxTokens) verified.delete(verified.keys().next().value!);
    }
    return fresh.identity;
  };
}
