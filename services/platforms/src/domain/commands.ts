import { z } from 'zod';
import {
  FieldId,
  MAX_BENEFICIARIES,
  MAX_VOLUNTEER_HOURS,
  PlaceId,
  PlatformItemId,
  ResourceId,
  ServiceType,
  TalentId,
  VENUE_KINDS,
} from '@backbone/contracts';
import type { ReferenceFacts } from './facts.ts';

// Request bodies: what a department sends. The platform id, the acting department, the time,
// the directory and the facts about other contexts are added by the server, never by a body.

/** The most records one bulk import may carry; the whole import is written or nothing. */
export const MAX_IMPORT_RECORDS = 500;

/** POST /api/platforms: a platform for a town or street (镇街) of a district. */
export const PlanPlatformBody = z.strictObject({ district: PlaceId, town: PlaceId });
/** POST /api/platforms/{id}/building */
export const StartBuildingBody = z.strictObject({});
/** POST /api/platforms/{id}/open */
export const OpenPlatformBody = z.strictObject({});
/** POST /api/platforms/{id}/suspend */
export const SuspendPlatformBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
/** POST /api/platforms/{id}/resume */
export const ResumePlatformBody = z.strictObject({});
/** POST /api/platforms/{id}/policies: a policy of the resources context. */
export const DeployPolicyBody = z.strictObject({ policyId: ResourceId });
/** POST /api/platforms/{id}/venues; the server names the venue when the body does not. */
export const AddVenueBody = z.strictObject({
  venueId: PlatformItemId.optional(),
  kind: z.enum(VENUE_KINDS),
  capacity: z.int().min(1).max(100_000).optional(),
});
/** POST /api/platforms/{id}/projects: a project funded by a grant of the resources context. */
export const LinkProjectBody = z.strictObject({ grantId: ResourceId });
/** POST /api/platforms/{id}/teams: people registered in the talent context. */
export const StationTeamBody = z.strictObject({
  teamId: PlatformItemId.optional(),
  personIds: z.array(TalentId).min(1).max(200),
});

/** One service record, as sent alone or in a bulk import. */
export const ServiceRecordBody = z.strictObject({
  serviceId: PlatformItemId.optional(),
  field: FieldId,
  serviceType: ServiceType,
  beneficiaries: z.int().min(0).max(MAX_BENEFICIARIES),
  volunteerHours: z.number().min(0).max(MAX_VOLUNTEER_HOURS),
  deliveredOn: z.iso.date(),
  personIds: z.array(TalentId).min(1).max(50).optional(),
});
/** POST /api/platforms/{id}/services */
export const RecordServiceBody = ServiceRecordBody;
/** POST /api/platforms/{id}/services/bulk */
export const ImportServicesBody = z.strictObject({ records: z.array(ServiceRecordBody).min(1).max(MAX_IMPORT_RECORDS) });

/** The schema of each command's request part, by command type. */
export const platformCommandBodies = {
  planPlatform: PlanPlatformBody,
  startBuilding: StartBuildingBody,
  openPlatform: OpenPlatformBody,
  suspendPlatform: SuspendPlatformBody,
  resumePlatform: ResumePlatformBody,
  deployPolicy: DeployPolicyBody,
  addVenue: AddVenueBody,
  linkProject: LinkProjectBody,
  stationTeam: StationTeamBody,
  recordService: RecordServiceBody,
  importServices: ImportServicesBody,
} as const;

/** Every platform command type. */
export type PlatformCommandType = keyof typeof platformCommandBodies;
export const PLATFORM_COMMAND_TYPES = Object.keys(platformCommandBodies) as PlatformCommandType[];

/** A service record with every id filled in by the server. */
export type ServiceRecord = z.output<typeof ServiceRecordBody> & { readonly serviceId: string };

/** The data of each command as the decider sees it: ids the body may leave out are filled in. */
interface CommandData {
  planPlatform: z.output<typeof PlanPlatformBody>;
  startBuilding: z.output<typeof StartBuildingBody>;
  openPlatform: z.output<typeof OpenPlatformBody>;
  suspendPlatform: z.output<typeof SuspendPlatformBody>;
  resumePlatform: z.output<typeof ResumePlatformBody>;
  deployPolicy: z.output<typeof DeployPolicyBody>;
  addVenue: z.output<typeof AddVenueBody> & { readonly venueId: string };
  linkProject: z.output<typeof LinkProjectBody>;
  stationTeam: z.output<typeof StationTeamBody> & { readonly teamId: string };
  recordService: ServiceRecord;
  importServices: { readonly records: readonly ServiceRecord[] };
}

/** What the platforms service knows of the reference directory when it decides. */
export interface PlatformDirectory {
  readonly coordinating: string;
  readonly departments: ReadonlySet<string>;
  readonly fields: ReadonlySet<string>;
}

/** Builds a directory from the ids the reference context published. */
export function createPlatformDirectory(options: {
  coordinating: string;
  departments: Iterable<string>;
  fields: Iterable<string>;
}): PlatformDirectory {
  return { coordinating: options.coordinating, departments: new Set(options.departments), fields: new Set(options.fields) };
}

/** A command as the decider sees it: the request part plus the facts the server adds. */
export type PlatformCommandOf<TType extends PlatformCommandType> = {
  readonly type: TType;
  readonly platformId: string;
  /** The department id from the credential. */
  readonly actor: string;
  readonly now: Date;
  readonly directory: PlatformDirectory;
  /** What the platforms context's own reference projections know of the ids the command names. */
  readonly facts: ReferenceFacts;
  readonly data: CommandData[TType];
};

/** Every command on a platform. */
export type PlatformCommand = { [K in PlatformCommandType]: PlatformCommandOf<K> }[PlatformCommandType];

/** The platform id of a town: one platform per town or street of a district. */
export function platformIdFor(district: string, town: string): string {
  return `platform-${district}.${town}`;
}
