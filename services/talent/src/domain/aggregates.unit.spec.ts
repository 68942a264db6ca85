import { describe, expect, it } from 'vitest';
import { talentEvents } from '@backbone/contracts';
import type { Decider } from '@backbone/eventsourcing';
import { adviceNoteDecider, adviceNoteEvents } from './adviceNote/adviceNote.ts';
import type { AdviceNoteEvent, AdviceNoteState } from './adviceNote/adviceNote.ts';
import type { AdviceNoteCommand, IncentivePolicyCommand, PersonCommand, PracticeBaseCommand, SelectionRoundCommand } from './commands.ts';
import { incentivePolicyDecider, incentivePolicyEvents } from './incentivePolicy/incentivePolicy.ts';
import type { IncentivePolicyEvent, IncentivePolicyState } from './incentivePolicy/incentivePolicy.ts';
import { personDecider } from './person/personDecider.ts';
import { personEvents } from './person/personState.ts';
import type { PersonEvent, PersonState } from './person/personState.ts';
import { practiceBaseDecider, practiceBaseEvents } from './practiceBase/practiceBase.ts';
import type { PracticeBaseEvent, PracticeBaseState } from './practiceBase/practiceBase.ts';
import { selectionRoundDecider, selectionRoundEvents } from './selectionRound/selectionRound.ts';
import type { SelectionRoundEvent, SelectionRoundState } from './selectionRound/selectionRound.ts';
import { talentStreamName } from './streams.ts';

// The deciders are plain objects (the domain imports only @backbone/contracts); these
// assignments prove each one is a `Decider` the command handler accepts.
const deciders: readonly unknown[] = [
  personDecider satisfies Decider<PersonCommand, PersonState, PersonEvent>,
  selectionRoundDecider satisfies Decider<SelectionRoundCommand, SelectionRoundState, SelectionRoundEvent>,
  incentivePolicyDecider satisfies Decider<IncentivePolicyCommand, IncentivePolicyState, IncentivePolicyEvent>,
  practiceBaseDecider satisfies Decider<PracticeBaseCommand, PracticeBaseState, PracticeBaseEvent>,
  adviceNoteDecider satisfies Decider<AdviceNoteCommand, AdviceNoteState, AdviceNoteEvent>,
];

describe('talent aggregates', () => {
  it('every talent event belongs to exactly one aggregate', () => {
    const owned = [personEvents, selectionRoundEvents, incentivePolicyEvents, practiceBaseEvents, adviceNoteEvents].flatMap((e) => Object.keys(e));
    expect(owned.sort()).toEqual(Object.keys(talentEvents).sort());
    expect(deciders).toHaveLength(5);
  });
  it('aggregates of different kinds never share a stream', () => {
    expect(talentStreamName('person', 'x')).not.toBe(talentStreamName('incentive-policy', 'x'));
    expect(talentStreamName('person', 'p-1')).toBe('talent-person-p-1');
  });
});
