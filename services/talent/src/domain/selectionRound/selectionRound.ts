import { ruleViolation, talentEvents } from '@backbone/contracts';
import type { TalentEvent, Tier } from '@backbone/contracts';
import { authorizeTalentCommand, talentRolesOf } from '../authorization.ts';
import type { SelectionRoundCommand, SelectionRoundCommandOf } from '../commands.ts';
import { requireActivePerson } from '../facts.ts';
import type { SelectionRoundFacts } from '../facts.ts';
import { invalidInput, notFound, parseInstant, requireKnownField, requireTier } from '../guards.ts';

/** The events of a selection round's stream. */
export const selectionRoundEvents = {
  SelectionRoundOpened: talentEvents.SelectionRoundOpened,
  PersonNominated: talentEvents.PersonNominated,
} as const;
export type SelectionRoundEvent = Extract<TalentEvent, { type: keyof typeof selectionRoundEvents }>;

export interface Nomination {
  readonly personId: string;
  readonly nominatedBy: string;
}

/** A round selecting people of one field into one tier; it takes nominations until `closesAt`. */
export interface SelectionRound {
  readonly status: 'opened';
  readonly roundId: string;
  readonly field: string;
  readonly tier: Tier;
  readonly closesAt: string;
  readonly nominations: readonly Nomination[];
}

export type SelectionRoundState = { readonly status: 'none' } | SelectionRound;

export const initialSelectionRoundState = (): SelectionRoundState => ({ status: 'none' });

/** Folds one event into the round's state. */
export function evolveSelectionRound(state: SelectionRoundState, event: SelectionRoundEvent): SelectionRoundState {
  if (event.type === 'SelectionRoundOpened') {
    if (state.status !== 'none') return state;
    const { roundId, field, tier, closesAt } = event.data;
    return { status: 'opened', roundId, field, tier, closesAt, nominations: [] };
  }
  if (state.status === 'none') return state;
  const { personId, nominatedBy } = event.data;
  return { ...state, nominations: [...state.nominations, { personId, nominatedBy }] };
}

/** What a person's tier decision needs of the round; undefined before it opened. */
export function selectionRoundFactsOf(state: SelectionRoundState): SelectionRoundFacts | undefined {
  if (state.status === 'none') return undefined;
  const { roundId, field, tier, closesAt, nominations } = state;
  return { roundId, field, tier, closesAt, nominees: nominations.map((n) => n.personId) };
}

/** Decides a round command: the authorization table, then existence (404), then the rules. */
export function decideSelectionRound(command: SelectionRoundCommand, state: SelectionRoundState): SelectionRoundEvent[] {
  authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, undefined));
  if (command.type === 'openSelectionRound') return decideOpen(command, state);
  if (state.status === 'none') throw notFound('selection-round-not-found', `selection round ${command.roundId} does not exist`);
  return decideNominate(command, state);
}

/** open: a round for a known field and tier, closing in the future. */
function decideOpen(command: SelectionRoundCommandOf<'openSelectionRound'>, state: SelectionRoundState): SelectionRoundEvent[] {
  if (state.status !== 'none') throw ruleViolation('selection-round-already-exists', `round ${command.roundId} already exists`);
  const { field, closesAt } = command.data;
  requireKnownField(command.directory, field);
  const tier = requireTier(command.data.tier);
  if (parseInstant(closesAt, 'closesAt') <= command.now.getTime()) {
    throw invalidInput('closes-at-not-in-future', `closesAt ${closesAt} is not in the future`);
  }
  return [{ type: 'SelectionRoundOpened', data: { roundId: command.roundId, field, tier, closesAt } }];
}

/** nominate: while the round is open, a registered person working in the round's field, once. */
function decideNominate(command: SelectionRoundCommandOf<'nominate'>, round: SelectionRound): SelectionRoundEvent[] {
  if (command.now.getTime() >= parseInstant(round.closesAt, 'closesAt')) {
    throw ruleViolation('selection-round-closed', `round ${round.roundId} closed at ${round.closesAt}`);
  }
  const { personId } = command.data;
  const nominee = requireActivePerson(command.facts.nominee, personId);
  if (!nominee.fields.includes(round.field)) {
    throw ruleViolation('nominee-not-in-round-field', `${personId} does not work in ${round.field}`);
  }
  if (round.nominations.some((n) => n.personId === personId)) {
    throw ruleViolation('already-nominated', `${personId} is already nominated in round ${round.roundId}`);
  }
  return [{ type: 'PersonNominated', data: { roundId: round.roundId, personId, nominatedBy: command.actor } }];
}

/** The decider of one selection round's stream. */
export const selectionRoundDecider = {
  initialState: initialSelectionRoundState,
  decide: decideSelectionRound,
  evolve: evolveSelectionRound,
};
