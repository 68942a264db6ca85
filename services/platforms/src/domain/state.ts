import type { PlatformEvent, VenueKind } from '@backbone/contracts';
import { emptyAppendOnlySet } from './appendOnlySet.ts';
import type { AppendOnlySet } from './appendOnlySet.ts';

/** Where a platform is in its life: planned → building → operating ⇄ suspended. */
export type PlatformStatus = 'planned' | 'building' | 'operating' | 'suspended';

export interface Venue {
  readonly venueId: string;
  readonly kind: VenueKind;
  readonly capacity?: number;
}

export interface Team {
  readonly teamId: string;
  readonly personIds: readonly string[];
}

/** A platform that exists. */
export interface Platform {
  readonly status: PlatformStatus;
  readonly platformId: string;
  readonly district: string;
  readonly town: string;
  /** The department that planned the platform and runs it. */
  readonly plannedBy: string;
  readonly openedAt?: string;
  readonly suspensionReason?: string;
  readonly policies: readonly string[];
  readonly venues: readonly Venue[];
  readonly projects: readonly string[];
  readonly teams: readonly Team[];
  readonly serviceIds: AppendOnlySet;
  readonly beneficiaries: number;
  /** Volunteer hours in tenths of an hour: an integer, so sums stay exact. */
  readonly volunteerHoursTenths: number;
}

export type PlatformState = { readonly status: 'none' } | Platform;

/** The state of a platform stream with no events. */
export const initialPlatformState = (): PlatformState => ({ status: 'none' });

/** Hours (in tenths) as the integer number of tenths. */
export const toTenths = (hours: number): number => Math.round(hours * 10);

/** Folds one event into the platform's state. */
export function evolvePlatform(state: PlatformState, event: PlatformEvent): PlatformState {
  if (state.status === 'none') {
    if (event.type !== 'PlatformPlanned') return state;
    const { platformId, district, town, plannedBy } = event.data;
    return {
      status: 'planned',
      platformId,
      district,
      town,
      plannedBy,
      policies: [],
      venues: [],
      projects: [],
      teams: [],
      serviceIds: emptyAppendOnlySet(),
      beneficiaries: 0,
      volunteerHoursTenths: 0,
    };
  }
  return evolveExisting(state, event);
}

function evolveExisting(platform: Platform, event: PlatformEvent): Platform {
  switch (event.type) {
    case 'PlatformPlanned':
      return platform;
    case 'PlatformBuildingStarted':
      return { ...platform, status: 'building' };
    case 'PlatformOpened':
      return { ...platform, status: 'operating', openedAt: event.data.openedAt };
    case 'PlatformSuspended':
      return { ...platform, status: 'suspended', suspensionReason: event.data.reason };
    case 'PlatformResumed': {
      const { suspensionReason: _lifted, ...rest } = platform;
      return { ...rest, status: 'operating' };
    }
    case 'PolicyDeployed':
      return { ...platform, policies: [...platform.policies, event.data.policyId] };
    case 'VenueAdded':
      return { ...platform, venues: [...platform.venues, event.data] };
    case 'ProjectLinked':
      return { ...platform, projects: [...platform.projects, event.data.grantId] };
    case 'TeamStationed':
      return { ...platform, teams: [...platform.teams, event.data] };
    case 'ServiceDelivered':
      return {
        ...platform,
        serviceIds: platform.serviceIds.add(event.data.serviceId),
        beneficiaries: platform.beneficiaries + event.data.beneficiaries,
        volunteerHoursTenths: platform.volunteerHoursTenths + toTenths(event.data.volunteerHours),
      };
  }
}

/** The platform as plain JSON, for `GET /api/platforms/{id}`: the service records are counted, not listed. */
export function describePlatform(platform: Platform) {
  const { serviceIds, volunteerHoursTenths, ...rest } = platform;
  return { ...rest, services: serviceIds.size, volunteerHours: volunteerHoursTenths / 10 };
}
export type PlatformDescription = ReturnType<typeof describePlatform>;
