import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { personDecider } from './personDecider.ts';
import { NOW, PERSON_ID, recordResult, registered, ROUND_ID, roundFacts, selectedAs } from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(personDecider);
const person = [registered()];
const entry = [...person, selectedAs('entry', 'round-2024-entry')];

describe('selection result (tiers rise one step at a time)', () => {
  it('selects a nominee of a closed round into the round tier: none → entry', () => {
    spec.given(person).when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry'))).then([selectedAs('entry', ROUND_ID)]);
  });
  it('entry → backbone → leading', () => {
    spec.given(entry).when(recordResult({ roundId: ROUND_ID, tier: 'backbone' }, roundFacts('backbone'))).then([selectedAs('backbone', ROUND_ID)]);
    spec
      .given([...entry, selectedAs('backbone', 'round-2024-backbone')])
      .when(recordResult({ roundId: ROUND_ID, tier: 'leading' }, roundFacts('leading')))
      .then([selectedAs('leading', ROUND_ID)]);
  });
  it('refuses to skip a tier without a reason (tier-cannot-be-skipped, 409)', () => {
    spec.given(person).when(recordResult({ roundId: ROUND_ID, tier: 'backbone' }, roundFacts('backbone'))).thenThrows('tier-cannot-be-skipped');
    spec.given(entry).when(recordResult({ roundId: ROUND_ID, tier: 'leading' }, roundFacts('leading'))).thenThrowsCode('rule_violation');
  });
  it('a blank reason is no reason', () => {
    spec
      .given(person)
      .when(recordResult({ roundId: ROUND_ID, tier: 'leading', skippedTierReason: '   ' }, roundFacts('leading')))
      .thenThrows('tier-cannot-be-skipped');
  });
  it('skips a tier when the reason is recorded, and keeps the reason', () => {
    const reason = 'national award; led the pilot for two years';
    spec
      .given(person)
      .when(recordResult({ roundId: ROUND_ID, tier: 'leading', skippedTierReason: reason }, roundFacts('leading')))
      .then([selectedAs('leading', ROUND_ID, reason)]);
  });
  it('refuses a skip reason when no tier is skipped (skipped-tier-reason-without-skip, 400)', () => {
    spec
      .given(person)
      .when(recordResult({ roundId: ROUND_ID, tier: 'entry', skippedTierReason: 'why not' }, roundFacts('entry')))
      .thenThrows('skipped-tier-reason-without-skip');
  });
  it('refuses a tier the person already holds or one below it (tier-must-rise, 409)', () => {
    spec.given(entry).when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry'))).thenThrows('tier-must-rise');
    spec
      .given([...entry, selectedAs('backbone', 'round-2024-backbone')])
      .when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry')))
      .thenThrows('tier-must-rise');
  });
  it('refuses an unknown tier (unknown-tier, 400) — issue #5 bad input', () => {
    spec.given(person).when(recordResult({ roundId: ROUND_ID, tier: 'master' }, roundFacts('entry'))).thenThrows('unknown-tier');
    spec.given(person).when(recordResult({ roundId: ROUND_ID, tier: 'master' }, roundFacts('entry'))).thenThrowsCode('invalid_input');
  });
  it('refuses a tier other than the round selects (tier-differs-from-round, 400)', () => {
    spec.given(entry).when(recordResult({ roundId: ROUND_ID, tier: 'backbone' }, roundFacts('entry'))).thenThrows('tier-differs-from-round');
  });
  it('answers not_found for a round that does not exist (selection-round-not-found)', () => {
    spec.given(person).when(recordResult({ roundId: 'nope', tier: 'entry' }, undefined)).thenThrows('selection-round-not-found');
    spec.given(person).when(recordResult({ roundId: 'nope', tier: 'entry' }, undefined)).thenThrowsCode('not_found');
  });
  it('waits until the round has closed (selection-round-still-open, 409)', () => {
    spec
      .given(person)
      .when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry'), undefined, NOW))
      .thenThrows('selection-round-still-open');
  });
  it('selects only nominees of the round (not-nominated-in-round, 409)', () => {
    spec.given(person).when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry', ['person-0002']))).thenThrows('not-nominated-in-round');
  });
  it('records one result per round (selection-result-already-recorded, 409)', () => {
    spec
      .given([...person, selectedAs('entry', ROUND_ID)])
      .when(recordResult({ roundId: ROUND_ID, tier: 'backbone' }, { ...roundFacts('backbone'), nominees: [PERSON_ID] }))
      .thenThrows('selection-result-already-recorded');
  });
});
