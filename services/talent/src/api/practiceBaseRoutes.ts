import { defineCommand } from '@backbone/service-kit';
import type { RouteDefinition } from '@backbone/service-kit';
import { newTalentId } from '../commandHandling/talentIds.ts';
import { DesignatePracticeBaseBody } from '../domain/commands.ts';
import { aggregateReads } from './aggregateReads.ts';
import { requestPartsOf } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

/** Practice bases designated with universities (Task 3). */
export function practiceBaseRoutes(context: TalentApiContext): RouteDefinition[] {
  const { practiceBase } = context.handlers;
  return [
    defineCommand({
      method: 'POST',
      path: '/practice-bases',
      summary: 'Designate a university as a practice base for some key fields (coordinating department)',
      body: DesignatePracticeBaseBody,
      success: 201,
      handle: async (input) => {
        const baseId = newTalentId('practice-base', context.newId());
        return practiceBase.handle({
          ...requestPartsOf(input),
          aggregateId: baseId,
          command: { type: 'designatePracticeBase', baseId, actor: input.department, now: context.clock(), directory: await context.directory(), data: input.body },
        });
      },
    }),
    ...aggregateReads(context, { path: '/practice-bases', aggregate: 'practice-base', handler: practiceBase }),
  ];
}
