import { describe, expect, it } from 'vitest';
import { resourceEvents } from '@backbone/contracts';
import type { ResourceEvent } from '@backbone/contracts';
import { applicationDecider } from './applications/applicationDecider.ts';
import { applicationFactsOf } from './applications/applicationState.ts';
import type { ApplicationState } from './applications/applicationState.ts';
import type { ApplicationCommand, PoolCommand } from './commands.ts';
import { deliveryTaskFor } from './delivery/deliveryTask.ts';
import { eventsOfType } from './testing/eventsOfType.ts';
import { policyDecider } from './policies/policyDecider.ts';
import { poolDecider } from './pools/poolDecider.ts';
import { callFactsOf, describePool } from './pools/poolState.ts';
import type { PoolState } from './pools/poolState.ts';
import { rankApplications } from './scoring/weightedScore.ts';
import {
  award,
  CALL_ID,
  contribute,
  COORDINATING,
  disburse,
  issuePolicy,
  openCall,
  openPool,
  REVIEWER_DEPARTMENT,
  revoke,
  score,
  SPONSOR,
  submit,
  UNRELATED,
  WEIGHTS,
} from './testing/resourceFixtures.ts';

// The whole incubation venture through the three deciders, the way the service will drive them:
// facts read from one aggregate go into the next command. Every event written must match its
// published schema exactly.

function expectPublishable(events: readonly ResourceEvent[]): void {
  for (const event of events) {
    const parsed = resourceEvents[event.type].schema.safeParse(event.data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toEqual(event.data);
  }
}

describe('the 2025 incubation venture, end to end in the domain', () => {
  it('pools, a call, scored applications, an award, tranches, a revocation and a policy', () => {
    const written: ResourceEvent[] = [];
    let pool: PoolState = poolDecider.initialState();
    const onPool = (command: PoolCommand) => {
      const events = poolDecider.decide(command, pool);
      pool = events.reduce(poolDecider.evolve, pool);
      written.push(...events);
    };
    let application: ApplicationState = applicationDecider.initialState();
    const onApplication = (command: ApplicationCommand) => {
      const events = applicationDecider.decide(command, application);
      application = events.reduce(applicationDecider.evolve, application);
      written.push(...events);
    };

    onPool(openPool(COORDINATING));
    onPool(contribute(COORDINATING, 60_000_000));
    onPool(contribute(SPONSOR, 40_000_000, SPONSOR));
    onPool(openCall(COORDINATING));
    onApplication(submit(SPONSOR, {}, { call: callFactsOf(pool, CALL_ID) }));
    onApplication(score(REVIEWER_DEPARTMENT, 'reviewer-1'));
    onApplication(score(UNRELATED, 'reviewer-2', { partyBuilding: 90, theoryResearch: 80, professionalValue: 70, serviceScenarios: 100 }));
    onPool(award(COORDINATING, {}, { application: applicationFactsOf(application) }));
    onPool(disburse(COORDINATING, 10_000_000));
    onPool(revoke(COORDINATING, 'the organisation dissolved'));
    written.push(...policyDecider.decide(issuePolicy(SPONSOR), policyDecider.initialState()));

    expectPublishable(written);
    expect(written.map((e) => e.type)).toEqual([
      'FundPoolOpened',
      'FundsContributed',
      'FundsContributed',
      'IncubationCallOpened',
      'ApplicationSubmitted',
      'ApplicationScored',
      'ApplicationScored',
      'GrantAwarded',
      'GrantDisbursed',
      'GrantRevoked',
      'PolicyIssued',
    ]);
    if (pool.status === 'none' || application.status === 'none') throw new Error('nothing was created');
    expect(describePool(pool)).toMatchObject({ contributedFen: 100_000_000, committedFen: 10_000_000, disbursedFen: 10_000_000 });
    expect(rankApplications(WEIGHTS, [application])).toEqual([{ applicationId: 'app-0001', reviewCount: 2, weightedScore: 80.5, rank: 1 }]);
    const [grantAwarded] = eventsOfType(written, 'GrantAwarded');
    expect(grantAwarded && deliveryTaskFor(grantAwarded.data).assign.lead).toBe(SPONSOR);
  });
});
