import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRANGER, UNRELATED } from '../domain/testing/resourceFixtures.ts';
import { CLOSES, COORDINATING, ENDS, FIELD, OPENS, REVIEWER_DEPARTMENT, SCORES, SPONSOR, WEIGHTS, startResourcesApiFixture } from './testing/resourcesApiFixture.ts';
import type { HttpAnswer, Problem, ResourcesApiFixture, Venture } from './testing/resourcesApiFixture.ts';

/** A venture with a grant awarded, and a second scored application not awarded yet. */
type Given = Venture & { readonly grantId: string; readonly secondApplicationId: string };
type Send = (api: ResourcesApiFixture, given: Given, department: string) => Promise<HttpAnswer>;

const commands: Record<string, Send> = {
  openPool: (api, _, d) => api.post('/pools', d, { name: 'Another pool' }),
  contributeOwnFunds: (api, g, d) => api.post(`/pools/${g.poolId}/contributions`, d, { amountFen: 100 }),
  contributeForSponsor: (api, g, d) => api.post(`/pools/${g.poolId}/contributions`, d, { amountFen: 100, department: SPONSOR }),
  openCall: (api, g, d) =>
    api.post('/calls', d, { poolId: g.poolId, field: FIELD, budgetFen: 100, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS }),
  submitApplication: (api, g, d) =>
    api.post(`/calls/${g.callId}/applications`, d, { applicantOrganisationId: 'org-9', field: FIELD, title: 'Care map', requestedFen: 100 }),
  submitForSponsor: (api, g, d) =>
    api.post(`/calls/${g.callId}/applications`, d, { applicantOrganisationId: 'org-9', sponsoringDepartment: SPONSOR, field: FIELD, title: 'Care map', requestedFen: 100 }),
  scoreApplication: (api, g, d) => api.post(`/applications/${g.applicationId}/scores`, d, { reviewerId: `reviewer-${d}`, scores: SCORES }),
  awardGrant: (api, g, d) => api.post(`/applications/${g.secondApplicationId}/award`, d, { amountFen: 100, endsAt: ENDS }),
  disburseGrant: (api, g, d) => api.post(`/grants/${g.grantId}/disbursements`, d, { trancheFen: 100 }),
  revokeGrant: (api, g, d) => api.post(`/grants/${g.grantId}/revoke`, d, { reason: 'withdrawn' }),
  issuePolicy: (api, _, d) => api.post('/policies', d, { kind: 'mechanism', fields: [FIELD], title: 'Joint review mechanism' }),
};

// [command, department, status, rule of the 403]: the table in the domain README, over HTTP.
const matrix: readonly [keyof typeof commands, string, number, string?][] = [
  ['openPool', COORDINATING, 201],
  ['openPool', SPONSOR, 403, 'only-coordinating-opens-pools'],
  ['openPool', STRANGER, 403, 'only-coordinating-opens-pools'],
  ['contributeOwnFunds', SPONSOR, 200],
  ['contributeOwnFunds', UNRELATED, 200],
  ['contributeOwnFunds', STRANGER, 403, 'department-contributes-only-own-funds'],
  ['contributeForSponsor', SPONSOR, 200],
  ['contributeForSponsor', COORDINATING, 403, 'department-contributes-only-own-funds'],
  ['openCall', COORDINATING, 201],
  ['openCall', SPONSOR, 403, 'only-coordinating-opens-calls'],
  ['submitApplication', REVIEWER_DEPARTMENT, 201],
  ['submitApplication', STRANGER, 403, 'department-sponsors-only-for-itself'],
  ['submitForSponsor', REVIEWER_DEPARTMENT, 403, 'department-sponsors-only-for-itself'],
  ['scoreApplication', UNRELATED, 200],
  ['scoreApplication', COORDINATING, 200],
  ['scoreApplication', SPONSOR, 403, 'reviewer-not-from-sponsoring-department'],
  ['scoreApplication', STRANGER, 403, 'reviewer-not-from-sponsoring-department'],
  ['awardGrant', COORDINATING, 201],
  ['awardGrant', SPONSOR, 403, 'only-coordinating-awards-grants'],
  ['awardGrant', REVIEWER_DEPARTMENT, 403, 'only-coordinating-awards-grants'],
  ['disburseGrant', COORDINATING, 200],
  ['disburseGrant', SPONSOR, 403, 'only-coordinating-disburses'],
  ['revokeGrant', COORDINATING, 200],
  ['revokeGrant', SPONSOR, 403, 'only-coordinating-revokes-grants'],
  ['issuePolicy', REVIEWER_DEPARTMENT, 201],
  ['issuePolicy', STRANGER, 403, 'only-known-department-issues-policies'],
];

describe('who may do what, over HTTP (resourceAuthorization)', () => {
  let api: ResourcesApiFixture;
  beforeAll(async () => {
    api = await startResourcesApiFixture();
  });
  afterAll(async () => {
    await api.close();
  });

  it.each(matrix)('%s by %s → %i %s', async (command, department, status, rule) => {
    const venture = await api.venture();
    const { id: grantId } = await api.commands.awardGrant(venture.applicationId, { amountFen: 1_000, endsAt: ENDS }, { actor: COORDINATING });
    const second = { applicantOrganisationId: 'org-8', field: FIELD, title: 'Second', requestedFen: 100 };
    const { id: secondApplicationId } = await api.commands.submitApplication(venture.callId, second, { actor: SPONSOR });
    await api.commands.scoreApplication(secondApplicationId, { reviewerId: 'reviewer-1', scores: SCORES }, { actor: REVIEWER_DEPARTMENT });
    const head = await api.head();
    const answer = await commands[command]!(api, { ...venture, grantId, secondApplicationId }, department);
    expect(answer.status).toBe(status);
    if (status === 403) {
      expect(answer.contentType).toContain('application/problem+json');
      expect((answer.body as unknown as Problem).rule).toBe(rule);
      expect(await api.head()).toBe(head);
    } else {
      expect(answer.body).toMatchObject({ id: expect.any(String), version: expect.any(Number), eventIds: [expect.any(String)] });
    }
  });

  it('refuses a request without a credential (401)', async () => {
    const response = await fetch(`${api.app.url}/api/resources/pools`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
