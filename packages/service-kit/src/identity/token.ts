import { randomUUID } from 'node:crypto';
import { BackboneError } from '@backbone/contracts';
import { SignJWT, errors, jwtVerify } from 'jose';
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
  try {
    const { payload } = await jwtVerify(token, (header) => options.keys.verificationKey(header), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [SIGNING_ALGORITHM],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: options.clockToleranceSeconds ?? 5,
      ...(options.now ? { currentDate: options.now() } : {}),
    });
    const claimed = payload['department'];
    if (claimed !== undefined && claimed !== payload.sub) {
      throw unauthenticated('The credential names two different departments');
    }
    const department = payload.sub;
    if (department === undefined || department.length === 0 || department.length > 128) {
      throw unauthenticated('The credential names no department');
    }
    return {
      department,
      ...(payload.jti === undefined ? {} : { tokenId: payload.jti }),
      expiresAt: new Date((payload.exp ?? 0) * 1000),
    };
  } catch (error) {
    throw whyRejected(error);
  }
}
