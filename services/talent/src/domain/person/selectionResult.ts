import { TIERS, ruleViolation } from '@backbone/contracts';
import type { Tier } from '@backbone/contracts';
import type { PersonCommandOf } from '../commands.ts';
import { definedOnly, invalidInput, notFound, parseInstant, requireTier, trimmedOrUndefined } from '../guards.ts';
import type { Person, PersonEvent } from './personState.ts';

const rank = (tier: Tier | undefined): number => (tier === undefined ? 0 : TIERS.indexOf(tier) + 1);

/**
 * tier: a nominee of a closed round is selected into the round's tier. Tiers rise one step
 * at a time (entry → backbone → leading); skipping one needs a recorded reason.
 */
export function decideSelectionResult(command: PersonCommandOf<'recordSelectionResult'>, person: Person): PersonEvent[] {
  const tier = requireTier(command.data.tier);
  const { roundId } = command.data;
  const round = command.facts.round;
  if (round === undefined) throw notFound('selection-round-not-found', `selection round ${roundId} does not exist`);
  if (tier !== round.tier) throw invalidInput('tier-differs-from-round', `round ${roundId} selects ${round.tier}, not ${tier}`);
  if (command.now.getTime() < parseInstant(round.closesAt, 'closesAt')) {
    throw ruleViolation('selection-round-still-open', `round ${roundId} takes nominations until ${round.closesAt}`);
  }
  if (!round.nominees.includes(person.personId)) {
    throw ruleViolation('not-nominated-in-round', `${person.personId} was not nominated in round ${roundId}`);
  }
  if (person.selectionRounds.includes(roundId)) {
    throw ruleViolation('selection-result-already-recorded', `the result of round ${roundId} is already recorded`);
  }
  const current = rank(person.tier);
  if (rank(tier) <= current) throw ruleViolation('tier-must-rise', `${person.personId} already holds ${person.tier ?? ''}`);
  const skippedTierReason = trimmedOrUndefined(command.data.skippedTierReason);
  const skips = rank(tier) > current + 1;
  if (skips && skippedTierReason === undefined) {
    throw ruleViolation('tier-cannot-be-skipped', `${tier} skips a tier above ${person.tier ?? 'none'}; record the reason`);
  }
  if (!skips && skippedTierReason !== undefined) {
    throw invalidInput('skipped-tier-reason-without-skip', `${tier} is the next tier; no tier is skipped`);
  }
  return [{ type: 'SelectionResultRecorded', data: definedOnly({ roundId, personId: person.personId, tier, skippedTierReason }) }];
}
