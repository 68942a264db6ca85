import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { poolDecider } from './poolDecider.ts';
import {
  BUDGET_FEN,
  CALL_ID,
  callOpened,
  CLOSES,
  contributed,
  COORDINATING,
  FIELD,
  fundedPool,
  NOW,
  OPENS,
  openCall,
  OTHER_FIELD,
  poolOpened,
  POOL_ID,
  poolWithCall,
  poolWithGrant,
  revoked,
  SPONSOR,
  UNRELATED,
  WEIGHTS,
} from '../testing/resourceFixtures.ts';
import type { PoolEvent } from './poolState.ts';

const spec = DeciderSpecification.for(poolDecider);

describe('openCall', () => {
  it('opens a call whose budget the pool can cover', () => {
    spec.given(fundedPool).when(openCall(COORDINATING)).then([callOpened()]);
  });
  it('may reserve the whole available balance, across several calls', () => {
    spec
      .given([...fundedPool, callOpened(60_000_000)])
      .when(openCall(COORDINATING, { budgetFen: 40_000_000 }, { callId: 'call-2' }))
      .then([callOpened(40_000_000, 'call-2')]);
  });
  it('refuses a budget above the pool’s available balance (call-budget-within-pool-balance, 409)', () => {
    spec.given(fundedPool).when(openCall(COORDINATING, { budgetFen: 100_000_001 })).thenThrows('call-budget-within-pool-balance');
    spec
      .given([...fundedPool, callOpened(60_000_000)])
      .when(openCall(COORDINATING, { budgetFen: 40_000_001 }, { callId: 'call-2' }))
      .thenThrowsCode('rule_violation');
    spec.given([poolOpened]).when(openCall(COORDINATING, { budgetFen: 1 })).thenThrows('call-budget-within-pool-balance');
  });
  it('a revoked grant’s return stays with its call: the pool’s available balance does not grow', () => {
    spec
      .given([...poolWithGrant, revoked(25_000_000)])
      .when(openCall(COORDINATING, { budgetFen: 20_000_001 }, { callId: 'call-2' }))
      .thenThrows('call-budget-within-pool-balance');
  });
  it.each([0, -1, 2.5])('refuses the budget %s (amount-must-be-positive-integer, 400)', (budgetFen) => {
    spec.given(fundedPool).when(openCall(COORDINATING, { budgetFen })).thenThrows('amount-must-be-positive-integer');
  });
  it('refuses weights that do not sum to 100 (weights-sum-to-100, 400)', () => {
    const weights = { ...WEIGHTS, serviceScenarios: 21 };
    spec.given(fundedPool).when(openCall(COORDINATING, { weights })).thenThrows('weights-sum-to-100');
    spec.given(fundedPool).when(openCall(COORDINATING, { weights })).thenThrowsCode('invalid_input');
  });
  it.each([
    { partyBuilding: 110, theoryResearch: -10, professionalValue: 0, serviceScenarios: 0 },
    { partyBuilding: 25.5, theoryResearch: 24.5, professionalValue: 25, serviceScenarios: 25 },
  ])('refuses a weight that is not a whole percent from 0 to 100: %j (weight-out-of-range)', (weights) => {
    spec.given(fundedPool).when(openCall(COORDINATING, { weights })).thenThrows('weight-out-of-range');
  });
  it('refuses a window that closes before it opens (call-window-invalid, 400)', () => {
    spec.given(fundedPool).when(openCall(COORDINATING, { opensAt: CLOSES, closesAt: OPENS })).thenThrows('call-window-invalid');
    spec.given(fundedPool).when(openCall(COORDINATING, { opensAt: CLOSES, closesAt: CLOSES })).thenThrows('call-window-invalid');
  });
  it('refuses a call that has already closed (call-closes-in-past, 400)', () => {
    spec
      .given(fundedPool)
      .when(openCall(COORDINATING, { opensAt: '2025-03-01T00:00:00Z', closesAt: NOW.toISOString() }))
      .thenThrows('call-closes-in-past');
  });
  it('accepts a window that opened in the past and closes in the future', () => {
    spec
      .given(fundedPool)
      .when(openCall(COORDINATING, { opensAt: '2025-03-01T00:00:00.000Z' }))
      .then([
        {
          type: 'IncubationCallOpened',
          data: { callId: CALL_ID, poolId: POOL_ID, field: FIELD, budgetFen: BUDGET_FEN, opensAt: '2025-03-01T00:00:00.000Z', closesAt: CLOSES, weights: WEIGHTS },
        },
      ]);
  });
  it('refuses a date that is not a date (invalid-date)', () => {
    spec.given(fundedPool).when(openCall(COORDINATING, { closesAt: 'end of May' })).thenThrows('invalid-date');
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given(fundedPool).when(openCall(COORDINATING, { field: 'astrology' })).thenThrows('unknown-field');
  });
  it('in a pool dedicated to a field, refuses a call for another field (call-field-matches-pool, 409)', () => {
    const fieldPool: PoolEvent = { type: 'FundPoolOpened', data: { poolId: POOL_ID, name: 'Tech', field: FIELD, openedBy: COORDINATING } };
    const given = [fieldPool, contributed(COORDINATING, BUDGET_FEN)];
    spec.given(given).when(openCall(COORDINATING, { field: OTHER_FIELD })).thenThrows('call-field-matches-pool');
    spec.given(given).when(openCall(COORDINATING)).then([callOpened()]);
  });
  it('refuses a body naming another pool than the one it is decided on (pool-id-mismatch, 400)', () => {
    spec.given(fundedPool).when(openCall(COORDINATING, { poolId: 'pool-other' })).thenThrows('pool-id-mismatch');
  });
  it('refuses to open the same call twice (call-already-exists, 409)', () => {
    spec.given(poolWithCall).when(openCall(COORDINATING, { budgetFen: 1 }, { callId: CALL_ID })).thenThrows('call-already-exists');
  });
  it('refuses any department but the coordinating one (only-coordinating-opens-calls, 403)', () => {
    spec.given(fundedPool).when(openCall(SPONSOR)).thenThrows('only-coordinating-opens-calls');
    spec.given(fundedPool).when(openCall(UNRELATED)).thenThrowsCode('forbidden');
  });
});
