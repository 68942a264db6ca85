export {
  AddVenueBody,
  DeployPolicyBody,
  ImportServicesBody,
  LinkProjectBody,
  MAX_IMPORT_RECORDS,
  OpenPlatformBody,
  PLATFORM_COMMAND_TYPES,
  PlanPlatformBody,
  RecordServiceBody,
  ResumePlatformBody,
  ServiceRecordBody,
  StartBuildingBody,
  StationTeamBody,
  SuspendPlatformBody,
  createPlatformDirectory,
  platformCommandBodies,
  platformIdFor,
} from './commands.ts';
export type { PlatformCommand, PlatformCommandOf, PlatformCommandType, PlatformDirectory, ServiceRecord } from './commands.ts';
export { NO_FACTS, isQualified } from './facts.ts';
export type { GrantFacts, PersonFacts, PolicyFacts, ReferenceFacts } from './facts.ts';
export { authorizePlatformCommand, isPlatformCommandAllowed, platformAuthorization, platformRolesOf } from './authorization.ts';
export type { PlatformPermission, PlatformRole } from './authorization.ts';
export { describePlatform, evolvePlatform, initialPlatformState } from './state.ts';
export type { Platform, PlatformDescription, PlatformState, PlatformStatus, Team, Venue } from './state.ts';
export { decidePlatform, platformDecider } from './platformDecider.ts';
