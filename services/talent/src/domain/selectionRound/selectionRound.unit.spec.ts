import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { selectionRoundDecider, selectionRoundFactsOf } from './selectionRound.ts';
import {
  AFTER_CLOSE,
  CLOSES_AT,
  COORDINATING,
  erased,
  FIELD,
  nominate,
  nominated,
  NOW,
  OTHER,
  OTHER_FIELD,
  OUTSIDER,
  PERSON_ID,
  personFacts,
  registered,
  ROUND_ID,
  roundOpened,
  SELF,
} from '../testing/talentFixtures.ts';
import { openRound } from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(selectionRoundDecider);
const nominee = personFacts([registered()]);
const open = [roundOpened()];

describe('open a selection round', () => {
  it('opens a round for a known field and tier', () => {
    spec.given([]).when(openRound({ tier: 'backbone' })).then([roundOpened('backbone')]);
  });
  it('refuses an unknown tier (unknown-tier, 400) — issue #5 bad input', () => {
    spec.given([]).when(openRound({ tier: 'master' })).thenThrows('unknown-tier');
    spec.given([]).when(openRound({ tier: 'master' })).thenThrowsCode('invalid_input');
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given([]).when(openRound({ field: 'astrology' })).thenThrows('unknown-field');
  });
  it('refuses a closing time that is not in the future (closes-at-not-in-future, 400)', () => {
    spec.given([]).when(openRound({ closesAt: NOW.toISOString() })).thenThrows('closes-at-not-in-future');
    spec.given([]).when(openRound({ closesAt: 'soon' })).thenThrows('invalid-date');
  });
  it('opens a round once (selection-round-already-exists, 409)', () => {
    spec.given(open).when(openRound()).thenThrows('selection-round-already-exists');
  });
});

describe('nominate', () => {
  it('records a nomination by the acting department while the round is open', () => {
    spec.given(open).when(nominate(nominee)).then([nominated(SELF)]);
    spec.given(open).when(nominate(nominee, OTHER)).then([nominated(OTHER)]);
  });
  it('refuses a department the directory does not know (only-known-departments-nominate, 403)', () => {
    spec.given(open).when(nominate(nominee, OUTSIDER)).thenThrows('only-known-departments-nominate');
    spec.given(open).when(nominate(nominee, OUTSIDER)).thenThrowsCode('forbidden');
  });
  it('refuses once the round has closed, from its closing instant (selection-round-closed, 409)', () => {
    spec.given(open).when(nominate(nominee, SELF, AFTER_CLOSE)).thenThrows('selection-round-closed');
    spec.given(open).when(nominate(nominee, SELF, new Date(CLOSES_AT))).thenThrows('selection-round-closed');
  });
  it('answers not_found for a round that does not exist (selection-round-not-found)', () => {
    spec.given([]).when(nominate(nominee)).thenThrows('selection-round-not-found');
  });
  it('answers not_found for a person who is not registered (person-not-found)', () => {
    spec.given(open).when(nominate(undefined)).thenThrows('person-not-found');
    spec.given(open).when(nominate(undefined)).thenThrowsCode('not_found');
  });
  it('refuses an erased person (person-erased, 409)', () => {
    spec.given(open).when(nominate(personFacts([registered(), erased]))).thenThrows('person-erased');
  });
  it('nominates only people working in the round field (nominee-not-in-round-field, 409)', () => {
    spec.given(open).when(nominate(personFacts([registered({ fields: [OTHER_FIELD] })]))).thenThrows('nominee-not-in-round-field');
  });
  it('nominates a person once per round (already-nominated, 409)', () => {
    spec.given([...open, nominated(COORDINATING)]).when(nominate(nominee)).thenThrows('already-nominated');
  });
});

describe('selectionRoundFactsOf', () => {
  it('tells a person decision the round tier, field, closing time and nominees', () => {
    const state = [...open, nominated(SELF), nominated(OTHER, 'person-0002')].reduce(
      selectionRoundDecider.evolve,
      selectionRoundDecider.initialState(),
    );
    expect(selectionRoundFactsOf(state)).toEqual({
      roundId: ROUND_ID,
      field: FIELD,
      tier: 'entry',
      closesAt: CLOSES_AT,
      nominees: [PERSON_ID, 'person-0002'],
    });
    expect(selectionRoundFactsOf(selectionRoundDecider.initialState())).toBeUndefined();
  });
});
