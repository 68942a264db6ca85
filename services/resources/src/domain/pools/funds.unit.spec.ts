import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { MAX_POOL_TOTAL_FEN } from './funds.ts';
import { poolDecider } from './poolDecider.ts';
import {
  contribute,
  contributed,
  COORDINATING,
  FIELD,
  fundedPool,
  openPool,
  poolOpened,
  POOL_ID,
  SPONSOR,
  STRANGER,
  UNRELATED,
} from '../testing/resourceFixtures.ts';

const spec = DeciderSpecification.for(poolDecider);

describe('openPool', () => {
  it('records a pool opened by the coordinating department', () => {
    spec.given([]).when(openPool(COORDINATING)).then([poolOpened]);
  });
  it('may dedicate the pool to one known field', () => {
    spec
      .given([])
      .when(openPool(COORDINATING, { name: 'Tech fund', field: FIELD }))
      .then([{ type: 'FundPoolOpened', data: { poolId: POOL_ID, name: 'Tech fund', field: FIELD, openedBy: COORDINATING } }]);
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given([]).when(openPool(COORDINATING, { name: 'x', field: 'astrology' })).thenThrows('unknown-field');
    spec.given([]).when(openPool(COORDINATING, { name: 'x', field: 'astrology' })).thenThrowsCode('invalid_input');
  });
  it('refuses a blank name (text-required, 400)', () => {
    spec.given([]).when(openPool(COORDINATING, { name: '   ' })).thenThrows('text-required');
  });
  it('refuses to open the same pool twice (pool-already-exists, 409)', () => {
    spec.given([poolOpened]).when(openPool(COORDINATING)).thenThrows('pool-already-exists');
    spec.given([poolOpened]).when(openPool(COORDINATING)).thenThrowsCode('rule_violation');
  });
  it('refuses any department but the coordinating one (only-coordinating-opens-pools, 403)', () => {
    spec.given([]).when(openPool(SPONSOR)).thenThrows('only-coordinating-opens-pools');
    spec.given([]).when(openPool(UNRELATED)).thenThrowsCode('forbidden');
  });
  it('answers not_found for any other command on a pool that does not exist (pool-not-found)', () => {
    spec.given([]).when(contribute(SPONSOR, 100)).thenThrows('pool-not-found');
    spec.given([]).when(contribute(SPONSOR, 100)).thenThrowsCode('not_found');
  });
});

describe('contributeFunds', () => {
  it('records the acting department as the contributor', () => {
    spec.given([poolOpened]).when(contribute(SPONSOR, 40_000_000)).then([contributed(SPONSOR, 40_000_000)]);
  });
  it('any known department contributes, the coordinating one included', () => {
    spec.given([poolOpened]).when(contribute(COORDINATING, 1)).then([contributed(COORDINATING, 1)]);
    spec.given([poolOpened]).when(contribute(UNRELATED, 7)).then([contributed(UNRELATED, 7)]);
  });
  it('accepts a body that names the acting department itself', () => {
    spec.given([poolOpened]).when(contribute(SPONSOR, 500, SPONSOR)).then([contributed(SPONSOR, 500)]);
  });
  it('refuses to contribute for another department (department-contributes-only-own-funds, 403)', () => {
    spec.given([poolOpened]).when(contribute(SPONSOR, 500, UNRELATED)).thenThrows('department-contributes-only-own-funds');
    spec.given([poolOpened]).when(contribute(COORDINATING, 500, SPONSOR)).thenThrowsCode('forbidden');
  });
  it('refuses a department that is not in the directory (department-contributes-only-own-funds, 403)', () => {
    spec.given([poolOpened]).when(contribute(STRANGER, 500)).thenThrows('department-contributes-only-own-funds');
  });
  it.each([0, -100, 1.5, 0.01, Number.NaN, Number.POSITIVE_INFINITY, 1e12 + 1])(
    'refuses the amount %s (amount-must-be-positive-integer, 400)',
    (amountFen) => {
      spec.given([poolOpened]).when(contribute(SPONSOR, amountFen)).thenThrows('amount-must-be-positive-integer');
      spec.given([poolOpened]).when(contribute(SPONSOR, amountFen)).thenThrowsCode('invalid_input');
    },
  );
  it('refuses a contribution that would take the pool past its limit (pool-total-within-limit)', () => {
    const nearlyFull = [poolOpened, ...Array.from({ length: 1000 }, () => contributed(COORDINATING, 1e12))];
    spec.given(nearlyFull).when(contribute(SPONSOR, 1)).thenThrows('pool-total-within-limit');
    spec.given(nearlyFull.slice(0, -1)).when(contribute(SPONSOR, 1e12)).then([contributed(SPONSOR, 1e12)]);
  });
  it('keeps contributing to a pool with calls and grants', () => {
    spec.given(fundedPool).when(contribute(SPONSOR, 1)).then([contributed(SPONSOR, 1)]);
  });
});

it('the pool limit is a safe integer', () => {
  if (!Number.isSafeInteger(MAX_POOL_TOTAL_FEN + 1e12)) throw new Error('MAX_POOL_TOTAL_FEN leaves no headroom');
});
