import { BackboneError } from '@backbone/contracts';
import type { CommandResult, HandleRequest } from '@backbone/eventsourcing';
import type { PersonCommand } from '../domain/commands.ts';
import type { TalentDirectory } from '../domain/directory.ts';
import type { PersonalDataBoundary } from './personalDataBoundary.ts';

export interface ErasePersonRequest extends Omit<HandleRequest<PersonCommand>, 'command' | 'aggregateId'> {
  readonly personId: string;
  readonly directory: TalentDirectory;
}

/**
 * Erases a person: `PersonErased` is appended first, then the personal data and the claim of
 * the external id are removed (so the person may register again). A refused erasure removes
 * nothing — except that a repeat by an authorized department (`person-already-erased`)
 * finishes the removal of an earlier erasure that was interrupted after its event was written.
 */
export async function erasePerson(boundary: PersonalDataBoundary, request: ErasePersonRequest): Promise<CommandResult> {
  const { personId, directory, ...handle } = request;
  const removePersonalData = async () => {
    await boundary.personalData.erase(personId);
    await boundary.externalRefs.releasePerson(personId);
  };
  try {
    const result = await boundary.persons.handle({
      ...handle,
      aggregateId: personId,
      command: { type: 'erasePerson', personId, actor: request.actor, now: boundary.clock(), directory, data: {} },
    });
    await removePersonalData();
    return result;
  } catch (error) {
    if (error instanceof BackboneError && error.rule === 'person-already-erased') await removePersonalData();
    throw error;
  }
}
