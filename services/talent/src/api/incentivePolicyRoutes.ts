import { defineCommand } from '@backbone/service-kit';
import type { RouteDefinition } from '@backbone/service-kit';
import { newTalentId } from '../commandHandling/talentIds.ts';
import { IssueIncentivePolicyBody } from '../domain/commands.ts';
import { aggregateReads } from './aggregateReads.ts';
import { requestPartsOf } from './talentApiContext.ts';
import type { TalentApiContext } from './talentApiContext.ts';

/** Incentives "common + classified" (Action 2): policies with their own budgets; grants are under `/people/:id/incentives`. */
export function incentivePolicyRoutes(context: TalentApiContext): RouteDefinition[] {
  const { incentivePolicy } = context.handlers;
  return [
    defineCommand({
      method: 'POST',
      path: '/incentive-policies',
      summary: 'Issue an incentive policy, common to all sectors or classified for listed ones, with a budget in fen',
      body: IssueIncentivePolicyBody,
      success: 201,
      handle: async (input) => {
        const policyId = newTalentId('incentive-policy', context.newId());
        return incentivePolicy.handle({
          ...requestPartsOf(input),
          aggregateId: policyId,
          command: { type: 'issueIncentivePolicy', policyId, actor: input.department, now: context.clock(), directory: await context.directory(), data: input.body },
        });
      },
    }),
    ...aggregateReads(context, { path: '/incentive-policies', aggregate: 'incentive-policy', handler: incentivePolicy }),
  ];
}
