import { describe, expect, it } from 'vitest';
import { OpenCallBody, RESOURCE_COMMAND_TYPES, resourceCommandBodies } from './commands.ts';
import type { ResourceCommandType } from './commands.ts';

// The request bodies are the HTTP contract: closed objects, integer fen, the ranges the deciders enforce.
const weights = { partyBuilding: 30, theoryResearch: 20, professionalValue: 30, serviceScenarios: 20 };
const scores = { partyBuilding: 80, theoryResearch: 70, professionalValue: 90, serviceScenarios: 60 };
const valid: Record<ResourceCommandType, Record<string, unknown>> = {
  openPool: { name: '2025 incubation venture', field: 'new-employment-groups' },
  contributeFunds: { amountFen: 40_000_000 },
  openCall: {
    poolId: 'pool-1',
    field: 'new-employment-groups',
    budgetFen: 80_000_000,
    opensAt: '2025-04-01T00:00:00+08:00',
    closesAt: '2025-05-01T00:00:00+08:00',
    weights,
  },
  submitApplication: { applicantOrganisationId: 'org-1', field: 'new-employment-groups', title: 'Riders’ station', requestedFen: 30_000_000 },
  scoreApplication: { reviewerId: 'reviewer-1', scores },
  awardGrant: { amountFen: 25_000_000, endsAt: '2025-12-31T16:00:00Z' },
  disburseGrant: { trancheFen: 10_000_000 },
  revokeGrant: { reason: 'project abandoned' },
  issuePolicy: { kind: 'service-standard', fields: ['new-employment-groups'], title: 'Service standard for riders’ stations' },
};

describe('resources command bodies', () => {
  it.each(RESOURCE_COMMAND_TYPES)('%s accepts a valid body', (type) => {
    expect(resourceCommandBodies[type].safeParse(valid[type]).success).toBe(true);
  });
  it.each(RESOURCE_COMMAND_TYPES)('%s refuses unknown keys, such as an acting department smuggled into the body', (type) => {
    expect(resourceCommandBodies[type].safeParse({ ...valid[type], actor: 'social-work' }).success).toBe(false);
  });
  it('the contributor and the sponsor may be named, as department ids', () => {
    expect(resourceCommandBodies.contributeFunds.safeParse({ amountFen: 1, department: 'civil-affairs' }).success).toBe(true);
    expect(resourceCommandBodies.contributeFunds.safeParse({ amountFen: 1, department: 'Civil Affairs' }).success).toBe(false);
    expect(resourceCommandBodies.submitApplication.safeParse({ ...valid.submitApplication, sponsoringDepartment: 'civil-affairs' }).success).toBe(true);
  });
  it.each([
    ['contributeFunds', { amountFen: -100 }],
    ['contributeFunds', { amountFen: 0 }],
    ['contributeFunds', { amountFen: 100.5 }],
    ['contributeFunds', { amountFen: '100' }],
    ['contributeFunds', { amountFen: 1e12 + 1 }],
    ['contributeFunds', {}],
    ['openPool', { name: '' }],
    ['openCall', { ...valid.openCall, budgetFen: -1 }],
    ['openCall', { ...valid.openCall, weights: { ...weights, serviceScenarios: 25 } }],
    ['openCall', { ...valid.openCall, weights: { ...weights, serviceScenarios: 20.5, professionalValue: 29.5 } }],
    ['openCall', { ...valid.openCall, weights: { partyBuilding: 50, theoryResearch: 50 } }],
    ['openCall', { ...valid.openCall, opensAt: '2025-04-01' }],
    ['submitApplication', { ...valid.submitApplication, requestedFen: 0.5 }],
    ['submitApplication', { ...valid.submitApplication, title: '   ' }],
    ['scoreApplication', { reviewerId: 'reviewer-1', scores: { ...scores, partyBuilding: 101 } }],
    ['scoreApplication', { reviewerId: 'reviewer-1', scores: { ...scores, theoryResearch: -1 } }],
    ['scoreApplication', { reviewerId: 'reviewer-1', scores: { ...scores, serviceScenarios: 59.5 } }],
    ['scoreApplication', { reviewerId: 'reviewer-1', scores, weightedScore: 77 }],
    ['scoreApplication', { reviewerId: 'reviewer 1', scores }],
    ['awardGrant', { amountFen: 25_000_000 }],
    ['awardGrant', { amountFen: -25_000_000, endsAt: '2025-12-31T16:00:00Z' }],
    ['disburseGrant', { trancheFen: 0 }],
    ['revokeGrant', {}],
    ['issuePolicy', { ...valid.issuePolicy, kind: 'subsidy' }],
    ['issuePolicy', { ...valid.issuePolicy, fields: [] }],
  ] as const)('%s refuses %j', (type, body) => {
    expect(resourceCommandBodies[type].safeParse(body).success).toBe(false);
  });
  it('names the weights when they do not sum to 100', () => {
    const result = OpenCallBody.safeParse({ ...valid.openCall, weights: { ...weights, serviceScenarios: 25 } });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['weights']);
  });
});
