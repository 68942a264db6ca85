import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BackboneError, resourceEvents } from '@backbone/contracts';
import type { PoolCommand } from '../commands.ts';
import { valuesOf } from './persistentMap.ts';
import { poolDecider } from './poolDecider.ts';
import type { FundPool, PoolState } from './poolState.ts';
import { applicationFacts, award, contribute, COORDINATING, disburse, openCall, openPool, revoke, SPONSOR, UNRELATED } from '../testing/resourceFixtures.ts';

// Whatever commands arrive, in whatever order, nothing the pool decider accepts can overspend:
// the books of the pool, its calls and its grants stay consistent after every event.

// Mostly valid amounts, sometimes a bad one; small enough that calls and awards meet their limits.
const amount = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 4_000 }), weight: 9 },
  { arbitrary: fc.constantFrom(0, -1, 2.5), weight: 1 },
);
const callId = fc.constantFrom('call-a', 'call-b', 'call-c');
const applicationId = fc.constantFrom('app-1', 'app-2', 'app-3', 'app-4', 'app-5', 'app-6', 'app-7', 'app-8');
const grantId = fc.constantFrom('grant-1', 'grant-2', 'grant-3', 'grant-4', 'grant-5', 'grant-6', 'grant-7', 'grant-8');

const poolCommand: fc.Arbitrary<PoolCommand> = fc.oneof(
  { arbitrary: fc.tuple(fc.constantFrom(COORDINATING, SPONSOR, UNRELATED), amount).map(([actor, fen]) => contribute(actor, fen)), weight: 3 },
  { arbitrary: fc.tuple(callId, amount).map(([id, budgetFen]) => openCall(COORDINATING, { budgetFen }, { callId: id })), weight: 2 },
  {
    arbitrary: fc
      .tuple(applicationId, callId, grantId, amount, fc.integer({ min: 1, max: 4_000 }), fc.integer({ min: 0, max: 2 }))
      .map(([appId, call, grant, amountFen, requestedFen, reviewCount]) =>
        award(COORDINATING, { amountFen }, { grantId: grant, application: { ...applicationFacts, applicationId: appId, callId: call, requestedFen, reviewCount } }),
      ),
    weight: 4,
  },
  { arbitrary: fc.tuple(grantId, amount).map(([grant, tranche]) => disburse(COORDINATING, tranche, grant)), weight: 3 },
  { arbitrary: grantId.map((grant) => revoke(COORDINATING, 'reason', grant)), weight: 1 },
);

function checkBooks(pool: FundPool): void {
  const calls = valuesOf(pool.calls);
  const grants = valuesOf(pool.grants);
  expect(pool.reservedFen).toBe(calls.reduce((sum, call) => sum + call.budgetFen, 0));
  expect(pool.reservedFen).toBeLessThanOrEqual(pool.contributedFen);
  for (const call of calls) {
    expect(call.awardedFen).toBeGreaterThanOrEqual(0);
    expect(call.awardedFen).toBeLessThanOrEqual(call.budgetFen);
  }
  for (const grant of grants) {
    expect(grant.disbursedFen).toBeGreaterThanOrEqual(0);
    expect(grant.disbursedFen).toBeLessThanOrEqual(grant.amountFen);
  }
  const owed = grants.reduce((sum, g) => sum + (g.status === 'active' ? g.amountFen : g.disbursedFen), 0);
  expect(pool.committedFen).toBe(owed);
  expect(pool.committedFen).toBeLessThanOrEqual(pool.contributedFen);
  expect(pool.disbursedFen).toBeLessThanOrEqual(pool.committedFen);
  expect(new Set(grants.map((g) => g.applicationId)).size).toBe(grants.length);
}

describe('pool invariants under any sequence of commands', () => {
  it('never overspends a pool, a call or a grant, and every event it writes matches its published schema', () => {
    fc.assert(
      fc.property(fc.array(poolCommand, { minLength: 20, maxLength: 80 }), (commands) => {
        let state: PoolState = poolDecider.initialState();
        for (const next of [openPool(COORDINATING), ...commands]) {
          let events;
          try {
            events = poolDecider.decide(next, state);
          } catch (error) {
            if (!(error instanceof BackboneError)) throw error;
            continue;
          }
          for (const event of events) {
            expect(resourceEvents[event.type].schema.safeParse(event.data).success).toBe(true);
            state = poolDecider.evolve(state, event);
          }
          if (state.status === 'none') throw new Error('the pool was not opened');
          checkBooks(state);
        }
      }),
      { numRuns: 300 },
    );
  });
});
