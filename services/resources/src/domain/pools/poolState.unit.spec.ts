import { describe, expect, it } from 'vitest';
import { applicationFactsOf } from '../applications/applicationState.ts';
import { applicationDecider } from '../applications/applicationDecider.ts';
import { emptyMap, findValue, getEntry, setEntry, valuesOf } from './persistentMap.ts';
import { poolDecider } from './poolDecider.ts';
import { callFactsOf, describePool } from './poolState.ts';
import type { PoolEvent } from './poolState.ts';
import {
  applicationFacts,
  AWARD_FEN,
  awarded,
  BUDGET_FEN,
  callFacts,
  CALL_ID,
  CONTRIBUTED_FEN,
  disbursed,
  poolWithCall,
  poolWithGrant,
  REVIEWER_DEPARTMENT,
  revoked,
  scored,
  submitted,
} from '../testing/resourceFixtures.ts';

const fold = (events: readonly PoolEvent[]) => events.reduce(poolDecider.evolve, poolDecider.initialState());

describe('persistentMap', () => {
  it('sets without changing the map it came from', () => {
    const one = setEntry(emptyMap<number>(), 'a', 1);
    const two = setEntry(one, 'a', 2);
    expect([getEntry(one, 'a'), getEntry(two, 'a')]).toEqual([1, 2]);
    expect([one.size, two.size]).toEqual([1, 1]);
  });
  it('lists current values in the order their keys were first set, and finds only current values', () => {
    const map = setEntry(setEntry(setEntry(emptyMap<string>(), 'a', 'old'), 'b', 'b'), 'a', 'new');
    expect(valuesOf(map)).toEqual(['new', 'b']);
    expect(findValue(map, (v) => v === 'old')).toBeUndefined();
    expect(getEntry(map, 'toString')).toBeUndefined();
  });
});

describe('pool state', () => {
  it('describes balances, calls and grants as plain data', () => {
    const pool = fold([...poolWithGrant, disbursed(10_000_000)]);
    if (pool.status === 'none') throw new Error('no pool');
    const described = describePool(pool);
    expect(described).toMatchObject({
      contributedFen: CONTRIBUTED_FEN,
      reservedFen: BUDGET_FEN,
      availableFen: CONTRIBUTED_FEN - BUDGET_FEN,
      committedFen: AWARD_FEN,
      uncommittedFen: CONTRIBUTED_FEN - AWARD_FEN,
      disbursedFen: 10_000_000,
      calls: [{ callId: CALL_ID, awardedFen: AWARD_FEN, remainingFen: BUDGET_FEN - AWARD_FEN }],
      grants: [{ grantId: 'grant-0001', status: 'active', disbursedFen: 10_000_000, undisbursedFen: AWARD_FEN - 10_000_000 }],
    });
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });
  it('a revocation gives the undisbursed money back to the call and releases the commitment', () => {
    const pool = fold([...poolWithGrant, disbursed(10_000_000), revoked(AWARD_FEN - 10_000_000)]);
    if (pool.status === 'none') throw new Error('no pool');
    expect(describePool(pool)).toMatchObject({
      committedFen: 10_000_000,
      disbursedFen: 10_000_000,
      calls: [{ awardedFen: 10_000_000, remainingFen: BUDGET_FEN - 10_000_000 }],
      grants: [{ status: 'revoked', returnedFen: AWARD_FEN - 10_000_000, undisbursedFen: 0 }],
    });
  });
  it('gives an application the facts of its call', () => {
    expect(callFactsOf(fold(poolWithCall), CALL_ID)).toEqual(callFacts);
    expect(callFactsOf(fold(poolWithCall), 'call-none')).toBeUndefined();
    expect(callFactsOf(fold([]), CALL_ID)).toBeUndefined();
  });
  it('gives an award the facts of its application', () => {
    const state = [submitted, scored('reviewer-1', REVIEWER_DEPARTMENT)].reduce(applicationDecider.evolve, applicationDecider.initialState());
    expect(applicationFactsOf(state)).toEqual(applicationFacts);
    expect(applicationFactsOf(applicationDecider.initialState())).toBeUndefined();
  });
  it('folds a thousand awards, each grant kept once', () => {
    const awards = Array.from({ length: 1000 }, (_, i) => awarded(1, `grant-${i}`, `app-${i}`));
    const pool = fold([...poolWithCall, ...awards, disbursed(1, 'grant-0'), revoked(0, 'grant-0')]);
    if (pool.status === 'none') throw new Error('no pool');
    expect([pool.grants.size, pool.committedFen, pool.disbursedFen]).toEqual([1000, 1000, 1]);
    expect(valuesOf(pool.grants)[0]).toMatchObject({ grantId: 'grant-0', status: 'revoked', disbursedFen: 1 });
  });
});
