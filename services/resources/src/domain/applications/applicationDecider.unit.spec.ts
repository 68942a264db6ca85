import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { applicationDecider } from './applicationDecider.ts';
import {
  APPLICATION_ID,
  BUDGET_FEN,
  callFacts,
  CALL_ID,
  CLOSES,
  COORDINATING,
  FIELD,
  OPENS,
  ORGANISATION_ID,
  OTHER_FIELD,
  POOL_ID,
  REVIEWER_DEPARTMENT,
  score,
  scored,
  SCORES,
  SPONSOR,
  STRANGER,
  submit,
  submitted,
  TITLE,
  UNRELATED,
} from '../testing/resourceFixtures.ts';

const spec = DeciderSpecification.for(applicationDecider);
const at = (iso: string) => ({ now: new Date(iso) });

describe('submitApplication', () => {
  it('records the acting department as the sponsor of an application to an open call', () => {
    spec.given([]).when(submit(SPONSOR)).then([submitted]);
  });
  it('accepts a body that names the acting department as sponsor', () => {
    spec.given([]).when(submit(SPONSOR, { sponsoringDepartment: SPONSOR })).then([submitted]);
  });
  it('refuses to sponsor for another department (department-sponsors-only-for-itself, 403)', () => {
    spec.given([]).when(submit(UNRELATED, { sponsoringDepartment: SPONSOR })).thenThrows('department-sponsors-only-for-itself');
    spec.given([]).when(submit(STRANGER)).thenThrowsCode('forbidden');
  });
  it('takes applications from the moment the call opens until just before it closes', () => {
    spec.given([]).when(submit(SPONSOR, {}, at(OPENS))).then([submitted]);
    spec.given([]).when(submit(SPONSOR, {}, at('2025-04-30T23:59:59.999Z'))).then([submitted]);
  });
  it('refuses to apply to a closed call, or one not yet open (call-not-open, 409)', () => {
    spec.given([]).when(submit(SPONSOR, {}, at(CLOSES))).thenThrows('call-not-open');
    spec.given([]).when(submit(SPONSOR, {}, at('2025-06-01T00:00:00Z'))).thenThrowsCode('rule_violation');
    spec.given([]).when(submit(SPONSOR, {}, at('2025-03-31T23:59:59.999Z'))).thenThrows('call-not-open');
  });
  it('refuses an application for another field than the call’s (application-field-matches-call, 409)', () => {
    spec.given([]).when(submit(SPONSOR, { field: OTHER_FIELD })).thenThrows('application-field-matches-call');
  });
  it.each([0, -30_000_000, 1234.5])('refuses the requested amount %s (amount-must-be-positive-integer, 400)', (requestedFen) => {
    spec.given([]).when(submit(SPONSOR, { requestedFen })).thenThrows('amount-must-be-positive-integer');
    spec.given([]).when(submit(SPONSOR, { requestedFen })).thenThrowsCode('invalid_input');
  });
  it('refuses a request above the call’s whole budget (request-within-call-budget, 409)', () => {
    spec.given([]).when(submit(SPONSOR, { requestedFen: BUDGET_FEN + 1 })).thenThrows('request-within-call-budget');
  });
  it('refuses a blank title (text-required, 400)', () => {
    spec.given([]).when(submit(SPONSOR, { title: ' ' })).thenThrows('text-required');
  });
  it('answers not_found for a call that does not exist (call-not-found, 404)', () => {
    spec.given([]).when(submit(SPONSOR, {}, { call: undefined })).thenThrows('call-not-found');
    spec.given([]).when(submit(SPONSOR, {}, { call: undefined })).thenThrowsCode('not_found');
  });
  it('refuses to submit the same application twice (application-already-exists, 409)', () => {
    spec.given([submitted]).when(submit(SPONSOR)).thenThrows('application-already-exists');
  });
  it('takes the call and pool from the call, the rest from the body', () => {
    const call = { ...callFacts, callId: 'call-9', poolId: 'pool-9' };
    spec
      .given([])
      .when(submit(COORDINATING, { title: 'Riders’ station' }, { call }))
      .then([
        {
          type: 'ApplicationSubmitted',
          data: {
            applicationId: APPLICATION_ID,
            callId: 'call-9',
            poolId: 'pool-9',
            applicantOrganisationId: ORGANISATION_ID,
            sponsoringDepartment: COORDINATING,
            field: FIELD,
            title: 'Riders’ station',
            requestedFen: 30_000_000,
          },
        },
      ]);
  });
});

describe('scoreApplication', () => {
  it('records a reviewer’s scores on the four criteria', () => {
    spec.given([submitted]).when(score(REVIEWER_DEPARTMENT, 'reviewer-1')).then([scored('reviewer-1', REVIEWER_DEPARTMENT)]);
  });
  it('several reviewers score, from any department but the sponsor, the coordinating one included', () => {
    spec
      .given([submitted, scored('reviewer-1', REVIEWER_DEPARTMENT)])
      .when(score(COORDINATING, 'reviewer-2'))
      .then([scored('reviewer-2', COORDINATING)]);
    spec.given([submitted]).when(score(UNRELATED, 'reviewer-3')).then([scored('reviewer-3', UNRELATED)]);
  });
  it('refuses a reviewer from the sponsoring department: conflict of interest (reviewer-not-from-sponsoring-department, 403)', () => {
    spec.given([submitted]).when(score(SPONSOR, 'reviewer-9')).thenThrows('reviewer-not-from-sponsoring-department');
    spec.given([submitted]).when(score(SPONSOR, 'reviewer-9')).thenThrowsCode('forbidden');
  });
  it('refuses a department outside the directory', () => {
    spec.given([submitted]).when(score(STRANGER, 'reviewer-9')).thenThrows('reviewer-not-from-sponsoring-department');
  });
  it('refuses a reviewer scoring twice (reviewer-scores-once, 409)', () => {
    const once = [submitted, scored('reviewer-1', REVIEWER_DEPARTMENT)];
    spec.given(once).when(score(REVIEWER_DEPARTMENT, 'reviewer-1')).thenThrows('reviewer-scores-once');
    spec.given(once).when(score(UNRELATED, 'reviewer-1', { ...SCORES, partyBuilding: 10 })).thenThrowsCode('rule_violation');
  });
  it.each([
    { ...SCORES, partyBuilding: 101 },
    { ...SCORES, theoryResearch: -1 },
    { ...SCORES, professionalValue: 75.5 },
    { ...SCORES, serviceScenarios: Number.NaN },
  ])('refuses a score out of range: %j (score-out-of-range, 400)', (scores) => {
    spec.given([submitted]).when(score(REVIEWER_DEPARTMENT, 'reviewer-1', scores)).thenThrows('score-out-of-range');
    spec.given([submitted]).when(score(REVIEWER_DEPARTMENT, 'reviewer-1', scores)).thenThrowsCode('invalid_input');
  });
  it('accepts the bounds 0 and 100', () => {
    const bounds = { partyBuilding: 0, theoryResearch: 100, professionalValue: 0, serviceScenarios: 100 };
    spec.given([submitted]).when(score(REVIEWER_DEPARTMENT, 'reviewer-1', bounds)).then([scored('reviewer-1', REVIEWER_DEPARTMENT, bounds)]);
  });
  it('answers not_found for an application that does not exist (application-not-found, 404)', () => {
    spec.given([]).when(score(REVIEWER_DEPARTMENT, 'reviewer-1')).thenThrows('application-not-found');
  });
});

// Keeps the fixture ids honest: the submitted fixture is what a submit with the defaults writes.
it('fixtures agree', () => {
  spec.given([]).when(submit(SPONSOR)).then([
    {
      type: 'ApplicationSubmitted',
      data: { applicationId: APPLICATION_ID, callId: CALL_ID, poolId: POOL_ID, applicantOrganisationId: ORGANISATION_ID, sponsoringDepartment: SPONSOR, field: FIELD, title: TITLE, requestedFen: 30_000_000 },
    },
  ]);
});
