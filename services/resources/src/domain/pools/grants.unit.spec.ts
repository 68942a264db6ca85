import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { poolDecider } from './poolDecider.ts';
import {
  applicationFacts,
  award,
  AWARD_FEN,
  awarded,
  BUDGET_FEN,
  callOpened,
  COORDINATING,
  disburse,
  disbursed,
  fundedPool,
  NOW,
  poolWithCall,
  poolWithGrant,
  REQUESTED_FEN,
  revoke,
  revoked,
  SPONSOR,
  UNRELATED,
} from '../testing/resourceFixtures.ts';

const spec = DeciderSpecification.for(poolDecider);
const otherApplication = (applicationId: string, requestedFen = REQUESTED_FEN) => ({ ...applicationFacts, applicationId, requestedFen });

describe('awardGrant', () => {
  it('awards a scored application from its call', () => {
    spec.given(poolWithCall).when(award(COORDINATING)).then([awarded()]);
  });
  it('may award exactly what was requested', () => {
    spec.given(poolWithCall).when(award(COORDINATING, { amountFen: REQUESTED_FEN })).then([awarded(REQUESTED_FEN)]);
  });
  it('refuses more than the application requested (award-within-requested-amount, 409)', () => {
    spec.given(poolWithCall).when(award(COORDINATING, { amountFen: REQUESTED_FEN + 1 })).thenThrows('award-within-requested-amount');
    spec.given(poolWithCall).when(award(COORDINATING, { amountFen: REQUESTED_FEN + 1 })).thenThrowsCode('rule_violation');
  });
  it('refuses an over-budget award: more than the call has left (award-within-call-budget, 409)', () => {
    const nearlySpent = [...poolWithCall, awarded(BUDGET_FEN - 10, 'grant-a', 'app-a')];
    spec.given(nearlySpent).when(award(COORDINATING, { amountFen: 11 })).thenThrows('award-within-call-budget');
    spec.given(nearlySpent).when(award(COORDINATING, { amountFen: 10 })).then([awarded(10)]);
  });
  it('refuses an award the pool cannot cover, even where the call’s books would allow it (award-within-pool-balance)', () => {
    // Events are facts; a call over-reserving its pool cannot be decided, but the award check does not rely on that.
    const overReserved = [...fundedPool, callOpened(BUDGET_FEN), awarded(BUDGET_FEN, 'grant-a', 'app-a'), callOpened(BUDGET_FEN, 'call-b')];
    const application = { ...otherApplication('app-b'), callId: 'call-b' };
    spec.given(overReserved).when(award(COORDINATING, { amountFen: 20_000_001 }, { application })).thenThrows('award-within-pool-balance');
  });
  it('returns a revoked grant’s undisbursed money to its call, where it can be awarded again', () => {
    const spent = [...poolWithCall, awarded(BUDGET_FEN, 'grant-a', 'app-a')];
    spec.given(spent).when(award(COORDINATING, { amountFen: 1 })).thenThrows('award-within-call-budget');
    const afterRevocation = [...spent, disbursed(30_000_000, 'grant-a'), revoked(50_000_000, 'grant-a')];
    spec.given(afterRevocation).when(award(COORDINATING, { amountFen: REQUESTED_FEN })).then([awarded(REQUESTED_FEN)]);
    spec.given([...afterRevocation, awarded(REQUESTED_FEN)]).when(award(COORDINATING, { amountFen: 20_000_001 }, { application: otherApplication('app-c'), grantId: 'grant-c' })).thenThrows('award-within-call-budget');
  });
  it.each([0, -5, 2.5, Number.NaN])('refuses the amount %s (amount-must-be-positive-integer, 400)', (amountFen) => {
    spec.given(poolWithCall).when(award(COORDINATING, { amountFen })).thenThrows('amount-must-be-positive-integer');
    spec.given(poolWithCall).when(award(COORDINATING, { amountFen })).thenThrowsCode('invalid_input');
  });
  it('refuses an application with no score yet (application-must-be-scored, 409)', () => {
    const application = { ...applicationFacts, reviewCount: 0 };
    spec.given(poolWithCall).when(award(COORDINATING, {}, { application })).thenThrows('application-must-be-scored');
  });
  it('awards an application at most once (application-awarded-once, 409)', () => {
    spec.given(poolWithGrant).when(award(COORDINATING, { amountFen: 1 }, { grantId: 'grant-0002' })).thenThrows('application-awarded-once');
    spec.given([...poolWithGrant, revoked(AWARD_FEN)]).when(award(COORDINATING, { amountFen: 1 }, { grantId: 'grant-0002' })).thenThrows('application-awarded-once');
  });
  it('refuses a grant id that is taken (grant-already-exists, 409)', () => {
    spec.given(poolWithGrant).when(award(COORDINATING, {}, { application: otherApplication('app-2') })).thenThrows('grant-already-exists');
  });
  it('refuses a grant that ends before now (grant-end-in-future, 400)', () => {
    spec.given(poolWithCall).when(award(COORDINATING, { endsAt: NOW.toISOString() })).thenThrows('grant-end-in-future');
    spec.given(poolWithCall).when(award(COORDINATING, { endsAt: 'soon' })).thenThrows('invalid-date');
  });
  it('answers not_found for an application that does not exist (application-not-found, 404)', () => {
    spec.given(poolWithCall).when(award(COORDINATING, {}, { application: undefined })).thenThrows('application-not-found');
    spec.given(poolWithCall).when(award(COORDINATING, {}, { application: undefined })).thenThrowsCode('not_found');
  });
  it('answers not_found for an application to a call this pool does not have (call-not-found, 404)', () => {
    const application = { ...applicationFacts, callId: 'call-elsewhere' };
    spec.given(poolWithCall).when(award(COORDINATING, {}, { application })).thenThrows('call-not-found');
  });
  it('refuses any department but the coordinating one, the sponsor above all (only-coordinating-awards-grants, 403)', () => {
    spec.given(poolWithCall).when(award(SPONSOR)).thenThrows('only-coordinating-awards-grants');
    spec.given(poolWithCall).when(award(UNRELATED)).thenThrowsCode('forbidden');
  });

  it('two awards decided on the same version each fit alone, but the second no longer fits once the first is written', () => {
    // What optimistic concurrency relies on: the loser of an append race decides again on the new version.
    const given = [...poolWithCall, awarded(BUDGET_FEN - REQUESTED_FEN, 'grant-a', 'app-a')];
    const first = award(COORDINATING, { amountFen: REQUESTED_FEN }, { application: otherApplication('app-b'), grantId: 'grant-b' });
    const second = award(COORDINATING, { amountFen: REQUESTED_FEN }, { application: otherApplication('app-c'), grantId: 'grant-c' });
    const state = given.reduce(poolDecider.evolve, poolDecider.initialState());
    const won = poolDecider.decide(first, state);
    expect(poolDecider.decide(second, state)).toHaveLength(1);
    spec.given([...given, ...won]).when(second).thenThrows('award-within-call-budget');
  });
});

describe('disburseGrant', () => {
  it('pays a tranche of an active grant', () => {
    spec.given(poolWithGrant).when(disburse(COORDINATING, 10_000_000)).then([disbursed(10_000_000)]);
  });
  it('pays in tranches up to the award and no further (disbursement-within-award, 409)', () => {
    const partly = [...poolWithGrant, disbursed(10_000_000), disbursed(10_000_000)];
    spec.given(partly).when(disburse(COORDINATING, 5_000_000)).then([disbursed(5_000_000)]);
    spec.given(partly).when(disburse(COORDINATING, 5_000_001)).thenThrows('disbursement-within-award');
    spec.given([...partly, disbursed(5_000_000)]).when(disburse(COORDINATING, 1)).thenThrowsCode('rule_violation');
  });
  it.each([0, -1, 0.5])('refuses the tranche %s (amount-must-be-positive-integer, 400)', (tranche) => {
    spec.given(poolWithGrant).when(disburse(COORDINATING, tranche)).thenThrows('amount-must-be-positive-integer');
  });
  it('refuses to pay a revoked grant (grant-is-revoked, 409)', () => {
    spec.given([...poolWithGrant, revoked(AWARD_FEN)]).when(disburse(COORDINATING, 1)).thenThrows('grant-is-revoked');
  });
  it('answers not_found for a grant the pool does not have (grant-not-found, 404)', () => {
    spec.given(poolWithGrant).when(disburse(COORDINATING, 1, 'grant-9')).thenThrows('grant-not-found');
    spec.given(poolWithGrant).when(disburse(COORDINATING, 1, 'grant-9')).thenThrowsCode('not_found');
  });
  it('refuses any department but the coordinating one (only-coordinating-disburses, 403)', () => {
    spec.given(poolWithGrant).when(disburse(SPONSOR, 1)).thenThrows('only-coordinating-disburses');
    spec.given(poolWithGrant).when(disburse(UNRELATED, 1)).thenThrowsCode('forbidden');
  });
});

describe('revokeGrant', () => {
  it('returns everything when nothing was disbursed', () => {
    spec.given(poolWithGrant).when(revoke(COORDINATING)).then([revoked(AWARD_FEN)]);
  });
  it('returns what was not disbursed', () => {
    spec.given([...poolWithGrant, disbursed(10_000_000), disbursed(5_000_000)]).when(revoke(COORDINATING)).then([revoked(10_000_000)]);
  });
  it('returns nothing from a fully disbursed grant', () => {
    spec.given([...poolWithGrant, disbursed(AWARD_FEN)]).when(revoke(COORDINATING)).then([revoked(0)]);
  });
  it('requires a reason (text-required, 400)', () => {
    spec.given(poolWithGrant).when(revoke(COORDINATING, '  ')).thenThrows('text-required');
  });
  it('refuses to revoke twice (grant-already-revoked, 409)', () => {
    spec.given([...poolWithGrant, revoked(AWARD_FEN)]).when(revoke(COORDINATING)).thenThrows('grant-already-revoked');
  });
  it('answers not_found for a grant the pool does not have (grant-not-found)', () => {
    spec.given(poolWithCall).when(revoke(COORDINATING)).thenThrows('grant-not-found');
  });
  it('refuses any department but the coordinating one (only-coordinating-revokes-grants, 403)', () => {
    spec.given(poolWithGrant).when(revoke(SPONSOR)).thenThrows('only-coordinating-revokes-grants');
    spec.given(poolWithGrant).when(revoke(UNRELATED)).thenThrowsCode('forbidden');
  });
});

