import type { PlatformEvent } from '@backbone/contracts';
import { createPlatformDirectory, platformIdFor } from '../commands.ts';
import type { PlatformCommandOf, PlatformCommandType, ServiceRecord } from '../commands.ts';
import type { GrantFacts, PersonFacts, PolicyFacts, ReferenceFacts } from '../facts.ts';

// Shared givens for the platform decider specifications: a directory like config/reference.json,
// one platform, the facts the references would hold, and the events of each step.

export const COORDINATING = 'social-work';
export const OWNER = 'civil-affairs';
export const MEMBER = 'science-technology';
export const OUTSIDER = 'not-in-the-directory';
export const FIELD = 'new-employment-groups';
export const OTHER_FIELD = 'micro-economy-joint-services';

export const directory = createPlatformDirectory({
  coordinating: COORDINATING,
  departments: [COORDINATING, OWNER, MEMBER],
  fields: [FIELD, OTHER_FIELD],
});

export const DISTRICT = 'fucheng';
export const TOWN = 'chengjiao-street';
export const PLATFORM_ID = platformIdFor(DISTRICT, TOWN);
/** 17:00 on 1 April 2025 in China Standard Time. */
export const NOW = new Date('2025-04-01T09:00:00.000Z');
export const TODAY = '2025-04-01';

export const POLICY = 'policy-employment-support';
export const GRANT = 'grant-riders-station';
export const REVOKED_GRANT = 'grant-revoked-one';
export const CERTIFIED = 'person-certified';
export const TIERED = 'person-tiered';
export const VOLUNTEER = 'person-volunteer';
export const ERASED = 'person-erased';
export const UNKNOWN = 'never-heard-of';

const person = (personId: string, flags: Partial<PersonFacts> = {}): [string, PersonFacts] => [
  personId,
  { personId, erased: false, certified: false, ...flags },
];

/** What the reference projections know: one policy, two grants (one revoked), four people. */
export const facts: ReferenceFacts = {
  policies: new Map<string, PolicyFacts>([[POLICY, { policyId: POLICY, kind: 'policy', fields: [FIELD], issuedBy: COORDINATING }]]),
  grants: new Map<string, GrantFacts>([
    [GRANT, { grantId: GRANT, field: FIELD, sponsoringDepartment: OWNER, revoked: false }],
    [REVOKED_GRANT, { grantId: REVOKED_GRANT, field: FIELD, sponsoringDepartment: OWNER, revoked: true }],
  ]),
  people: new Map<string, PersonFacts>([
    person(CERTIFIED, { certified: true }),
    person(TIERED, { tier: 'backbone' }),
    person(VOLUNTEER),
    person(ERASED, { erased: true, certified: true }),
  ]),
};

/** A command of the given type as the server would hand it to the decider. */
export function command<T extends PlatformCommandType>(
  type: T,
  actor: string,
  data: PlatformCommandOf<T>['data'],
  now: Date = NOW,
): PlatformCommandOf<T> {
  return { type, platformId: PLATFORM_ID, actor, now, directory, facts, data };
}

/** A service record with sensible values; override any of them. */
export const record = (overrides: Partial<ServiceRecord> = {}): ServiceRecord => ({
  serviceId: 'service-1',
  field: FIELD,
  serviceType: 'rider-support-desk',
  beneficiaries: 12,
  volunteerHours: 6.5,
  deliveredOn: TODAY,
  ...overrides,
});

export const planned: PlatformEvent = {
  type: 'PlatformPlanned',
  data: { platformId: PLATFORM_ID, district: DISTRICT, town: TOWN, plannedBy: OWNER },
};
export const buildingStarted: PlatformEvent = { type: 'PlatformBuildingStarted', data: {} };
export const opened: PlatformEvent = { type: 'PlatformOpened', data: { openedAt: NOW.toISOString() } };
export const suspended: PlatformEvent = { type: 'PlatformSuspended', data: { reason: 'renovation' } };
export const resumed: PlatformEvent = { type: 'PlatformResumed', data: {} };

/** The event a valid record becomes. */
export const delivered = (overrides: Partial<ServiceRecord> = {}, byQualifiedTalent = false): PlatformEvent => {
  const { serviceId, field, serviceType, beneficiaries, volunteerHours, deliveredOn, personIds } = record(overrides);
  return {
    type: 'ServiceDelivered',
    data: {
      serviceId,
      field,
      serviceType,
      beneficiaries,
      volunteerHours,
      deliveredOn,
      ...(personIds === undefined ? {} : { personIds }),
      byQualifiedTalent,
    },
  };
};

export const plannedPlatform: readonly PlatformEvent[] = [planned];
export const buildingPlatform: readonly PlatformEvent[] = [planned, buildingStarted];
export const operatingPlatform: readonly PlatformEvent[] = [...buildingPlatform, opened];
export const suspendedPlatform: readonly PlatformEvent[] = [...operatingPlatform, suspended];
