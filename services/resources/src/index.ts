export {
  AwardGrantBody,
  ContributeFundsBody,
  DisburseGrantBody,
  IssuePolicyBody,
  MAX_POOL_TOTAL_FEN,
  OpenCallBody,
  OpenPoolBody,
  RESOURCE_COMMAND_TYPES,
  RevokeGrantBody,
  ScoreApplicationBody,
  SubmitApplicationBody,
  applicationDecider,
  applicationEventDefinitions,
  applicationFactsOf,
  authorizeResourceCommand,
  availableFen,
  callFactsOf,
  createResourcesDirectory,
  decideApplication,
  decidePolicy,
  decidePool,
  deliveryTaskFor,
  deliveryTaskIdFor,
  describePool,
  evolveApplication,
  evolvePolicy,
  evolvePool,
  initialApplicationState,
  initialPolicyState,
  initialPoolState,
  isResourceCommandAllowed,
  policyDecider,
  policyEventDefinitions,
  poolDecider,
  poolEventDefinitions,
  rankApplications,
  remainingFen,
  resourceAuthorization,
  resourceCommandBodies,
  resourceRolesOf,
  uncommittedFen,
  undisbursedFen,
  weightedScore,
} from './domain/index.ts';
export type {
  Application,
  ApplicationCommand,
  ApplicationEvent,
  ApplicationFacts,
  ApplicationState,
  CallFacts,
  DeliveryTaskRequest,
  FundPool,
  Grant,
  GrantAwardedData,
  IncubationCall,
  Policy,
  PolicyCommand,
  PolicyEvent,
  PolicyState,
  PoolCommand,
  PoolDescription,
  PoolEvent,
  PoolState,
  RankableApplication,
  RankedApplication,
  ResourceCommand,
  ResourceCommandOf,
  ResourceCommandType,
  ResourcePermission,
  ResourceRole,
  ResourcesDirectory,
  Review,
  RoleContext,
} from './domain/index.ts';

export { createResourceHandlers } from './commands/resourceHandlers.ts';
export type { ResourceHandlers, ResourceHandlersOptions } from './commands/resourceHandlers.ts';
export { createResourceCommands } from './commands/resourceCommands.ts';
export type { BodyOf, CommandMeta, ResourceCommands, ResourceCommandsOptions } from './commands/resourceCommands.ts';
export {
  newApplicationId,
  newCallId,
  newGrantId,
  newPolicyId,
  newPoolId,
  poolIdOfCall,
  poolIdOfGrant,
  requireApplicationId,
  requirePolicyId,
  requirePoolId,
} from './commands/resourceIds.ts';

export { createResourcesApi } from './api/resourcesApi.ts';
export type { ResourcesApiOptions } from './api/resourcesApi.ts';
export { createResourceReads } from './api/resourceReads.ts';
export type { ResourceReads, ResourceReadsOptions } from './api/resourceReads.ts';

export {
  BOARD_APPLICATIONS,
  BOARD_POOLS,
  RESOURCES_BOARD,
  callApplicationsSet,
  resourcesBoardProjection,
} from './projections/resourcesBoardProjection.ts';
export type { ApplicationDocument, PoolDocument, ResourcesBoardProjectionOptions } from './projections/resourcesBoardProjection.ts';
export { FUNDS_COUNTS, FUNDS_KINDS, fundsCounter, fundsFieldScope, fundsIncrements } from './projections/fundsCounters.ts';
export type { FundsCount, FundsKind, FundsMetric, FundsScope } from './projections/fundsCounters.ts';
export { callRanking, fundsBoard, fundsNumbers } from './projections/fundsBoard.ts';
export type { FundsBoard, FundsNumbers } from './projections/fundsBoard.ts';
export { readResourceEvent } from './projections/resourceEvents.ts';
export type { ReadResourceEvent } from './projections/resourceEvents.ts';
export { registerFundsGauges } from './metrics/fundsGauges.ts';
export type { FundsGaugesOptions } from './metrics/fundsGauges.ts';

export { GRANT_DELIVERY_GROUP, deliveryTaskAt, startGrantDelivery } from './processes/grantDelivery.ts';
export type { DeliveryCause, DeliveryTaskCommands, GrantDelivery, GrantDeliveryOptions } from './processes/grantDelivery.ts';

export { runResourcesDemo } from './demo/resourcesDemo.ts';
export type { DemoRandom, ResourcesDemoOptions } from './demo/resourcesDemo.ts';
