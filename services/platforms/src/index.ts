export {
  AddVenueBody,
  DeployPolicyBody,
  ImportServicesBody,
  LinkProjectBody,
  MAX_IMPORT_RECORDS,
  NO_FACTS,
  OpenPlatformBody,
  PLATFORM_COMMAND_TYPES,
  PlanPlatformBody,
  RecordServiceBody,
  ResumePlatformBody,
  ServiceRecordBody,
  StartBuildingBody,
  StationTeamBody,
  SuspendPlatformBody,
  authorizePlatformCommand,
  createPlatformDirectory,
  decidePlatform,
  describePlatform,
  evolvePlatform,
  initialPlatformState,
  isPlatformCommandAllowed,
  isQualified,
  platformAuthorization,
  platformCommandBodies,
  platformDecider,
  platformIdFor,
  platformRolesOf,
} from './domain/index.ts';
export type {
  GrantFacts,
  PersonFacts,
  Platform,
  PlatformCommand,
  PlatformCommandOf,
  PlatformCommandType,
  PlatformDescription,
  PlatformDirectory,
  PlatformPermission,
  PlatformRole,
  PlatformState,
  PlatformStatus,
  PolicyFacts,
  ReferenceFacts,
  ServiceRecord,
  Team,
  Venue,
} from './domain/index.ts';
export {
  PLATFORM_RESOURCE_REFERENCES,
  PLATFORM_TALENT_REFERENCES,
  platformResourceReferencesProjection,
  platformTalentReferencesProjection,
} from './references/referenceProjections.ts';
export type { ReferenceProjectionOptions } from './references/referenceProjections.ts';
export { referenceLookup } from './references/referenceFacts.ts';
export type { ReferencedIds, ReferenceLookup } from './references/referenceFacts.ts';
export { PLATFORMS_BOARD } from './board/boardKeys.ts';
export { platformsBoardProjection } from './board/platformsBoardProjection.ts';
export { platformsBoard } from './board/platformsBoardQuery.ts';
export type { DistrictNumbers, FieldNumbers, MonthNumbers, PlatformCounts, PlatformsBoard, ServiceNumbers } from './board/platformsBoardQuery.ts';
export { monthBefore, monthTrend } from './board/trend.ts';
export type { PlatformsTrend, TrendFigure } from './board/trend.ts';
export { cstMonth, platformsBoardSection, readPlatformsBoard } from './board/platformsBoardSection.ts';
export type { PlatformsBoardOptions } from './board/platformsBoardSection.ts';
export { registerPlatformsGauges } from './board/platformsGauges.ts';
export type { PlatformsGaugesOptions } from './board/platformsGauges.ts';
export { createPlatformsApi } from './api/platformsApi.ts';
export type { PlatformsApiOptions } from './api/platformsApi.ts';
export { runPlatformsDemo } from './demo/platformsDemo.ts';
export type { DemoRandom, PlatformsDemoOptions } from './demo/platformsDemo.ts';
export { referencesInLog } from './demo/referencesInLog.ts';
export type { LoggedReferences } from './demo/referencesInLog.ts';
