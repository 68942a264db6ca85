import { ruleViolation } from '@backbone/contracts';
import type { PersonCommandOf } from '../commands.ts';
import { requireKind, requireKnownFields, requireSector } from '../guards.ts';
import type { Person, PersonEvent, PersonState } from './personState.ts';

/** register: a new person with a kind, a sector and known fields, once per external id. */
export function decideRegister(command: PersonCommandOf<'registerPerson'>, state: PersonState): PersonEvent[] {
  if (state.status !== 'none') throw ruleViolation('person-already-exists', `person ${command.personId} already exists`);
  const kind = requireKind(command.data.kind);
  const sector = requireSector(command.data.sector);
  requireKnownFields(command.directory, command.data.fields);
  const { externalRefHash, existingExternalRefHashes } = command.facts;
  if (existingExternalRefHashes.has(externalRefHash)) {
    throw ruleViolation('person-already-registered', 'a person with this external id is already registered');
  }
  return [
    {
      type: 'PersonRegistered',
      data: {
        personId: command.personId,
        kind,
        sector,
        fields: [...command.data.fields],
        registeredBy: command.actor,
        externalRefHash,
      },
    },
  ];
}

/**
 * erase: the person's personal data is removed from the service's store (the service does
 * that when this event is written); the record of what they did stays, carrying only ids.
 */
export function decideErase(command: PersonCommandOf<'erasePerson'>, person: Person): PersonEvent[] {
  if (person.status === 'erased') throw ruleViolation('person-already-erased', `person ${person.personId} was already erased`);
  return [{ type: 'PersonErased', data: { personId: command.personId } }];
}
