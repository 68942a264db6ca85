import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { platformIdFor } from './commands.ts';
import { platformDecider } from './platformDecider.ts';
import { describePlatform } from './state.ts';
import type { Platform } from './state.ts';
import {
  buildingPlatform,
  buildingStarted,
  command,
  COORDINATING,
  delivered,
  DISTRICT,
  MEMBER,
  NOW,
  opened,
  operatingPlatform,
  OWNER,
  PLATFORM_ID,
  planned,
  plannedPlatform,
  resumed,
  suspended,
  suspendedPlatform,
  TOWN,
} from './testing/platformFixtures.ts';

const spec = DeciderSpecification.for(platformDecider);
const plan = (district = DISTRICT, town = TOWN, actor = OWNER) => command('planPlatform', actor, { district, town });

describe('plan', () => {
  it('records a platform for a town of a district, planned by the acting department', () => {
    spec.given([]).when(plan()).then([planned]);
  });
  it('derives the id from district and town: one platform per town', () => {
    expect(PLATFORM_ID).toBe(platformIdFor(DISTRICT, TOWN));
    spec.given([]).when(plan(DISTRICT, 'another-street')).thenThrows('platform-id-matches-town');
    spec.given([]).when(plan(DISTRICT, 'another-street')).thenThrowsCode('invalid_input');
  });
  it('refuses to plan the same town twice (platform-already-exists, 409)', () => {
    spec.given(plannedPlatform).when(plan(DISTRICT, TOWN, MEMBER)).thenThrows('platform-already-exists');
    spec.given(operatingPlatform).when(plan()).thenThrowsCode('rule_violation');
  });
  it('answers not_found for any other command on a platform that does not exist (platform-not-found)', () => {
    spec.given([]).when(command('startBuilding', OWNER, {})).thenThrows('platform-not-found');
    spec.given([]).when(command('recordService', OWNER, { serviceId: 's', field: 'x', serviceType: 'y', beneficiaries: 1, volunteerHours: 0, deliveredOn: '2025-01-01' })).thenThrowsCode('not_found');
  });
});

describe('planned → building → operating ⇄ suspended', () => {
  it('starts building a planned platform, once', () => {
    spec.given(plannedPlatform).when(command('startBuilding', OWNER, {})).then([buildingStarted]);
    spec.given(buildingPlatform).when(command('startBuilding', OWNER, {})).thenThrows('building-starts-when-planned');
    spec.given(operatingPlatform).when(command('startBuilding', OWNER, {})).thenThrowsCode('rule_violation');
  });
  it('opens a platform being built, recording when', () => {
    spec.given(buildingPlatform).when(command('openPlatform', OWNER, {})).then([opened]);
  });
  it('does not open a platform that is only planned, or already open (opens-after-building)', () => {
    spec.given(plannedPlatform).when(command('openPlatform', OWNER, {})).thenThrows('opens-after-building');
    spec.given(operatingPlatform).when(command('openPlatform', OWNER, {})).thenThrows('opens-after-building');
    spec.given(suspendedPlatform).when(command('openPlatform', OWNER, {})).thenThrows('opens-after-building');
  });
  it('suspends an operating platform with its reason', () => {
    spec.given(operatingPlatform).when(command('suspendPlatform', COORDINATING, { reason: ' renovation ' })).then([suspended]);
  });
  it('suspends only an operating platform (suspends-only-when-operating)', () => {
    spec.given(buildingPlatform).when(command('suspendPlatform', OWNER, { reason: 'x' })).thenThrows('suspends-only-when-operating');
    spec.given(suspendedPlatform).when(command('suspendPlatform', OWNER, { reason: 'x' })).thenThrows('suspends-only-when-operating');
  });
  it('refuses a blank suspension reason (reason-required, 400)', () => {
    spec.given(operatingPlatform).when(command('suspendPlatform', OWNER, { reason: '   ' })).thenThrows('reason-required');
  });
  it('resumes a suspended platform, and only a suspended one (resumes-only-when-suspended)', () => {
    spec.given(suspendedPlatform).when(command('resumePlatform', OWNER, {})).then([resumed]);
    spec.given(operatingPlatform).when(command('resumePlatform', OWNER, {})).thenThrows('resumes-only-when-suspended');
    spec.given(plannedPlatform).when(command('resumePlatform', OWNER, {})).thenThrows('resumes-only-when-suspended');
  });
  it('a resumed platform can be suspended again', () => {
    spec.given([...suspendedPlatform, resumed]).when(command('suspendPlatform', OWNER, { reason: 'renovation' })).then([suspended]);
  });
});

describe('the platform as JSON', () => {
  it('counts service records and sums beneficiaries and hours exactly', () => {
    const events = [...operatingPlatform, delivered({ serviceId: 'a', volunteerHours: 0.1 }), delivered({ serviceId: 'b', volunteerHours: 0.2, beneficiaries: 3 })];
    const state = events.reduce(platformDecider.evolve, platformDecider.initialState()) as Platform;
    expect(describePlatform(state)).toMatchObject({
      status: 'operating',
      platformId: PLATFORM_ID,
      openedAt: NOW.toISOString(),
      services: 2,
      beneficiaries: 15,
      volunteerHours: 0.3,
    });
  });
});
