import { describe, expect, it } from 'vitest';
import { talentEvents } from '@backbone/contracts';
import { splitRegistration } from '../domain/commands.ts';
import { decidePerson, personDecider } from '../domain/person/personDecider.ts';
import type { PersonEvent, PersonState } from '../domain/person/personState.ts';
import { completeCourse, erasePerson, logServiceHours, recordResult, registerPerson, ROUND_ID, roundFacts } from '../domain/testing/talentFixtures.ts';
import { hashExternalRef } from './externalRef.ts';
import { createInMemoryPersonalDataStore } from './inMemoryPersonalDataStore.ts';

// Issue #5: an erasure request removes the personal data while the event history stays
// valid and replayable. The decider never sees personal data; the store holds it by id.

const body = {
  kind: 'social-worker',
  sector: 'community',
  fields: ['new-employment-groups'],
  externalId: '51070119900101123X',
  name: '王小明',
  contact: '+86 816 000 0000',
  identityNumber: '51070119900101123X',
};

const fold = (events: readonly PersonEvent[]): PersonState => events.reduce(personDecider.evolve, personDecider.initialState());

describe('erasure at the personal-data boundary', () => {
  it('removes the personal data; the history keeps no personal data, stays valid and replays', async () => {
    const store = createInMemoryPersonalDataStore();
    const { profile, externalId, personalData } = splitRegistration(body);
    const registration = registerPerson('civil-affairs', profile);
    const externalRefHash = hashExternalRef(externalId, 'talent-test-key');
    const history: PersonEvent[] = [];
    const run = (command: Parameters<typeof decidePerson>[0]) => history.push(...decidePerson(command, fold(history)));

    run({ ...registration, facts: { externalRefHash, existingExternalRefHashes: new Set() } });
    await store.put(registration.personId, personalData);
    run(completeCourse(16));
    run(logServiceHours({ hours: 3 }));
    run(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry')));
    run(erasePerson());
    expect(history.at(-1)).toEqual({ type: 'PersonErased', data: { personId: registration.personId } });
    expect(await store.erase(registration.personId)).toBe(true);

    expect(await store.get(registration.personId)).toBeUndefined();
    const logged = JSON.stringify(history);
    for (const secret of [body.name, body.contact, body.identityNumber, body.externalId]) expect(logged).not.toContain(secret);
    for (const event of history) expect(talentEvents[event.type].schema.safeParse(event.data).success).toBe(true);
    expect(fold(history)).toMatchObject({ status: 'erased', sector: 'community', tier: 'entry', trainingHours: 16, serviceHours: 3 });
  });

  it('no event schema takes a personal-data key', () => {
    const withName = { personId: 'p', kind: 'volunteer', sector: 'community', fields: ['f'], registeredBy: 'd', externalRefHash: '0'.repeat(64), name: '王小明' };
    expect(talentEvents.PersonRegistered.schema.safeParse(withName).success).toBe(false);
    for (const definition of Object.values(talentEvents)) {
      const shape = Object.keys(definition.schema.shape);
      expect(shape.filter((key) => ['name', 'contact', 'identityNumber', 'externalId'].includes(key))).toEqual([]);
    }
  });

  it('splitting a registration keeps personal data out of the profile the decider sees', () => {
    const { profile, personalData, externalId } = splitRegistration({ ...body, contact: undefined });
    expect(profile).toStrictEqual({ kind: 'social-worker', sector: 'community', fields: ['new-employment-groups'] });
    expect(personalData).toStrictEqual({ name: '王小明', identityNumber: '51070119900101123X' });
    expect(externalId).toBe('51070119900101123X');
  });
});
