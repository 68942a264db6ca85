import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSES, COORDINATING, ENDS, FIELD, OPENS, REVIEWER_DEPARTMENT, SCORES, SPONSOR, WEIGHTS, startResourcesApiFixture } from './testing/resourcesApiFixture.ts';
import type { Problem, ResourcesApiFixture } from './testing/resourcesApiFixture.ts';

type Answer = { id: string; version: number; eventIds: string[] };

describe('resources API over a SQLite event store', () => {
  let api: ResourcesApiFixture;
  beforeAll(async () => {
    api = await startResourcesApiFixture();
  });
  afterAll(async () => {
    await api.close();
  });

  it('runs a venture end to end: pool, contributions, call, application, scores, award, tranches, revocation, policy', async () => {
    const pool = await api.post<Answer>('/pools', COORDINATING, { name: '2025 incubation venture' });
    expect(pool.status).toBe(201);
    expect(pool.body).toMatchObject({ id: expect.stringMatching(/^pool-/), version: 1, eventIds: [expect.any(String)] });
    const poolId = pool.body.id;
    expect((await api.post(`/pools/${poolId}/contributions`, COORDINATING, { amountFen: 60_000_000 })).status).toBe(200);
    expect((await api.post(`/pools/${poolId}/contributions`, SPONSOR, { amountFen: 40_000_000, department: SPONSOR })).body).toMatchObject({ version: 3 });

    const call = await api.post<Answer>('/calls', COORDINATING, { poolId, field: FIELD, budgetFen: 80_000_000, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({ id: expect.stringMatching(new RegExp(`^${poolId}\\.call-`)), version: 4 });
    const callId = call.body.id;

    const submitted = await api.post<Answer>(`/calls/${callId}/applications`, SPONSOR, {
      applicantOrganisationId: 'org-91510700MA6XXXX',
      field: FIELD,
      title: 'Volunteer mentors for tech start-ups',
      requestedFen: 30_000_000,
    });
    expect(submitted.status).toBe(201);
    const applicationId = submitted.body.id;
    expect(applicationId).toMatch(/^application-/);
    await api.post(`/applications/${applicationId}/scores`, REVIEWER_DEPARTMENT, { reviewerId: 'reviewer-1', scores: SCORES });
    const scored = await api.post<Answer>(`/applications/${applicationId}/scores`, COORDINATING, {
      reviewerId: 'reviewer-2',
      scores: { partyBuilding: 60, theoryResearch: 50, professionalValue: 70, serviceScenarios: 40 },
    });
    expect(scored.body.version).toBe(3);

    const application = await api.get<{ state: { reviewCount: number; weightedScore: number } }>(`/applications/${applicationId}`, 'department-4');
    // (30·80 + 20·70 + 30·90 + 20·60) / 100 = 77; (30·60 + 20·50 + 30·70 + 20·40) / 100 = 57; mean 67.
    expect(application.body.state).toMatchObject({ reviewCount: 2, weightedScore: 67, sponsoringDepartment: SPONSOR });

    const award = await api.post<Answer>(`/applications/${applicationId}/award`, COORDINATING, { amountFen: 25_000_000, endsAt: ENDS }, { 'if-match': '4' });
    expect(award.status).toBe(201);
    expect(award.body).toMatchObject({ id: expect.stringMatching(new RegExp(`^${poolId}\\.grant-`)), version: 5 });
    const grantId = award.body.id;
    expect((await api.post(`/grants/${grantId}/disbursements`, COORDINATING, { trancheFen: 10_000_000 })).body).toMatchObject({ id: grantId, version: 6 });
    expect((await api.post(`/grants/${grantId}/revoke`, COORDINATING, { reason: 'project abandoned' })).status).toBe(200);

    const grant = await api.get<{ poolId: string; version: number; state: Record<string, unknown> }>(`/grants/${grantId}`, SPONSOR);
    expect(grant.body).toMatchObject({ poolId, version: 7, state: { status: 'revoked', disbursedFen: 10_000_000, returnedFen: 15_000_000, undisbursedFen: 0 } });
    const poolState = await api.get<{ version: number; state: Record<string, unknown> }>(`/pools/${poolId}`, SPONSOR);
    expect(poolState.body).toMatchObject({
      version: 7,
      state: { contributedFen: 100_000_000, reservedFen: 80_000_000, committedFen: 10_000_000, disbursedFen: 10_000_000, availableFen: 20_000_000 },
    });
    const callState = await api.get<{ state: Record<string, unknown> }>(`/calls/${callId}`, SPONSOR);
    expect(callState.body.state).toMatchObject({ budgetFen: 80_000_000, awardedFen: 10_000_000, remainingFen: 70_000_000 });

    const history = async (path: string) =>
      (await api.get<{ events: { type: string }[] }>(path, SPONSOR)).body.events.map((e) => e.type.split('.')[3]);
    expect(await history(`/pools/${poolId}/history`)).toEqual([
      'FundPoolOpened', 'FundsContributed', 'FundsContributed', 'IncubationCallOpened', 'GrantAwarded', 'GrantDisbursed', 'GrantRevoked',
    ]);
    expect(await history(`/grants/${grantId}/history`)).toEqual(['GrantAwarded', 'GrantDisbursed', 'GrantRevoked']);
    expect(await history(`/calls/${callId}/history`)).toEqual(['IncubationCallOpened', 'GrantAwarded', 'GrantDisbursed', 'GrantRevoked']);
    expect(await history(`/applications/${applicationId}/history`)).toEqual(['ApplicationSubmitted', 'ApplicationScored', 'ApplicationScored']);

    await api.project();
    const ranking = await api.get<{ ranking: unknown[] }>(`/calls/${callId}/ranking`, SPONSOR);
    expect(ranking.body.ranking).toEqual([{ applicationId, reviewCount: 2, weightedScore: 67, rank: 1 }]);

    const policy = await api.post<Answer>('/policies', REVIEWER_DEPARTMENT, { kind: 'service-standard', fields: [FIELD], title: 'Volunteer service hours standard' });
    expect(policy.status).toBe(201);
    expect((await api.get(`/policies/${policy.body.id}`, SPONSOR)).body).toMatchObject({ version: 1, state: { kind: 'service-standard', issuedBy: REVIEWER_DEPARTMENT } });
  });

  it('answers a repeated Idempotency-Key with the first answer (the same grant id) and writes nothing', async () => {
    const { applicationId } = await api.venture();
    const key = { 'idempotency-key': `award-${applicationId}` };
    const first = await api.post<Answer>(`/applications/${applicationId}/award`, COORDINATING, { amountFen: 1_000, endsAt: ENDS }, key);
    const head = await api.head();
    const again = await api.post<Answer>(`/applications/${applicationId}/award`, COORDINATING, { amountFen: 1_000, endsAt: ENDS }, key);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await api.head()).toBe(head);
  });

  describe('bad input: problem+json, and nothing written', () => {
    async function refused(send: () => Promise<{ status: number; contentType: string; body: unknown }>, status: number, rule?: string) {
      const head = await api.head();
      const answer = await send();
      expect(answer.contentType).toContain('application/problem+json');
      expect(answer.status).toBe(status);
      if (rule !== undefined) expect((answer.body as Problem).rule).toBe(rule);
      expect(await api.head()).toBe(head);
      return answer.body as Problem;
    }

    it.each([-100, 0, 1.5, 0.01, '100', 1e13, null])('refuses the contribution amount %j (400, with the path)', async (amountFen) => {
      const { poolId } = await api.venture();
      const problem = await refused(() => api.post(`/pools/${poolId}/contributions`, SPONSOR, { amountFen }), 400);
      expect(problem.issues?.map((i) => i.path)).toContain('body.amountFen');
    });

    it.each([
      ['budgetFen', { budgetFen: -5 }],
      ['budgetFen', { budgetFen: 2.5 }],
    ])('refuses a call whose %s is not a positive whole number of fen (400)', async (path, change) => {
      const { poolId } = await api.venture();
      const body = { poolId, field: FIELD, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS, ...change };
      const problem = await refused(() => api.post('/calls', COORDINATING, body), 400);
      expect(problem.issues?.map((i) => i.path)).toContain(`body.${path}`);
    });

    it.each([-1, 2.5, 'lots'])('refuses the amount %j in an award and in a tranche (400)', async (amount) => {
      const { applicationId } = await api.venture();
      await refused(() => api.post(`/applications/${applicationId}/award`, COORDINATING, { amountFen: amount, endsAt: ENDS }), 400);
      const { id: grantId } = await api.commands.awardGrant(applicationId, { amountFen: 1_000, endsAt: ENDS }, { actor: COORDINATING });
      await refused(() => api.post(`/grants/${grantId}/disbursements`, COORDINATING, { trancheFen: amount }), 400);
    });

    it('refuses an award above the request or above what the call has left (409)', async () => {
      const { callId, applicationId } = await api.venture({ budgetFen: 20_000_000, requestedFen: 20_000_000 });
      await refused(() => api.post(`/applications/${applicationId}/award`, COORDINATING, { amountFen: 20_000_001, endsAt: ENDS }), 409, 'award-within-requested-amount');
      await api.commands.awardGrant(applicationId, { amountFen: 15_000_000, endsAt: ENDS }, { actor: COORDINATING });
      const second = await api.commands.submitApplication(
        callId,
        { applicantOrganisationId: 'org-2', field: FIELD, title: 'Second', requestedFen: 10_000_000 },
        { actor: SPONSOR },
      );
      await api.commands.scoreApplication(second.id, { reviewerId: 'reviewer-1', scores: SCORES }, { actor: REVIEWER_DEPARTMENT });
      // The pool (100 000 000 fen) and the request could cover it; the call's remaining 5 000 000 fen cannot.
      await refused(() => api.post(`/applications/${second.id}/award`, COORDINATING, { amountFen: 5_000_001, endsAt: ENDS }), 409, 'award-within-call-budget');
      expect((await api.post(`/applications/${second.id}/award`, COORDINATING, { amountFen: 5_000_000, endsAt: ENDS })).status).toBe(201);
      await refused(() => api.post(`/applications/${second.id}/award`, COORDINATING, { amountFen: 1, endsAt: ENDS }), 409, 'application-awarded-once');
    });

    it('refuses a tranche beyond the award (disbursement-within-award, 409)', async () => {
      const { applicationId } = await api.venture();
      const { id: grantId } = await api.commands.awardGrant(applicationId, { amountFen: 1_000, endsAt: ENDS }, { actor: COORDINATING });
      await refused(() => api.post(`/grants/${grantId}/disbursements`, COORDINATING, { trancheFen: 1_001 }), 409, 'disbursement-within-award');
    });

    it('refuses a reviewer who scores twice (reviewer-scores-once, 409)', async () => {
      const { applicationId } = await api.venture();
      await refused(() => api.post(`/applications/${applicationId}/scores`, REVIEWER_DEPARTMENT, { reviewerId: 'reviewer-1', scores: SCORES }), 409, 'reviewer-scores-once');
    });

    it.each([
      { partyBuilding: 101, theoryResearch: 50, professionalValue: 50, serviceScenarios: 50 },
      { partyBuilding: 50, theoryResearch: -1, professionalValue: 50, serviceScenarios: 50 },
      { partyBuilding: 50, theoryResearch: 50, professionalValue: 50.5, serviceScenarios: 50 },
      { partyBuilding: 50, theoryResearch: 50, professionalValue: 50 },
      { partyBuilding: 50, theoryResearch: 50, professionalValue: 50, serviceScenarios: 50, weightedScore: 50 },
    ])('refuses scores out of range or not the four criteria: %j (400)', async (scores) => {
      const { applicationId } = await api.venture();
      const problem = await refused(() => api.post(`/applications/${applicationId}/scores`, REVIEWER_DEPARTMENT, { reviewerId: 'reviewer-2', scores }), 400);
      expect(problem.issues?.every((i) => i.path.startsWith('body.scores'))).toBe(true);
    });

    it('refuses an application to a call that has closed, or not opened yet (call-not-open, 409)', async () => {
      const { callId } = await api.venture();
      const body = { applicantOrganisationId: 'org-late', field: FIELD, title: 'Late', requestedFen: 1_000 };
      const now = api.clock.now;
      try {
        api.clock.now = new Date(CLOSES);
        await refused(() => api.post(`/calls/${callId}/applications`, SPONSOR, body), 409, 'call-not-open');
        api.clock.now = new Date(Date.parse(OPENS) - 1);
        await refused(() => api.post(`/calls/${callId}/applications`, SPONSOR, body), 409, 'call-not-open');
      } finally {
        api.clock.now = now;
      }
    });

    it('refuses a contribution for another department (department-contributes-only-own-funds, 403)', async () => {
      const { poolId } = await api.venture();
      await refused(() => api.post(`/pools/${poolId}/contributions`, SPONSOR, { amountFen: 500, department: REVIEWER_DEPARTMENT }), 403, 'department-contributes-only-own-funds');
    });

    it('answers 404 for ids that name nothing, or another kind of aggregate, never 500', async () => {
      const { poolId, callId, applicationId } = await api.venture();
      await refused(() => api.post('/pools/pool-missing/contributions', SPONSOR, { amountFen: 5 }), 404, 'pool-not-found');
      await refused(() => api.post(`/pools/${applicationId}/contributions`, SPONSOR, { amountFen: 5 }), 404, 'pool-not-found');
      await refused(() => api.post(`/applications/${poolId}/scores`, REVIEWER_DEPARTMENT, { reviewerId: 'r', scores: SCORES }), 404, 'application-not-found');
      await refused(() => api.post(`/applications/${poolId}/award`, COORDINATING, { amountFen: 5, endsAt: ENDS }), 404, 'application-not-found');
      await refused(() => api.post(`/calls/${poolId}/applications`, SPONSOR, { applicantOrganisationId: 'o', field: FIELD, title: 't', requestedFen: 5 }), 404, 'call-not-found');
      await refused(() => api.post(`/calls/${callId}x/applications`, SPONSOR, { applicantOrganisationId: 'o', field: FIELD, title: 't', requestedFen: 5 }), 404, 'call-not-found');
      await refused(() => api.post(`/grants/${poolId}.grant-none/disbursements`, COORDINATING, { trancheFen: 5 }), 404, 'grant-not-found');
      await refused(() => api.post('/calls', COORDINATING, { poolId: applicationId, field: FIELD, budgetFen: 5, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS }), 404, 'pool-not-found');
      for (const path of [`/pools/${applicationId}`, `/applications/${poolId}`, `/calls/${poolId}`, `/grants/${callId}`, `/policies/${poolId}/history`, '/pools/pool-none']) {
        const answer = await api.get<Problem>(path, SPONSOR);
        expect([path, answer.status]).toEqual([path, 404]);
      }
    });

    it('refuses a stale If-Match (stale-expected-version, 409) and a malformed one (400)', async () => {
      const { poolId } = await api.venture();
      await refused(() => api.post(`/pools/${poolId}/contributions`, SPONSOR, { amountFen: 5 }, { 'if-match': '3' }), 409, 'stale-expected-version');
      await refused(() => api.post(`/pools/${poolId}/contributions`, SPONSOR, { amountFen: 5 }, { 'if-match': 'soon' }), 400);
    });

    it('refuses weights that do not sum to 100 and a window that has closed (400)', async () => {
      const { poolId } = await api.venture();
      const body = { poolId, field: FIELD, budgetFen: 1_000, opensAt: OPENS, closesAt: CLOSES, weights: { ...WEIGHTS, partyBuilding: 31 } };
      await refused(() => api.post('/calls', COORDINATING, body), 400);
      await refused(() => api.post('/calls', COORDINATING, { ...body, weights: WEIGHTS, opensAt: '2025-03-01T00:00:00Z', closesAt: '2025-04-01T00:00:00Z' }), 400, 'call-closes-in-past');
    });
  });

  it('documents every route in /openapi.json, from the same zod schemas', async () => {
    const document = (await (await fetch(`${api.app.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/pools', '/pools/{id}/contributions', '/calls', '/calls/{id}/applications', '/calls/{id}/ranking', '/applications/{id}/scores', '/applications/{id}/award', '/grants/{id}/disbursements', '/grants/{id}/revoke', '/policies', '/grants/{id}/history']) {
      expect(Object.keys(document.paths)).toContain(`/api/resources${path}`);
    }
  });

  it('refuses reads to a credential whose department is not in the directory (403)', async () => {
    const { poolId } = await api.venture();
    const answer = await api.get<Problem>(`/pools/${poolId}`, 'department-99');
    expect([answer.status, answer.body.rule]).toEqual([403, 'reader-is-known-department']);
  });
});
