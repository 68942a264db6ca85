import { BackboneError } from '@backbone/contracts';

// Ids of the resources context. Every aggregate id carries its kind as a prefix (`pool-…`,
// `application-…`, `policy-…`), so it never meets another context's id in a view store that
// dedupes by subject. Calls and grants are not aggregates: they live on their pool's stream, and
// their id names that pool (`<poolId>.call-…`, `<poolId>.grant-…`), so a request about a call or
// a grant finds its stream without a lookup table that could lag behind the log.

const SEPARATOR = '.';
const POOL = /^pool-[A-Za-z0-9_-]+$/;
const APPLICATION = /^application-[A-Za-z0-9_-]+$/;
const POLICY = /^policy-[A-Za-z0-9_-]+$/;

const missing = (rule: string, what: string, id: string) => new BackboneError('not_found', `${what} ${id} does not exist`, { rule });

/** The id of a new fund pool. */
export const newPoolId = (newId: () => string): string => `pool-${newId()}`;
/** The id of a new incubation call of `poolId`. */
export const newCallId = (poolId: string, newId: () => string): string => `${poolId}${SEPARATOR}call-${newId()}`;
/** The id of a new grant of `poolId`. */
export const newGrantId = (poolId: string, newId: () => string): string => `${poolId}${SEPARATOR}grant-${newId()}`;
/** The id of a new application (its own stream). */
export const newApplicationId = (newId: () => string): string => `application-${newId()}`;
/** The id of a new policy (its own stream). */
export const newPolicyId = (newId: () => string): string => `policy-${newId()}`;

/**
 * The id itself when it is a pool id; 404 `pool-not-found` otherwise, so that another
 * aggregate's stream is never read as a pool.
 */
export function requirePoolId(id: string): string {
  if (!POOL.test(id)) throw missing('pool-not-found', 'pool', id);
  return id;
}

/** The id itself when it is an application id; 404 `application-not-found` otherwise. */
export function requireApplicationId(id: string): string {
  if (!APPLICATION.test(id)) throw missing('application-not-found', 'application', id);
  return id;
}

/** The id itself when it is a policy id; 404 `policy-not-found` otherwise. */
export function requirePolicyId(id: string): string {
  if (!POLICY.test(id)) throw missing('policy-not-found', 'policy', id);
  return id;
}

function poolIdOf(id: string, kind: 'call' | 'grant'): string | undefined {
  const at = id.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  const poolId = id.slice(0, at);
  const rest = id.slice(at + 1);
  return POOL.test(poolId) && new RegExp(`^${kind}-[A-Za-z0-9_-]+$`).test(rest) ? poolId : undefined;
}

/** The pool whose stream holds the call; 404 `call-not-found` for an id that is not a call id. */
export function poolIdOfCall(callId: string): string {
  const poolId = poolIdOf(callId, 'call');
  if (!poolId) throw missing('call-not-found', 'call', callId);
  return poolId;
}

/** The pool whose stream holds the grant; 404 `grant-not-found` for an id that is not a grant id. */
export function poolIdOfGrant(grantId: string): string {
  const poolId = poolIdOf(grantId, 'grant');
  if (!poolId) throw missing('grant-not-found', 'grant', grantId);
  return poolId;
}
