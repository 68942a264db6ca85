import { describe, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { platformDecider } from './platformDecider.ts';
import {
  CERTIFIED,
  command,
  COORDINATING,
  ERASED,
  GRANT,
  operatingPlatform,
  OWNER,
  plannedPlatform,
  POLICY,
  REVOKED_GRANT,
  suspendedPlatform,
  TIERED,
  UNKNOWN,
  VOLUNTEER,
} from './testing/platformFixtures.ts';

const spec = DeciderSpecification.for(platformDecider);

describe('deploy a policy', () => {
  const deploy = (policyId: string) => command('deployPolicy', OWNER, { policyId });
  it('deploys a policy the resources context issued, at any stage', () => {
    spec.given(plannedPlatform).when(deploy(POLICY)).then([{ type: 'PolicyDeployed', data: { policyId: POLICY } }]);
    spec.given(suspendedPlatform).when(deploy(POLICY)).then([{ type: 'PolicyDeployed', data: { policyId: POLICY } }]);
  });
  it('refuses a policy its references do not know (policy-not-found, 404)', () => {
    spec.given(plannedPlatform).when(deploy(UNKNOWN)).thenThrows('policy-not-found');
    spec.given(plannedPlatform).when(deploy(UNKNOWN)).thenThrowsCode('not_found');
  });
  it('deploys a policy once (policy-already-deployed, 409)', () => {
    spec.given([...plannedPlatform, { type: 'PolicyDeployed', data: { policyId: POLICY } }]).when(deploy(POLICY)).thenThrows('policy-already-deployed');
  });
});

describe('add a venue', () => {
  it('adds a venue of a kind, with or without a capacity', () => {
    spec
      .given(plannedPlatform)
      .when(command('addVenue', OWNER, { venueId: 'hall', kind: 'activity-room', capacity: 80 }))
      .then([{ type: 'VenueAdded', data: { venueId: 'hall', kind: 'activity-room', capacity: 80 } }]);
    spec
      .given(plannedPlatform)
      .when(command('addVenue', COORDINATING, { venueId: 'web', kind: 'online-platform' }))
      .then([{ type: 'VenueAdded', data: { venueId: 'web', kind: 'online-platform' } }]);
  });
  it('refuses a capacity below one (capacity-must-be-positive, 400)', () => {
    spec.given(plannedPlatform).when(command('addVenue', OWNER, { venueId: 'hall', kind: 'activity-room', capacity: -5 })).thenThrows('capacity-must-be-positive');
    spec.given(plannedPlatform).when(command('addVenue', OWNER, { venueId: 'hall', kind: 'activity-room', capacity: 0 })).thenThrowsCode('invalid_input');
  });
  it('adds a venue once (venue-already-added, 409)', () => {
    spec
      .given([...plannedPlatform, { type: 'VenueAdded', data: { venueId: 'hall', kind: 'activity-room' } }])
      .when(command('addVenue', OWNER, { venueId: 'hall', kind: 'service-station' }))
      .thenThrows('venue-already-added');
  });
});

describe('link a project', () => {
  const link = (grantId: string) => command('linkProject', OWNER, { grantId });
  it('links the project of an awarded grant', () => {
    spec.given(operatingPlatform).when(link(GRANT)).then([{ type: 'ProjectLinked', data: { grantId: GRANT } }]);
  });
  it('refuses a grant its references do not know (grant-not-found, 404)', () => {
    spec.given(operatingPlatform).when(link(UNKNOWN)).thenThrows('grant-not-found');
    spec.given(operatingPlatform).when(link(UNKNOWN)).thenThrowsCode('not_found');
  });
  it('refuses a revoked grant (grant-revoked, 409)', () => {
    spec.given(operatingPlatform).when(link(REVOKED_GRANT)).thenThrows('grant-revoked');
    spec.given(operatingPlatform).when(link(REVOKED_GRANT)).thenThrowsCode('rule_violation');
  });
  it('links a project once (project-already-linked, 409)', () => {
    spec.given([...operatingPlatform, { type: 'ProjectLinked', data: { grantId: GRANT } }]).when(link(GRANT)).thenThrows('project-already-linked');
  });
});

describe('station a team', () => {
  const station = (personIds: string[], teamId = 'team-riders') => command('stationTeam', OWNER, { teamId, personIds });
  it('stations registered people as a team', () => {
    spec
      .given(plannedPlatform)
      .when(station([CERTIFIED, TIERED, VOLUNTEER]))
      .then([{ type: 'TeamStationed', data: { teamId: 'team-riders', personIds: [CERTIFIED, TIERED, VOLUNTEER] } }]);
  });
  it('refuses a person its references do not know (person-not-found, 404)', () => {
    spec.given(plannedPlatform).when(station([CERTIFIED, UNKNOWN])).thenThrows('person-not-found');
    spec.given(plannedPlatform).when(station([UNKNOWN])).thenThrowsCode('not_found');
  });
  it('refuses an erased person (person-erased, 409)', () => {
    spec.given(plannedPlatform).when(station([ERASED])).thenThrows('person-erased');
  });
  it('refuses a person named twice (no-duplicate-people, 400) and an empty team (team-needs-people)', () => {
    spec.given(plannedPlatform).when(station([VOLUNTEER, VOLUNTEER])).thenThrows('no-duplicate-people');
    spec.given(plannedPlatform).when(station([])).thenThrows('team-needs-people');
  });
  it('stations a team once (team-already-stationed, 409)', () => {
    spec
      .given([...plannedPlatform, { type: 'TeamStationed', data: { teamId: 'team-riders', personIds: [VOLUNTEER] } }])
      .when(station([CERTIFIED]))
      .thenThrows('team-already-stationed');
  });
});
