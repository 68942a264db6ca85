import { defineCommand } from '@backbone/service-kit';
import type { RouteDefinition } from '@backbone/service-kit';
import { newTalentId } from '../commandHandling/talentIds.ts';
import { NominateBody, OpenSelectionRoundBody } from '../domain/commands.ts';
import { aggregateReads } from './aggregateReads.ts';
import { IdParams, personFacts, requestPartsOf } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

/** Tiered selection (Action 1): rounds for a field and tier, and departments' nominations. */
export function selectionRoundRoutes(context: TalentApiContext): RouteDefinition[] {
  const { selectionRound } = context.handlers;
  return [
    defineCommand({
      method: 'POST',
      path: '/selection-rounds',
      summary: 'Open a selection round for a field and tier, taking nominations until closesAt (coordinating department)',
      body: OpenSelectionRoundBody,
      success: 201,
      handle: async (input) => {
        const roundId = newTalentId('selection-round', context.newId());
        return selectionRound.handle({
          ...requestPartsOf(input),
          aggregateId: roundId,
          command: { type: 'openSelectionRound', roundId, actor: input.department, now: context.clock(), directory: await context.directory(), data: input.body },
        });
      },
    }),
    defineCommand({
      method: 'POST',
      path: '/selection-rounds/:id/nominations',
      summary: 'Nominate a registered person working in the round’s field, while the round is open',
      params: IdParams,
      body: NominateBody,
      success: 200,
      handle: async (input) => {
        const roundId = input.params.id;
        return selectionRound.handle({
          ...requestPartsOf(input),
          aggregateId: roundId,
          command: {
            type: 'nominate',
            roundId,
            actor: input.department,
            now: context.clock(),
            directory: await context.directory(),
            data: input.body,
            facts: { nominee: await personFacts(context, input.body.personId) },
          },
        });
      },
    }),
    ...aggregateReads(context, { path: '/selection-rounds', aggregate: 'selection-round', handler: selectionRound }),
  ];
}
