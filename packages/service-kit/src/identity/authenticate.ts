import { BackboneError } from '@backbone/contracts';
import type { Request, RequestHandler } from 'express';
import { requestContextOf } from '../correlation/requestContext.ts';
import { createTokenVerifier } from './token.ts';
import type { Identity, TokenVerifierOptions } from './token.ts';

export interface AuthenticateOptions extends TokenVerifierOptions {
  /** Refuses credentials of departments the reference data no longer knows. */
  readonly isKnownDepartment?: (department: string) => boolean | Promise<boolean>;
  /** Requests that may come without a credential (a bad credential is still refused). */
  readonly isPublic?: (req: Request) => boolean;
}

const identities = new WeakMap<Request, Identity>();

/** The verified identity of a request, if it carried a valid credential. */
export function getIdentity(req: Request): Identity | undefined {
  return identities.get(req);
}

/** The verified identity of a request; 401 when there is none. */
export function requireIdentity(req: Request): Identity {
  const identity = identities.get(req);
  if (!identity) throw new BackboneError('unauthenticated', 'A bearer credential is required');
  return identity;
}

function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
  if (!match?.[1]) throw new BackboneError('unauthenticated', 'The Authorization header must be "Bearer <token>"');
  return match[1];
}

/** Verifies the bearer credential and binds the department it names to the request. */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const verifyToken = createTokenVerifier(options);
  return async (req, _res, next) => {
    const token = bearerToken(req);
    if (token === undefined) {
      if (options.isPublic?.(req)) return next();
      throw new BackboneError('unauthenticated', 'A bearer credential is required');
    }
    const identity = await verifyToken(token);
    if (options.isKnownDepartment && !(await options.isKnownDepartment(identity.department))) {
      throw new BackboneError('unauthenticated', `The credential names an unknown department "${identity.department}"`);
    }
    identities.set(req, identity);
    const context = requestContextOf(req);
    if (context) context.department = identity.department;
    next();
  };
}
