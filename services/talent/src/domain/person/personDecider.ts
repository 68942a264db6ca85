import { ruleViolation } from '@backbone/contracts';
import { authorizeTalentCommand, talentRolesOf } from '../authorization.ts';
import type { PersonCommand } from '../commands.ts';
import { notFound } from '../guards.ts';
import { evolvePerson, initialPersonState } from './personState.ts';
import type { Person, PersonEvent, PersonState } from './personState.ts';
import { decideAppointment, decideCertification, decideCourseCompleted, decideServiceHours } from './record.ts';
import { decideErase, decideRegister } from './registration.ts';
import { decideSelectionResult } from './selectionResult.ts';

/**
 * Decides a person command: the authorization table first (403; ownership is the registering
 * department, so a person must exist (404) before any other command is judged), then the
 * rules (400 bad input, 409 state). An erased person takes part in nothing new.
 */
export function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] {
  if (command.type === 'registerPerson') {
    authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, undefined));
    return decideRegister(command, state);
  }
  if (state.status === 'none') throw notFound('person-not-found', `person ${command.personId} is not registered`);
  authorizeTalentCommand(command.type, talentRolesOf(command.actor, command.directory, state.registeredBy));
  if (command.type === 'erasePerson') return decideErase(command, state);
  if (state.status === 'erased') throw ruleViolation('person-erased', `person ${state.personId} was erased`);
  return decideActive(command, state);
}

function decideActive(command: Exclude<PersonCommand, { type: 'registerPerson' | 'erasePerson' }>, person: Person): PersonEvent[] {
  switch (command.type) {
    case 'recordSelectionResult':
      return decideSelectionResult(command, person);
    case 'completeCourse':
      return decideCourseCompleted(command, person);
    case 'grantCertification':
      return decideCertification(command, person);
    case 'logServiceHours':
      return decideServiceHours(command, person);
    case 'appointThinkTankMember':
      return decideAppointment(command, person);
  }
}

/** The decider of one person's stream (a `Decider` of @backbone/eventsourcing, structurally). */
export const personDecider = {
  initialState: initialPersonState,
  decide: decidePerson,
  evolve: evolvePerson,
};
