import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { personDecider } from './personDecider.ts';
import {
  appoint,
  appointed,
  completeCourse,
  FIELD,
  grantCertification,
  logServiceHours,
  PERSON_ID,
  registered,
} from '../testing/talentFixtures.ts';

const spec = DeciderSpecification.for(personDecider);
const person = [registered()];

describe('training', () => {
  it('records a completed course with its hours', () => {
    spec.given(person).when(completeCourse(12.5)).then([{ type: 'CourseCompleted', data: { personId: PERSON_ID, courseId: 'field-practice-101', hours: 12.5 } }]);
  });
  it('refuses negative or zero hours (hours-must-be-positive, 400) — issue #5 bad input', () => {
    spec.given(person).when(completeCourse(-4)).thenThrows('hours-must-be-positive');
    spec.given(person).when(completeCourse(0)).thenThrows('hours-must-be-positive');
    spec.given(person).when(completeCourse(-4)).thenThrowsCode('invalid_input');
  });
  it('refuses implausible or finer-than-tenths hours (400)', () => {
    spec.given(person).when(completeCourse(2000.1)).thenThrows('hours-out-of-bounds');
    spec.given(person).when(completeCourse(1.25)).thenThrows('hours-in-tenths');
  });
  it('records a course once (course-already-completed, 409)', () => {
    const done = { type: 'CourseCompleted', data: { personId: PERSON_ID, courseId: 'field-practice-101', hours: 8 } } as const;
    spec.given([...person, done]).when(completeCourse(8)).thenThrows('course-already-completed');
  });
});

describe('certification', () => {
  it('grants a certification, naming the granting department', () => {
    spec
      .given(person)
      .when(grantCertification())
      .then([{ type: 'CertificationGranted', data: { personId: PERSON_ID, certification: 'junior-social-worker', grantedBy: 'social-work' } }]);
  });
  it('grants each certification once (certification-already-granted, 409)', () => {
    const held = { type: 'CertificationGranted', data: { personId: PERSON_ID, certification: 'junior-social-worker', grantedBy: 'social-work' } } as const;
    spec.given([...person, held]).when(grantCertification()).thenThrows('certification-already-granted');
  });
});

describe('service hours', () => {
  it('logs hours in a field on a day, at a platform when named', () => {
    spec
      .given(person)
      .when(logServiceHours({ platformId: 'platform-youxian-street' }))
      .then([
        {
          type: 'ServiceHoursLogged',
          data: { personId: PERSON_ID, field: FIELD, platformId: 'platform-youxian-street', hours: 2.5, servedOn: '2025-03-30' },
        },
      ]);
  });
  it('logs hours without a platform', () => {
    spec
      .given(person)
      .when(logServiceHours())
      .then([{ type: 'ServiceHoursLogged', data: { personId: PERSON_ID, field: FIELD, hours: 2.5, servedOn: '2025-03-30' } }]);
  });
  it('refuses negative or zero hours (hours-must-be-positive, 400) — issue #5 bad input', () => {
    spec.given(person).when(logServiceHours({ hours: -1 })).thenThrows('hours-must-be-positive');
    spec.given(person).when(logServiceHours({ hours: 0 })).thenThrowsCode('invalid_input');
  });
  it('refuses more than a day’s hours (hours-out-of-bounds, 400)', () => {
    spec.given(person).when(logServiceHours({ hours: 24.1 })).thenThrows('hours-out-of-bounds');
  });
  it('refuses an unknown field (unknown-field, 400)', () => {
    spec.given(person).when(logServiceHours({ field: 'astrology' })).thenThrows('unknown-field');
  });
  it('refuses a day that has not begun anywhere yet (served-on-in-future, 400), accepts today in UTC+8', () => {
    spec.given(person).when(logServiceHours({ servedOn: '2025-04-03' })).thenThrows('served-on-in-future');
    spec
      .given(person)
      .when(logServiceHours({ servedOn: '2025-04-01' }))
      .then([{ type: 'ServiceHoursLogged', data: { personId: PERSON_ID, field: FIELD, hours: 2.5, servedOn: '2025-04-01' } }]);
  });
});

describe('think-tank appointment', () => {
  it('appoints an expert', () => {
    spec.given([registered({ kind: 'expert' })]).when(appoint()).then([appointed]);
  });
  it('appoints only experts (only-experts-join-think-tank, 409)', () => {
    spec.given(person).when(appoint()).thenThrows('only-experts-join-think-tank');
    spec.given([registered({ kind: 'volunteer' })]).when(appoint()).thenThrowsCode('rule_violation');
  });
  it('appoints once (already-think-tank-member, 409)', () => {
    spec.given([registered({ kind: 'expert' }), appointed]).when(appoint()).thenThrows('already-think-tank-member');
  });
});
