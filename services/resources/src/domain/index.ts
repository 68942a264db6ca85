export {
  AwardGrantBody,
  ContributeFundsBody,
  DisburseGrantBody,
  IssuePolicyBody,
  OpenCallBody,
  OpenPoolBody,
  RESOURCE_COMMAND_TYPES,
  RevokeGrantBody,
  ScoreApplicationBody,
  SubmitApplicationBody,
  createResourcesDirectory,
  resourceCommandBodies,
} from './commands.ts';
export type {
  ApplicationCommand,
  PolicyCommand,
  PoolCommand,
  ResourceCommand,
  ResourceCommandOf,
  ResourceCommandType,
  ResourcesDirectory,
} from './commands.ts';
export type { ApplicationFacts, CallFacts } from './facts.ts';
export { authorizeResourceCommand, isResourceCommandAllowed, resourceAuthorization, resourceRolesOf } from './authorization.ts';
export type { ResourcePermission, ResourceRole, RoleContext } from './authorization.ts';
export { applicationEventDefinitions, policyEventDefinitions, poolEventDefinitions } from './eventDefinitions.ts';
export {
  availableFen,
  callFactsOf,
  describePool,
  evolvePool,
  initialPoolState,
  remainingFen,
  uncommittedFen,
  undisbursedFen,
} from './pools/poolState.ts';
export type { FundPool, Grant, IncubationCall, PoolDescription, PoolEvent, PoolState } from './pools/poolState.ts';
export { decidePool, poolDecider } from './pools/poolDecider.ts';
export { MAX_POOL_TOTAL_FEN } from './pools/funds.ts';
export { applicationFactsOf, evolveApplication, initialApplicationState } from './applications/applicationState.ts';
export type { Application, ApplicationEvent, ApplicationState, Review } from './applications/applicationState.ts';
export { applicationDecider, decideApplication } from './applications/applicationDecider.ts';
export { decidePolicy, evolvePolicy, initialPolicyState, policyDecider } from './policies/policyDecider.ts';
export type { Policy, PolicyEvent, PolicyState } from './policies/policyDecider.ts';
export { rankApplications, weightedScore } from './scoring/weightedScore.ts';
export type { RankableApplication, RankedApplication } from './scoring/weightedScore.ts';
export { deliveryTaskFor, deliveryTaskIdFor } from './delivery/deliveryTask.ts';
export type { DeliveryTaskRequest, GrantAwardedData } from './delivery/deliveryTask.ts';
