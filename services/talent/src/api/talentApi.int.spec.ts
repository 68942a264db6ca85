import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATING, FIELD, OTHER, OTHER_FIELD, SELF } from '../domain/testing/talentFixtures.ts';
import { startTalentApiFixture } from './testing/talentApiFixture.ts';
import type { ApiAnswer, TalentApiFixture } from './testing/talentApiFixture.ts';
import { registration } from './testing/people.ts';

const START = new Date('2025-04-01T09:00:00.000Z');
let api: TalentApiFixture;
beforeAll(async () => {
  api = await startTalentApiFixture(START);
});
afterAll(async () => api.close());

const created = (answer: ApiAnswer): string => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return String(answer.body.id);
};
const person = async (overrides: Record<string, unknown> = {}, as = SELF) =>
  created(await api.call('POST', '/people', { as, body: registration(overrides) }));
const policy = async (body: Record<string, unknown>, as = SELF) => created(await api.call('POST', '/incentive-policies', { as, body }));

describe('tiered selection', () => {
  it('opens a round, takes nominations, records results after it closes; a tier is not skipped without a reason', async () => {
    api.clock.now = START;
    const [entrant, leaper] = [await person(), await person()];
    const roundId = created(await api.call('POST', '/selection-rounds', { as: COORDINATING, body: { field: FIELD, tier: 'entry', closesAt: '2025-04-15T00:00:00Z' } }));
    expect(roundId).toMatch(/^talent-selection-round-/);
    for (const personId of [entrant, leaper]) {
      const nominated = await api.call('POST', `/selection-rounds/${roundId}/nominations`, { as: OTHER, body: { personId } });
      expect(nominated.status).toBe(200);
    }
    const early = await api.call('POST', `/people/${entrant}/tier`, { as: COORDINATING, body: { roundId, tier: 'entry' } });
    expect(early.body.rule).toBe('selection-round-still-open');

    api.clock.now = new Date('2025-04-16T09:00:00.000Z');
    expect((await api.call('POST', `/people/${entrant}/tier`, { as: COORDINATING, body: { roundId, tier: 'entry' } })).status).toBe(200);
    expect((await api.call('GET', `/people/${entrant}`, { as: OTHER })).body.state).toMatchObject({ tier: 'entry', selectionRounds: [roundId] });

    const leading = created(await api.call('POST', '/selection-rounds', { as: COORDINATING, body: { field: FIELD, tier: 'leading', closesAt: '2025-04-20T00:00:00Z' } }));
    await api.call('POST', `/selection-rounds/${leading}/nominations`, { as: SELF, body: { personId: leaper } });
    api.clock.now = new Date('2025-04-21T09:00:00.000Z');
    const skipped = await api.call('POST', `/people/${leaper}/tier`, { as: COORDINATING, body: { roundId: leading, tier: 'leading' } });
    expect(skipped.status).toBe(409);
    expect(skipped.body.rule).toBe('tier-cannot-be-skipped');
    const withReason = { roundId: leading, tier: 'leading', skippedTierReason: 'Led the 2024 flood relief volunteers' };
    expect((await api.call('POST', `/people/${leaper}/tier`, { as: COORDINATING, body: withReason })).status).toBe(200);

    const round = await api.call('GET', `/selection-rounds/${roundId}`, { as: SELF });
    expect(round.body).toMatchObject({ id: roundId, version: 3, state: { field: FIELD, tier: 'entry', nominations: [{ personId: entrant, nominatedBy: OTHER }, { personId: leaper, nominatedBy: OTHER }] } });
  });
});

describe('incentives, common + classified', () => {
  it('grants only under a policy covering the person’s sector, within its budget; the policy’s stream records it', async () => {
    const [student, neighbour] = [await person({ sector: 'university' }), await person({ sector: 'community' })];
    const id = await policy({ scope: 'classified', sectors: ['university', 'social-organisation'], budgetFen: 100_000 });
    const before = await api.written();
    const refused = await api.call('POST', `/people/${neighbour}/incentives`, { as: SELF, body: { policyId: id, amountFen: 5_000 } });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.rule).toBe('policy-does-not-cover-sector');
    expect(await api.written()).toEqual(before);

    const grant = await api.call('POST', `/people/${student}/incentives`, { as: SELF, body: { policyId: id, amountFen: 60_000 } });
    expect(grant.body).toEqual({ id, version: 2, eventIds: [expect.any(String)] });
    const over = await api.call('POST', `/people/${student}/incentives`, { as: SELF, body: { policyId: id, amountFen: 40_001 } });
    expect(over.body.rule).toBe('incentive-exceeds-budget');
    const stale = await api.call('POST', `/people/${student}/incentives`, { as: SELF, body: { policyId: id, amountFen: 1 }, ifMatch: '1' });
    expect(stale.body.rule).toBe('stale-expected-version');

    const common = await policy({ scope: 'common', budgetFen: 10_000 }, OTHER);
    expect((await api.call('POST', `/people/${neighbour}/incentives`, { as: OTHER, body: { policyId: common, amountFen: 10_000 } })).status).toBe(200);
    expect((await api.call('GET', `/incentive-policies/${id}`, { as: COORDINATING })).body.state).toMatchObject({ grantedFen: 60_000, grants: 1, issuedBy: SELF });
    expect((await api.call('GET', `/incentive-policies/${common}/history`, { as: SELF })).body.events).toHaveLength(2);
  });
});

describe('training, practice bases and the think tank', () => {
  it('records courses and certifications, designates practice bases, appoints experts who write advice notes', async () => {
    const expert = await person({ kind: 'expert', sector: 'university', fields: [FIELD, OTHER_FIELD] });
    expect((await api.call('POST', `/people/${expert}/trainings`, { as: SELF, body: { courseId: 'supervision-301', hours: 24.5 } })).status).toBe(200);
    expect((await api.call('POST', `/people/${expert}/certifications`, { as: COORDINATING, body: { certification: 'senior-social-worker' } })).status).toBe(200);
    const baseId = created(await api.call('POST', '/practice-bases', { as: COORDINATING, body: { universityOrgId: 'swust', fields: [FIELD] } }));
    expect((await api.call('GET', `/practice-bases/${baseId}`, { as: OTHER })).body.state).toMatchObject({ universityOrgId: 'swust', fields: [FIELD] });

    const appointed = await api.call('POST', '/think-tank/members', { as: COORDINATING, body: { personId: expert } });
    expect(appointed.body).toEqual({ id: expert, version: 4, eventIds: [expect.any(String)] });
    const noteId = created(await api.call('POST', '/think-tank/notes', { as: SELF, body: { memberId: expert, field: OTHER_FIELD, titleRef: 'doc-2025-017' } }));
    expect((await api.call('GET', `/think-tank/notes/${noteId}`, { as: OTHER })).body.state).toMatchObject({ memberId: expert, field: OTHER_FIELD });
    expect((await api.call('GET', `/people/${expert}`, { as: OTHER })).body.state).toMatchObject({
      courses: ['supervision-301'],
      trainingHours: 24.5,
      certifications: ['senior-social-worker'],
      thinkTankMember: true,
    });
  });
});

describe('authorization over HTTP (the table in domain/authorization.ts)', () => {
  it('refuses each command to a department outside its roles with 403 and the rule, writing nothing', async () => {
    const someone = await person();
    const expert = await person({ kind: 'expert' });
    const selfPolicy = await policy({ scope: 'common', budgetFen: 1_000 });
    const refusals: [string, string, string, unknown, string][] = [
      [OTHER, 'POST', `/people/${someone}/trainings`, { courseId: 'c-1', hours: 1 }, 'only-registrar-or-coordinating-records-training'],
      [OTHER, 'POST', `/people/${someone}/service-hours`, { field: FIELD, hours: 1, servedOn: '2025-03-31' }, 'only-registrar-or-coordinating-logs-hours'],
      [SELF, 'POST', `/people/${someone}/certifications`, { certification: 'c-1' }, 'only-coordinating-certifies'],
      [COORDINATING, 'POST', `/people/${someone}/incentives`, { policyId: selfPolicy, amountFen: 1 }, 'only-issuer-grants-under-policy'],
      [SELF, 'POST', '/selection-rounds', { field: FIELD, tier: 'entry', closesAt: '2026-01-01T00:00:00Z' }, 'only-coordinating-opens-selection-rounds'],
      [SELF, 'POST', '/practice-bases', { universityOrgId: 'swust', fields: [FIELD] }, 'only-coordinating-designates-practice-bases'],
      [SELF, 'POST', '/think-tank/members', { personId: expert }, 'only-coordinating-appoints-think-tank-members'],
    ];
    for (const [as, method, path, body, rule] of refusals) {
      const before = await api.written();
      const answer = await api.call(method, path, { as, body });
      expect([answer.status, answer.body.rule], path).toEqual([403, rule]);
      expect(await api.written()).toEqual(before);
    }
  });

  it('asks for a credential (401)', async () => {
    expect((await api.call('POST', '/people', { body: registration() })).status).toBe(401);
    expect((await api.call('GET', '/people/talent-person-x')).status).toBe(401);
  });
});
