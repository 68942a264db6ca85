import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATING, FIELD, OTHER, OUTSIDER, SELF } from '../domain/testing/talentFixtures.ts';
import { hashExternalRef } from '../personalData/externalRef.ts';
import { startTalentApiFixture, TEST_KEY } from './testing/talentApiFixture.ts';
import type { ApiAnswer, TalentApiFixture } from './testing/talentApiFixture.ts';
import { registration } from './testing/people.ts';

let api: TalentApiFixture;
beforeAll(async () => {
  api = await startTalentApiFixture(new Date('2025-04-01T09:00:00.000Z'), { claimTimeoutMs: 60_000 });
});
afterAll(async () => api.close());

const register = (as: string, body = registration()) => api.call('POST', '/people', { as, body });
const expectProblem = (answer: ApiAnswer, status: number, rule?: string) => {
  expect(answer.contentType).toContain('application/problem+json');
  expect(answer.status).toBe(status);
  if (rule !== undefined) expect(answer.body.rule).toBe(rule);
};

describe('registering people', () => {
  it('answers 201 with the new person id; the profile is readable by every department of the plan', async () => {
    const body = registration({ kind: 'expert', sector: 'university' });
    const answer = await register(SELF, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.stringMatching(/^talent-person-[0-9a-f-]{36}$/), version: 1, eventIds: [expect.any(String)] });
    const id = String(answer.body.id);

    const byOther = await api.call('GET', `/people/${id}`, { as: OTHER });
    expect(byOther.status).toBe(200);
    expect(byOther.body).toMatchObject({ id, version: 1, state: { status: 'registered', kind: 'expert', sector: 'university', registeredBy: SELF } });
    expect(byOther.body).not.toHaveProperty('personalData');
    expectProblem(await api.call('GET', `/people/${id}`, { as: OUTSIDER }), 403, 'talent-readable-by-known-departments');
  });

  it('shows the personal data to the registering and the coordinating department only', async () => {
    const body = registration({ contact: undefined });
    const id = String((await register(SELF, body)).body.id);
    for (const department of [SELF, COORDINATING]) {
      const read = await api.call('GET', `/people/${id}`, { as: department });
      expect(read.body.personalData).toStrictEqual({ name: body.name, identityNumber: body.identityNumber });
    }
  });

  it('keeps personal data out of every event: the history names the person by id and a keyed hash', async () => {
    const body = registration();
    const id = String((await register(SELF, body)).body.id);
    const history = await api.call('GET', `/people/${id}/history`, { as: SELF });
    expect(history.body.events).toHaveLength(1);
    const logged = JSON.stringify(history.body);
    for (const secret of [body.name, body.contact, body.identityNumber, body.externalId]) expect(logged).not.toContain(String(secret));
    expect(logged).toContain(hashExternalRef(String(body.externalId), TEST_KEY));
  });

  it('answers 404 for an unknown person and for an id of another kind', async () => {
    expectProblem(await api.call('GET', '/people/talent-person-nobody', { as: SELF }), 404, 'person-not-found');
    expectProblem(await api.call('GET', '/people/talent-incentive-policy-x/history', { as: SELF }), 404, 'person-not-found');
    expectProblem(await api.call('POST', '/people/task-1/trainings', { as: SELF, body: { courseId: 'c-1', hours: 2 } }), 404, 'person-not-found');
  });
});

describe('issue #5 bad input: problem+json, nothing written (events and personal data)', () => {
  async function expectNothingWritten(send: () => Promise<ApiAnswer>, status: number, rule?: string) {
    const before = await api.written();
    expectProblem(await send(), status, rule);
    expect(await api.written()).toEqual(before);
  }

  it('an unknown sector (400 unknown-sector)', async () => {
    await expectNothingWritten(() => register(SELF, registration({ sector: 'guild' })), 400, 'unknown-sector');
  });

  it('an unknown kind or field (400)', async () => {
    await expectNothingWritten(() => register(SELF, registration({ kind: 'celebrity' })), 400, 'unknown-kind');
    await expectNothingWritten(() => register(SELF, registration({ fields: ['astrology'] })), 400, 'unknown-field');
  });

  it('an unknown tier (400 unknown-tier), for a result and for a round', async () => {
    const id = String((await register(SELF)).body.id);
    await expectNothingWritten(
      () => api.call('POST', `/people/${id}/tier`, { as: COORDINATING, body: { roundId: 'talent-selection-round-x', tier: 'grandmaster' } }),
      400,
      'unknown-tier',
    );
    await expectNothingWritten(
      () => api.call('POST', '/selection-rounds', { as: COORDINATING, body: { field: FIELD, tier: 'grandmaster', closesAt: '2025-05-01T00:00:00Z' } }),
      400,
      'unknown-tier',
    );
  });

  it('negative or zero hours (400), for service hours and trainings', async () => {
    const id = String((await register(SELF)).body.id);
    await expectNothingWritten(() => api.call('POST', `/people/${id}/service-hours`, { as: SELF, body: { field: FIELD, hours: -2, servedOn: '2025-03-31' } }), 400);
    await expectNothingWritten(() => api.call('POST', `/people/${id}/trainings`, { as: SELF, body: { courseId: 'ethics-101', hours: 0 } }), 400);
  });

  it('a duplicate registration: the same external id, however spaced or cased (409 person-already-registered)', async () => {
    const first = registration({ externalId: `51070119900101${Date.now()}x` });
    expect((await register(SELF, first)).status).toBe(201);
    await expectNothingWritten(
      () => register(OTHER, registration({ externalId: ` ${String(first.externalId).toUpperCase()} `, name: 'Someone else' })),
      409,
      'person-already-registered',
    );
  });

  it('an outsider registering (403), and a stale If-Match (409): the claim of the external id is released', async () => {
    const body = registration();
    await expectNothingWritten(() => register(OUTSIDER, body), 403, 'only-known-departments-register-people');
    await expectNothingWritten(() => api.call('POST', '/people', { as: SELF, body, ifMatch: '3' }), 409, 'stale-expected-version');
    expect((await register(SELF, body)).status).toBe(201);
  });
});

describe('one person, one registration', () => {
  it('two simultaneous registrations of the same person: exactly one is written', async () => {
    const before = await api.written();
    const body = registration();
    const answers = await Promise.all([register(SELF, body), register(OTHER, { ...body, name: 'Twin' }), register(COORDINATING, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(await api.written()).toEqual({ events: before.events + 1, personalRecords: before.personalRecords + 1, externalRefs: before.externalRefs + 1 });
  });

  it('a pending claim younger than the timeout is a registration in flight (409, retryable); an older one is taken over', async () => {
    const body = registration();
    const hash = hashExternalRef(String(body.externalId), TEST_KEY);
    expect(await api.personal.externalRefs.claim(hash, 'talent-person-in-flight', api.clock.now)).toBe(true);
    const refused = await register(SELF, body);
    expectProblem(refused, 409, 'person-registration-in-flight');

    // The registration that claimed it died before writing: after the timeout the claim is stale.
    await api.personal.externalRefs.release(hash, 'talent-person-in-flight');
    await api.personal.externalRefs.claim(hash, 'talent-person-died', new Date(api.clock.now.getTime() - 61_000));
    const taken = await register(SELF, body);
    expect(taken.status).toBe(201);
    expect(await api.personal.externalRefs.holder(hash)).toMatchObject({ personId: taken.body.id, state: 'registered' });
  });

  it('an Idempotency-Key repeat answers the first registration and writes nothing', async () => {
    const body = registration();
    const first = await api.call('POST', '/people', { as: SELF, body, idempotencyKey: 'register-once' });
    const before = await api.written();
    const repeat = await api.call('POST', '/people', { as: SELF, body, idempotencyKey: 'register-once' });
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(await api.written()).toEqual(before);
  });
});
