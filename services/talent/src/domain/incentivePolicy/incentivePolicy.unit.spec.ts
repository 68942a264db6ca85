import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { incentivePolicyDecider } from './incentivePolicy.ts';
import {
  COORDINATING,
  erased,
  granted,
  grantIncentive,
  issuePolicy,
  OTHER,
  personFacts,
  policyIssued,
  registered,
} from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(incentivePolicyDecider);
const socialOrgWorker = personFacts([registered({ sector: 'social-organisation' })]);
const enterpriseVolunteer = personFacts([registered({ kind: 'volunteer', sector: 'enterprise' })]);
const classified = policyIssued({ scope: 'classified', sectors: ['university', 'social-organisation'] });

describe('issue an incentive policy ("common + classified")', () => {
  it('issues a common policy for every sector, with the issuer’s budget', () => {
    spec.given([]).when(issuePolicy()).then([policyIssued()]);
  });
  it('issues a classified policy for listed sectors', () => {
    spec.given([]).when(issuePolicy({ scope: 'classified', sectors: ['university', 'social-organisation'] })).then([classified]);
  });
  it('refuses an unknown sector (unknown-sector, 400) — issue #5 bad input', () => {
    spec.given([]).when(issuePolicy({ scope: 'classified', sectors: ['university', 'guild'] })).thenThrows('unknown-sector');
    spec.given([]).when(issuePolicy({ scope: 'classified', sectors: ['guild'] })).thenThrowsCode('invalid_input');
  });
  it('refuses an unknown scope (unknown-scope, 400)', () => {
    spec.given([]).when(issuePolicy({ scope: 'special' })).thenThrows('unknown-scope');
  });
  it('a common policy lists no sectors; a classified one lists at least one (400)', () => {
    spec.given([]).when(issuePolicy({ sectors: ['university'] })).thenThrows('common-policy-lists-no-sectors');
    spec.given([]).when(issuePolicy({ scope: 'classified', sectors: [] })).thenThrows('classified-policy-needs-sectors');
    spec.given([]).when(issuePolicy({ scope: 'classified', sectors: ['university', 'university'] })).thenThrows('no-duplicate-sectors');
  });
  it('refuses a budget that is not a positive whole number of fen (budget-must-be-positive, 400)', () => {
    spec.given([]).when(issuePolicy({ budgetFen: 0 })).thenThrows('budget-must-be-positive');
    spec.given([]).when(issuePolicy({ budgetFen: -100 })).thenThrows('budget-must-be-positive');
    spec.given([]).when(issuePolicy({ budgetFen: 10.5 })).thenThrows('budget-must-be-positive');
  });
  it('issues a policy once (incentive-policy-already-exists, 409)', () => {
    spec.given([policyIssued()]).when(issuePolicy()).thenThrows('incentive-policy-already-exists');
  });
});

describe('grant an incentive', () => {
  it('grants under a common policy to a person of any sector', () => {
    spec.given([policyIssued()]).when(grantIncentive(5_000, enterpriseVolunteer)).then([granted(5_000)]);
  });
  it('grants under a classified policy to a person of a listed sector', () => {
    spec.given([classified]).when(grantIncentive(5_000, socialOrgWorker)).then([granted(5_000)]);
  });
  it('refuses a policy that does not cover the person’s sector (policy-does-not-cover-sector, 409) — issue #5 bad input', () => {
    spec.given([classified]).when(grantIncentive(5_000, enterpriseVolunteer)).thenThrows('policy-does-not-cover-sector');
    spec.given([classified]).when(grantIncentive(5_000, enterpriseVolunteer)).thenThrowsCode('rule_violation');
  });
  it('grants up to exactly what is left of the budget', () => {
    spec.given([policyIssued(), granted(60_000)]).when(grantIncentive(40_000, socialOrgWorker)).then([granted(40_000)]);
  });
  it('refuses a grant beyond what is left of the budget (incentive-exceeds-budget, 409)', () => {
    spec.given([policyIssued(), granted(60_000)]).when(grantIncentive(40_001, socialOrgWorker)).thenThrows('incentive-exceeds-budget');
    spec.given([policyIssued()]).when(grantIncentive(100_001, socialOrgWorker)).thenThrows('incentive-exceeds-budget');
  });
  it('refuses an amount that is not a positive whole number of fen (amount-must-be-positive, 400)', () => {
    spec.given([policyIssued()]).when(grantIncentive(0, socialOrgWorker)).thenThrows('amount-must-be-positive');
    spec.given([policyIssued()]).when(grantIncentive(-5, socialOrgWorker)).thenThrowsCode('invalid_input');
    spec.given([policyIssued()]).when(grantIncentive(1.5, socialOrgWorker)).thenThrows('amount-must-be-positive');
  });
  it('answers not_found for an unknown policy or person', () => {
    spec.given([]).when(grantIncentive(5_000, socialOrgWorker)).thenThrows('incentive-policy-not-found');
    spec.given([policyIssued()]).when(grantIncentive(5_000, undefined)).thenThrows('person-not-found');
  });
  it('refuses an erased person (person-erased, 409)', () => {
    spec.given([policyIssued()]).when(grantIncentive(5_000, personFacts([registered(), erased]))).thenThrows('person-erased');
  });
  it('only the issuer spends its policy’s budget, not even the coordinating department (only-issuer-grants-under-policy, 403)', () => {
    spec.given([policyIssued()]).when(grantIncentive(5_000, socialOrgWorker, COORDINATING)).thenThrows('only-issuer-grants-under-policy');
    spec.given([policyIssued()]).when(grantIncentive(5_000, socialOrgWorker, OTHER)).thenThrowsCode('forbidden');
  });
});
