import type { CommandResult, HandleRequest } from '@backbone/eventsourcing';
import type { z } from 'zod';
import { splitRegistration } from '../domain/commands.ts';
import type { PersonCommand, RegisterPersonBody } from '../domain/commands.ts';
import type { TalentDirectory } from '../domain/directory.ts';
import { hashExternalRef } from '../personalData/externalRef.ts';
import { claimExternalRef } from './externalRefClaim.ts';
import type { PersonalDataBoundary } from './personalDataBoundary.ts';

export interface RegisterPersonRequest extends Omit<HandleRequest<PersonCommand>, 'command' | 'aggregateId'> {
  /** The new person's id (`newTalentId('person', …)`). */
  readonly personId: string;
  readonly body: z.output<typeof RegisterPersonBody>;
  readonly directory: TalentDirectory;
}

/**
 * Registers a person across the personal-data boundary. Order: claim the external id's hash
 * (the unique index settles a race of two registrations of one person), decide and append
 * `PersonRegistered` (which carries no personal data), and only then write the personal data
 * and confirm the claim. A refused or failed command releases its claim and has written no
 * personal data, so it leaves nothing behind. A repeat of an idempotent request returns the
 * first answer and writes nothing.
 */
export async function registerPerson(boundary: PersonalDataBoundary, request: RegisterPersonRequest): Promise<CommandResult> {
  const { personId, body, directory, ...handle } = request;
  const { profile, externalId, personalData } = splitRegistration(body);
  const externalRefHash = hashExternalRef(externalId, boundary.externalRefKey);
  const claimed = await claimExternalRef(boundary, externalRefHash, personId);
  let result: CommandResult;
  try {
    result = await boundary.persons.handle({
      ...handle,
      aggregateId: personId,
      command: {
        type: 'registerPerson',
        personId,
        actor: request.actor,
        now: boundary.clock(),
        directory,
        data: profile,
        facts: { externalRefHash, existingExternalRefHashes: new Set(claimed ? [] : [externalRefHash]) },
      },
    });
  } catch (error) {
    if (claimed) await boundary.externalRefs.release(externalRefHash, personId);
    throw error;
  }
  if (result.replayed) {
    if (claimed) await boundary.externalRefs.release(externalRefHash, personId);
    return result;
  }
  await boundary.personalData.put(personId, personalData);
  await boundary.externalRefs.confirm(externalRefHash, personId);
  return result;
}
