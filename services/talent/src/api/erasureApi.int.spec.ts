import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { verifyChain } from '@backbone/eventsourcing';
import { evolvePerson, initialPersonState } from '../domain/person/personState.ts';
import type { PersonEvent } from '../domain/person/personState.ts';
import { COORDINATING, FIELD, OTHER, SELF } from '../domain/testing/talentFixtures.ts';
import { startTalentApiFixture } from './testing/talentApiFixture.ts';
import type { TalentApiFixture } from './testing/talentApiFixture.ts';
import { registration } from './testing/people.ts';

// Issue #5: an erasure request removes the personal data while the event history stays
// valid and replayable.

let api: TalentApiFixture;
beforeAll(async () => {
  api = await startTalentApiFixture(new Date('2025-04-01T09:00:00.000Z'));
});
afterAll(async () => api.close());

async function registeredWithRecord(body = registration()): Promise<string> {
  const id = String((await api.call('POST', '/people', { as: SELF, body })).body.id);
  expect((await api.call('POST', `/people/${id}/trainings`, { as: SELF, body: { courseId: 'case-work-101', hours: 16 } })).status).toBe(200);
  expect((await api.call('POST', `/people/${id}/service-hours`, { as: SELF, body: { field: FIELD, hours: 3.5, servedOn: '2025-03-31' } })).status).toBe(200);
  return id;
}

describe('erasing a person', () => {
  it('removes the personal data; the history stays valid and replays to the same state; GET no longer shows it', async () => {
    const body = registration();
    const id = await registeredWithRecord(body);
    expect(await api.personal.personalData.get(id)).toBeDefined();

    const erased = await api.call('POST', `/people/${id}/erasure`, { as: SELF, body: {} });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ id, version: 4, eventIds: [expect.any(String)] });
    expect(await api.personal.personalData.get(id)).toBeUndefined();

    for (const department of [SELF, COORDINATING]) {
      const read = await api.call('GET', `/people/${id}`, { as: department });
      expect(read.body).not.toHaveProperty('personalData');
      expect(read.body.state).toMatchObject({ status: 'erased', trainingHours: 16, serviceHours: 3.5 });
    }

    const history = await api.call('GET', `/people/${id}/history`, { as: SELF });
    const envelopes = history.body.events as Envelope[];
    expect(envelopes.map((e) => e.type.split('.')[3])).toEqual(['PersonRegistered', 'CourseCompleted', 'ServiceHoursLogged', 'PersonErased']);
    const logged = JSON.stringify(envelopes);
    for (const secret of [body.name, body.contact, body.identityNumber, body.externalId]) expect(logged).not.toContain(String(secret));

    // Valid: the hash chain holds and every event reads through the contracts. Replayable: it folds to what GET shows.
    expect(verifyChain(envelopes.map((envelope) => ({ stream: id, position: envelope.streamversion, envelope })))).toEqual({ ok: true, checked: 4 });
    const registry = createEventRegistry(allEventDefinitions);
    const replayed = envelopes
      .map((envelope) => registry.read(envelope))
      .map((read) => ({ type: registry.byType(read.type)?.name, data: read.data }) as PersonEvent)
      .reduce(evolvePerson, initialPersonState());
    expect(replayed).toEqual((await api.call('GET', `/people/${id}`, { as: OTHER })).body.state);
  });

  it('an erased person takes part in nothing new (409 person-erased) and may register again under a new id', async () => {
    const body = registration();
    const id = await registeredWithRecord(body);
    await api.call('POST', `/people/${id}/erasure`, { as: COORDINATING, body: {} });
    const refused = await api.call('POST', `/people/${id}/trainings`, { as: SELF, body: { courseId: 'ethics-201', hours: 4 } });
    expect(refused.status).toBe(409);
    expect(refused.body.rule).toBe('person-erased');

    const again = await api.call('POST', '/people', { as: SELF, body });
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(id);
  });

  it('a department that did not register the person may not erase it: nothing is removed', async () => {
    const id = await registeredWithRecord();
    const before = await api.written();
    const refused = await api.call('POST', `/people/${id}/erasure`, { as: OTHER, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.rule).toBe('only-registrar-or-coordinating-erases');
    expect(await api.written()).toEqual(before);
    expect(await api.personal.personalData.get(id)).toBeDefined();
  });

  it('a repeated erasure (409 person-already-erased) finishes one interrupted after its event was written', async () => {
    const id = await registeredWithRecord();
    await api.call('POST', `/people/${id}/erasure`, { as: SELF, body: {} });
    // As if the process had died between appending PersonErased and removing the record.
    await api.personal.personalData.put(id, { name: 'left behind' });
    const repeat = await api.call('POST', `/people/${id}/erasure`, { as: SELF, body: {} });
    expect(repeat.status).toBe(409);
    expect(repeat.body.rule).toBe('person-already-erased');
    expect(await api.personal.personalData.get(id)).toBeUndefined();
  });
});
