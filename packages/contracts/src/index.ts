export {
  CONTEXTS,
  Envelope,
  isEnvelope,
  EVENT_TYPE_PATTERN,
  contextTopic,
  deadLetterTopic,
  inboxTopic,
  parseEventType,
} from './envelope.ts';
export type { Context } from './envelope.ts';
export { defineEvent } from './eventType.ts';
export type { DomainEvent, EventData, EventDefinition } from './eventType.ts';
export { BackboneError, forbidden, ruleViolation } from './errors.ts';
export type { BackboneErrorOptions, ErrorCode } from './errors.ts';
export { timeOrderedUuid } from './ids.ts';
export { createEventRegistry, readContextEvent } from './registry.ts';
export type { EventRegistry, Upcaster } from './registry.ts';
export { allEventDefinitions } from './events/index.ts';
export {
  DepartmentId,
  DepartmentRegistered,
  DepartmentUpdated,
  FieldId,
  FieldRegistered,
  FieldUpdated,
  REFERENCE_ID_PATTERN,
  referenceEvents,
} from './events/reference.ts';
export type { ReferenceEvent, ReferenceEventName } from './events/reference.ts';
export {
  TaskAccepted,
  TaskAssigned,
  TaskBecameOverdue,
  TaskBlocked,
  TaskCancelled,
  TaskCompleted,
  TaskCreated,
  TaskDeclined,
  TaskDueDateChanged,
  TaskEscalated,
  TaskId,
  TaskProgressReported,
  TaskReassigned,
  TaskReopened,
  TaskUnblocked,
  TaskVerified,
  taskEvents,
} from './events/tasks.ts';
export type { TaskEvent, TaskEventName } from './events/tasks.ts';
export {
  AmountFen,
  ApplicationScored,
  ApplicationSubmitted,
  CRITERIA,
  CriterionScores,
  CriterionWeights,
  FundPoolOpened,
  FundsContributed,
  GrantAwarded,
  GrantDisbursed,
  GrantRevoked,
  IncubationCallOpened,
  MAX_AMOUNT_FEN,
  POLICY_KINDS,
  PolicyIssued,
  PolicyKind,
  ResourceId,
  resourceEvents,
} from './events/resources.ts';
export type { Criterion, ResourceEvent, ResourceEventName } from './events/resources.ts';
export {
  AdviceNoteSubmitted,
  CertificationGranted,
  CourseCompleted,
  ExternalRefHash,
  INCENTIVE_SCOPES,
  IncentiveGranted,
  IncentivePolicyIssued,
  PERSON_KINDS,
  PersonErased,
  PersonNominated,
  PersonRegistered,
  PracticeBaseDesignated,
  SECTORS,
  SelectionResultRecorded,
  SelectionRoundOpened,
  ServiceHoursLogged,
  TIERS,
  TalentHours,
  TalentId,
  TalentRef,
  ThinkTankMemberAppointed,
  talentEvents,
} from './events/talent.ts';
export type { IncentiveScope, PersonKind, Sector, TalentEvent, TalentEventName, Tier } from './events/talent.ts';
export {
  MAX_BENEFICIARIES,
  MAX_VOLUNTEER_HOURS,
  PlaceId,
  PlatformBuildingStarted,
  PlatformId,
  PlatformItemId,
  PlatformOpened,
  PlatformPlanned,
  PlatformResumed,
  PlatformSuspended,
  PolicyDeployed,
  ProjectLinked,
  ServiceDelivered,
  ServiceType,
  TeamStationed,
  VENUE_KINDS,
  VenueAdded,
  VolunteerHours,
  platformEvents,
} from './events/platforms.ts';
export type { PlatformEvent, PlatformEventName, VenueKind } from './events/platforms.ts';
export { asyncApiDocument } from './asyncapi/asyncApiDocument.ts';
export { dataJsonSchema } from './evolution/snapshots.ts';
