import type { CriterionWeights, ResourceEvent } from '@backbone/contracts';
import type { CallFacts } from '../facts.ts';
import { emptyMap, getEntry, setEntry, valuesOf } from './persistentMap.ts';
import type { PersistentMap } from './persistentMap.ts';

/** The events of a fund pool's stream. */
export type PoolEvent = Extract<
  ResourceEvent,
  { type: 'FundPoolOpened' | 'FundsContributed' | 'IncubationCallOpened' | 'GrantAwarded' | 'GrantDisbursed' | 'GrantRevoked' }
>;

/** An incubation call; its budget was reserved from the pool when it opened. */
export interface IncubationCall {
  readonly callId: string;
  readonly field: string;
  readonly budgetFen: number;
  /** Awarded from the budget, net of what revocations returned. */
  readonly awardedFen: number;
  readonly opensAt: string;
  readonly closesAt: string;
  readonly weights: CriterionWeights;
}

export interface Grant {
  readonly grantId: string;
  readonly applicationId: string;
  readonly callId: string;
  readonly amountFen: number;
  readonly disbursedFen: number;
  readonly sponsoringDepartment: string;
  readonly field: string;
  readonly title: string;
  readonly endsAt: string;
  readonly status: 'active' | 'revoked';
  /** What the revocation returned to the call. */
  readonly returnedFen: number;
}

/** A fund pool that exists: its money, its calls and its grants. */
export interface FundPool {
  readonly status: 'open';
  readonly poolId: string;
  readonly name: string;
  readonly field?: string;
  readonly openedBy: string;
  readonly contributedFen: number;
  /** Reserved by calls (the sum of their budgets). */
  readonly reservedFen: number;
  /** Owed to grantees: every award, less what revocations returned. */
  readonly committedFen: number;
  readonly disbursedFen: number;
  readonly calls: PersistentMap<IncubationCall>;
  readonly grants: PersistentMap<Grant>;
}

export type PoolState = { readonly status: 'none' } | FundPool;

/** The state of a pool stream with no events. */
export const initialPoolState = (): PoolState => ({ status: 'none' });

/** What new calls may still reserve. */
export const availableFen = (pool: FundPool): number => pool.contributedFen - pool.reservedFen;
/** What the pool can still commit to grants. */
export const uncommittedFen = (pool: FundPool): number => pool.contributedFen - pool.committedFen;
/** What a call can still award. */
export const remainingFen = (call: IncubationCall): number => call.budgetFen - call.awardedFen;
/** What a grant has still to pay out. */
export const undisbursedFen = (grant: Grant): number => grant.amountFen - grant.disbursedFen;

/** The facts an application's decider needs about one of the pool's calls. */
export function callFactsOf(state: PoolState, callId: string): CallFacts | undefined {
  if (state.status === 'none') return undefined;
  const call = getEntry(state.calls, callId);
  if (!call) return undefined;
  const { field, budgetFen, opensAt, closesAt } = call;
  return { callId, poolId: state.poolId, field, budgetFen, opensAt, closesAt };
}

/** A pool as plain data, for `GET …/pools/{id}`. */
export type PoolDescription = ReturnType<typeof describePool>;

/** A pool as plain data (for `GET …/pools/{id}`), with its derived balances. */
export function describePool(pool: FundPool) {
  const { calls, grants, ...rest } = pool;
  return {
    ...rest,
    availableFen: availableFen(pool),
    uncommittedFen: uncommittedFen(pool),
    calls: valuesOf(calls).map((call) => ({ ...call, remainingFen: remainingFen(call) })),
    grants: valuesOf(grants).map((grant) => ({ ...grant, undisbursedFen: grant.status === 'active' ? undisbursedFen(grant) : 0 })),
  };
}

/** Folds one event into the pool's state. */
export function evolvePool(state: PoolState, event: PoolEvent): PoolState {
  if (state.status === 'none') {
    if (event.type !== 'FundPoolOpened') return state;
    const { poolId, name, field, openedBy } = event.data;
    return {
      status: 'open',
      poolId,
      name,
      ...(field === undefined ? {} : { field }),
      openedBy,
      contributedFen: 0,
      reservedFen: 0,
      committedFen: 0,
      disbursedFen: 0,
      calls: emptyMap(),
      grants: emptyMap(),
    };
  }
  return evolveExisting(state, event);
}

function evolveExisting(pool: FundPool, event: PoolEvent): FundPool {
  switch (event.type) {
    case 'FundPoolOpened':
      return pool;
    case 'FundsContributed':
      return { ...pool, contributedFen: pool.contributedFen + event.data.amountFen };
    case 'IncubationCallOpened': {
      const { callId, field, budgetFen, opensAt, closesAt, weights } = event.data;
      const call: IncubationCall = { callId, field, budgetFen, awardedFen: 0, opensAt, closesAt, weights };
      return { ...pool, reservedFen: pool.reservedFen + budgetFen, calls: setEntry(pool.calls, callId, call) };
    }
    case 'GrantAwarded': {
      const { grantId, applicationId, callId, amountFen, sponsoringDepartment, field, title, endsAt } = event.data;
      const grant: Grant = {
        grantId,
        applicationId,
        callId,
        amountFen,
        disbursedFen: 0,
        sponsoringDepartment,
        field,
        title,
        endsAt,
        status: 'active',
        returnedFen: 0,
      };
      return {
        ...pool,
        committedFen: pool.committedFen + amountFen,
        calls: withCall(pool, callId, (call) => ({ ...call, awardedFen: call.awardedFen + amountFen })),
        grants: setEntry(pool.grants, grantId, grant),
      };
    }
    case 'GrantDisbursed': {
      const { grantId, trancheFen } = event.data;
      return {
        ...pool,
        disbursedFen: pool.disbursedFen + trancheFen,
        grants: withGrant(pool, grantId, (grant) => ({ ...grant, disbursedFen: grant.disbursedFen + trancheFen })),
      };
    }
    case 'GrantRevoked': {
      const { grantId, callId, returnedFen } = event.data;
      return {
        ...pool,
        committedFen: pool.committedFen - returnedFen,
        calls: withCall(pool, callId, (call) => ({ ...call, awardedFen: call.awardedFen - returnedFen })),
        grants: withGrant(pool, grantId, (grant) => ({ ...grant, status: 'revoked', returnedFen })),
      };
    }
  }
}

function withCall(pool: FundPool, callId: string, change: (call: IncubationCall) => IncubationCall) {
  const call = getEntry(pool.calls, callId);
  return call ? setEntry(pool.calls, callId, change(call)) : pool.calls;
}

function withGrant(pool: FundPool, grantId: string, change: (grant: Grant) => Grant) {
  const grant = getEntry(pool.grants, grantId);
  return grant ? setEntry(pool.grants, grantId, change(grant)) : pool.grants;
}
