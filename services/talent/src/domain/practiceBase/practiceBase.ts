import { ruleViolation, talentEvents } from '@backbone/contracts';
import type { TalentEvent } from '@backbone/contracts';
import { authorizeTalentCommand, talentRolesOf } from '../authorization.ts';
import type { PracticeBaseCommand } from '../commands.ts';
import { requireKnownFields } from '../guards.ts';

/** The events of a practice base's stream. */
export const practiceBaseEvents = { PracticeBaseDesignated: talentEvents.PracticeBaseDesignated } as const;
export type PracticeBaseEvent = Extract<TalentEvent, { type: keyof typeof practiceBaseEvents }>;

/** A university designated to host field practice for some key fields. */
export interface PracticeBase {
  readonly status: 'designated';
  readonly baseId: string;
  readonly universityOrgId: string;
  readonly fields: readonly string[];
}

export type PracticeBaseState = { readonly status: 'none' } | PracticeBase;

export const initialPracticeBaseState = (): PracticeBaseState => ({ status: 'none' });

/** Folds one event into the practice base's state. */
export function evolvePracticeBase(state: PracticeBaseState, event: PracticeBaseEvent): PracticeBaseState {
  if (state.status !== 'none') return state;
  const { baseId, universityOrgId, fields } = event.data;
  return { status: 'designated', baseId, universityOrgId, fields };
}

/** designate: a university, for known fields, once per base. */
export function decidePracticeBase(command: PracticeBaseCommand, state: PracticeBaseState): PracticeBaseEvent[] {
  authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, undefined));
  if (state.status !== 'none') throw ruleViolation('practice-base-already-exists', `practice base ${command.baseId} already exists`);
  const { universityOrgId, fields } = command.data;
  requireKnownFields(command.directory, fields);
  return [{ type: 'PracticeBaseDesignated', data: { baseId: command.baseId, universityOrgId, fields: [...fields] } }];
}

/** The decider of one practice base's stream. */
export const practiceBaseDecider = {
  initialState: initialPracticeBaseState,
  decide: decidePracticeBase,
  evolve: evolvePracticeBase,
};
