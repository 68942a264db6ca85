import { TalentId } from '@backbone/contracts';
import { expectedVersionOf, idempotencyOf } from '@backbone/service-kit';
import type { CommandInput } from '@backbone/service-kit';
import { z } from 'zod';
import type { TalentCommandHandlers } from '../commandHandling/talentCommandHandlers.ts';
import { isTalentIdOf } from '../commandHandling/talentIds.ts';
import type { TalentDirectory } from '../domain/directory.ts';
import type { PersonFacts, SelectionRoundFacts } from '../domain/facts.ts';
import { personFactsOf } from '../domain/person/personState.ts';
import { selectionRoundFactsOf } from '../domain/selectionRound/selectionRound.ts';
import type { PersonalDataBoundary } from '../registry/personalDataBoundary.ts';

/** What every route of the talent API works with. */
export interface TalentApiContext {
  readonly handlers: TalentCommandHandlers;
  readonly boundary: PersonalDataBoundary;
  readonly directory: () => Promise<TalentDirectory>;
  readonly clock: () => Date;
  /** Makes the uuid part of a new aggregate's id. */
  readonly newId: () => string;
}

/** `/:id` of any talent aggregate. */
export const IdParams = z.strictObject({ id: TalentId });

type AnyCommandInput = CommandInput<unknown, unknown, unknown>;

/** The parts of a handle request that come from the HTTP request: actor, correlation, If-Match, Idempotency-Key. */
export function requestPartsOf(input: AnyCommandInput) {
  return {
    actor: input.department,
    correlationId: input.correlationId,
    expectedVersion: expectedVersionOf(input),
    idempotency: idempotencyOf(input),
  };
}

/** What other aggregates may know of a person; undefined when `id` names no registered person. */
export async function personFacts(context: TalentApiContext, id: string): Promise<PersonFacts | undefined> {
  if (!isTalentIdOf('person', id)) return undefined;
  return personFactsOf((await context.handlers.person.load(id)).state);
}

/** What a tier decision needs of a round; undefined when `id` names no round. */
export async function selectionRoundFacts(context: TalentApiContext, id: string): Promise<SelectionRoundFacts | undefined> {
  if (!isTalentIdOf('selection-round', id)) return undefined;
  return selectionRoundFactsOf((await context.handlers.selectionRound.load(id)).state);
}
