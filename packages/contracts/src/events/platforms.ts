import { z } from 'zod';
import { defineEvent } from '../eventType.ts';
import type { DomainEvent, EventData } from '../eventType.ts';
import { DepartmentId, FieldId, REFERENCE_ID_PATTERN } from './reference.ts';
import { ResourceId } from './resources.ts';
import { TalentId } from './talent.ts';

// Platforms events (Action 5): a town/street (镇街) service platform and its four integrations
// (policies, venues, projects, teams), and the services it delivers. Ids only: people appear
// by their talent id, never by name.

/** A platform id: `platform-` and an opaque token (the backbone derives it from district and town). */
export const PlatformId = z
  .string()
  .max(200)
  .regex(/^platform-[a-z0-9][a-z0-9._-]*$/);
/** A district or town/street (镇街) id: a kebab-case slug. */
export const PlaceId = z.string().max(64).regex(REFERENCE_ID_PATTERN);
/** A kind of service, e.g. `home-visit`, `group-activity`: a kebab-case slug. */
export const ServiceType = z.string().max(64).regex(REFERENCE_ID_PATTERN);
/** An id the platform gives to one of its own things (venue, team, service record). */
export const PlatformItemId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/);

/** The kinds of venue (阵地) a platform brings together. */
export const VENUE_KINDS = ['service-station', 'activity-room', 'counselling-room', 'volunteer-hub', 'online-platform'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

/** The most people counted as served by one service record. */
export const MAX_BENEFICIARIES = 1_000_000;
/** The most volunteer hours one service record carries. */
export const MAX_VOLUNTEER_HOURS = 100_000;
/** Volunteer hours: zero or more, in tenths of an hour. */
export const VolunteerHours = z.number().min(0).max(MAX_VOLUNTEER_HOURS).multipleOf(0.1);

/** A department planned a platform for a town or street of a district. */
export const PlatformPlanned = defineEvent(
  'platforms',
  'PlatformPlanned',
  1,
  z.strictObject({ platformId: PlatformId, district: PlaceId, town: PlaceId, plannedBy: DepartmentId }),
);

/** Building (fitting out, staffing) of the platform began. */
export const PlatformBuildingStarted = defineEvent('platforms', 'PlatformBuildingStarted', 1, z.strictObject({}));

/** The platform opened: it is operating and may deliver services. */
export const PlatformOpened = defineEvent(
  'platforms',
  'PlatformOpened',
  1,
  z.strictObject({ openedAt: z.iso.datetime({ offset: true }) }),
);

/** The platform stopped operating for a while, with the reason. */
export const PlatformSuspended = defineEvent(
  'platforms',
  'PlatformSuspended',
  1,
  z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
);

/** A suspended platform operates again. */
export const PlatformResumed = defineEvent('platforms', 'PlatformResumed', 1, z.strictObject({}));

/** A policy issued in the resources context now applies at the platform. */
export const PolicyDeployed = defineEvent('platforms', 'PolicyDeployed', 1, z.strictObject({ policyId: ResourceId }));

/** A venue joined the platform. */
export const VenueAdded = defineEvent(
  'platforms',
  'VenueAdded',
  1,
  z.strictObject({ venueId: PlatformItemId, kind: z.enum(VENUE_KINDS), capacity: z.int().min(1).max(100_000).optional() }),
);

/** A project funded by a grant of the resources context runs at the platform. */
export const ProjectLinked = defineEvent('platforms', 'ProjectLinked', 1, z.strictObject({ grantId: ResourceId }));

/** A team of registered people (talent ids) is stationed at the platform. */
export const TeamStationed = defineEvent(
  'platforms',
  'TeamStationed',
  1,
  z.strictObject({ teamId: PlatformItemId, personIds: z.array(TalentId).min(1).max(200) }),
);

/**
 * The platform delivered a service in a key field on a day. `byQualifiedTalent` records
 * whether, when it was recorded, one of the people who delivered it was certified or had
 * been selected into a tier: the board's proxy for professional effectiveness.
 */
export const ServiceDelivered = defineEvent(
  'platforms',
  'ServiceDelivered',
  1,
  z.strictObject({
    serviceId: PlatformItemId,
    field: FieldId,
    serviceType: ServiceType,
    beneficiaries: z.int().min(0).max(MAX_BENEFICIARIES),
    volunteerHours: VolunteerHours,
    deliveredOn: z.iso.date(),
    personIds: z.array(TalentId).min(1).max(50).optional(),
    byQualifiedTalent: z.boolean(),
  }),
);

/** Every event of the platforms context, by name. */
export const platformEvents = {
  PlatformPlanned,
  PlatformBuildingStarted,
  PlatformOpened,
  PlatformSuspended,
  PlatformResumed,
  PolicyDeployed,
  VenueAdded,
  ProjectLinked,
  TeamStationed,
  ServiceDelivered,
} as const;

/** The name of a platforms event. */
export type PlatformEventName = keyof typeof platformEvents;

/** A platforms event as the platform decider produces it. */
export type PlatformEvent = {
  [K in PlatformEventName]: DomainEvent<K, EventData<(typeof platformEvents)[K]>>;
}[PlatformEventName];
