import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { personDecider } from './personDecider.ts';
import {
  appoint,
  completeCourse,
  COORDINATING,
  erased,
  erasePerson,
  FIELD,
  grantCertification,
  logServiceHours,
  OTHER,
  OTHER_FIELD,
  OTHER_REF_HASH,
  recordResult,
  REF_HASH,
  registered,
  registerPerson,
  roundFacts,
  SELF,
} from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(personDecider);

describe('register', () => {
  it('records a person with a kind, a sector and fields, registered by the acting department', () => {
    spec.given([]).when(registerPerson()).then([registered()]);
  });
  it('keeps every field and the keyed hash of the external id, nothing personal', () => {
    spec
      .given([])
      .when(registerPerson(SELF, { kind: 'expert', sector: 'university', fields: [FIELD, OTHER_FIELD] }))
      .then([registered({ kind: 'expert', sector: 'university', fields: [FIELD, OTHER_FIELD] })]);
  });
  it('refuses an unknown sector (unknown-sector, 400) — issue #5 bad input', () => {
    spec.given([]).when(registerPerson(SELF, { sector: 'guild' })).thenThrows('unknown-sector');
    spec.given([]).when(registerPerson(SELF, { sector: 'guild' })).thenThrowsCode('invalid_input');
  });
  it('refuses an unknown kind (unknown-kind, 400)', () => {
    spec.given([]).when(registerPerson(SELF, { kind: 'celebrity' })).thenThrows('unknown-kind');
    spec.given([]).when(registerPerson(SELF, { kind: 'celebrity' })).thenThrowsCode('invalid_input');
  });
  it('refuses an unknown field, no field, or a field named twice (400)', () => {
    spec.given([]).when(registerPerson(SELF, { fields: ['astrology'] })).thenThrows('unknown-field');
    spec.given([]).when(registerPerson(SELF, { fields: [] })).thenThrows('fields-required');
    spec.given([]).when(registerPerson(SELF, { fields: [FIELD, FIELD] })).thenThrows('no-duplicate-fields');
  });
  it('refuses a second registration of the same external id (person-already-registered, 409) — issue #5 bad input', () => {
    spec.given([]).when(registerPerson(OTHER, {}, [OTHER_REF_HASH, REF_HASH])).thenThrows('person-already-registered');
    spec.given([]).when(registerPerson(OTHER, {}, [REF_HASH])).thenThrowsCode('rule_violation');
  });
  it('registers when only other external ids are taken', () => {
    spec.given([]).when(registerPerson(SELF, {}, [OTHER_REF_HASH])).then([registered()]);
  });
  it('refuses to register over an existing person id (person-already-exists, 409)', () => {
    spec.given([registered()]).when(registerPerson()).thenThrows('person-already-exists');
  });
  it('answers not_found for any other command on a person that is not registered (person-not-found)', () => {
    spec.given([]).when(erasePerson(COORDINATING)).thenThrows('person-not-found');
    spec.given([]).when(completeCourse(3, COORDINATING)).thenThrowsCode('not_found');
  });
});

describe('erase', () => {
  it('records the erasure; the profile and history stay', () => {
    spec.given([registered()]).when(erasePerson()).then([erased]);
  });
  it('the coordinating department may erase too', () => {
    spec.given([registered()]).when(erasePerson(COORDINATING)).then([erased]);
  });
  it('erases once (person-already-erased, 409)', () => {
    spec.given([registered(), erased]).when(erasePerson()).thenThrows('person-already-erased');
  });
  it('an erased person takes part in nothing new (person-erased, 409)', () => {
    const gone = [registered({ kind: 'expert' }), erased];
    spec.given(gone).when(completeCourse(3)).thenThrows('person-erased');
    spec.given(gone).when(grantCertification()).thenThrows('person-erased');
    spec.given(gone).when(logServiceHours()).thenThrows('person-erased');
    spec.given(gone).when(appoint()).thenThrows('person-erased');
    spec.given(gone).when(recordResult({ roundId: 'r', tier: 'entry' }, roundFacts())).thenThrowsCode('rule_violation');
  });
});
