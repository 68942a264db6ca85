import { ruleViolation, talentEvents } from '@backbone/contracts';
import type { TalentEvent } from '@backbone/contracts';
import { authorizeTalentCommand, talentRolesOf } from '../authorization.ts';
import type { AdviceNoteCommand } from '../commands.ts';
import { requireActivePerson } from '../facts.ts';
import { definedOnly, invalidInput, requireKnownField } from '../guards.ts';

/** The events of an advice note's stream. */
export const adviceNoteEvents = { AdviceNoteSubmitted: talentEvents.AdviceNoteSubmitted } as const;
export type AdviceNoteEvent = Extract<TalentEvent, { type: keyof typeof adviceNoteEvents }>;

/** A think-tank member's advice on a key field, a task, or both. */
export interface AdviceNote {
  readonly status: 'submitted';
  readonly noteId: string;
  readonly memberId: string;
  readonly field?: string;
  readonly taskId?: string;
  readonly titleRef: string;
}

export type AdviceNoteState = { readonly status: 'none' } | AdviceNote;

export const initialAdviceNoteState = (): AdviceNoteState => ({ status: 'none' });

/** Folds one event into the note's state. */
export function evolveAdviceNote(state: AdviceNoteState, event: AdviceNoteEvent): AdviceNoteState {
  if (state.status !== 'none') return state;
  return { status: 'submitted', ...event.data };
}

/**
 * submit: by an appointed, unerased think-tank member, on a known field and/or a task. The
 * member's registering department submits for them (it is the note's owner), or the
 * coordinating department does.
 */
export function decideAdviceNote(command: AdviceNoteCommand, state: AdviceNoteState): AdviceNoteEvent[] {
  const { member } = command.facts;
  authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, member?.registeredBy));
  if (state.status !== 'none') throw ruleViolation('advice-note-already-exists', `advice note ${command.noteId} already exists`);
  const { memberId, field, taskId, titleRef } = command.data;
  const author = requireActivePerson(member, memberId);
  if (!author.thinkTankMember) throw ruleViolation('only-think-tank-members-advise', `${memberId} is not a think-tank member`);
  if (field === undefined && taskId === undefined) {
    throw invalidInput('advice-needs-field-or-task', 'attach the note to a key field, a task, or both');
  }
  if (field !== undefined) requireKnownField(command.directory, field);
  return [{ type: 'AdviceNoteSubmitted', data: definedOnly({ noteId: command.noteId, memberId, field, taskId, titleRef }) }];
}

/** The decider of one advice note's stream. */
export const adviceNoteDecider = {
  initialState: initialAdviceNoteState,
  decide: decideAdviceNote,
  evolve: evolveAdviceNote,
};
