// @backbone/service-talent: Task 3 and Actions 1, 2 and 4 of the plan (DESIGN.md §1):
// the pure domain, the personal-data boundary and its SQLite adapter, the command handlers,
// the HTTP API, the talent-board projection with its board section and gauges, and the demo.
export {
  ADVICE_NOTE_COMMAND_TYPES,
  AppointThinkTankMemberBody,
  CompleteCourseBody,
  DesignatePracticeBaseBody,
  ErasePersonBody,
  GrantCertificationBody,
  GrantIncentiveBody,
  GrantIncentiveData,
  INCENTIVE_POLICY_COMMAND_TYPES,
  IssueIncentivePolicyBody,
  LogServiceHoursBody,
  NominateBody,
  OpenSelectionRoundBody,
  PERSON_COMMAND_TYPES,
  PersonalDataBody,
  PersonProfileData,
  PRACTICE_BASE_COMMAND_TYPES,
  RecordSelectionResultBody,
  RegisterPersonBody,
  SELECTION_ROUND_COMMAND_TYPES,
  SubmitAdviceNoteBody,
  splitRegistration,
  TALENT_COMMAND_TYPES,
  talentCommandData,
  createTalentDirectory,
  authorizeTalentCommand,
  isTalentCommandAllowed,
  talentAuthorization,
  talentRolesOf,
  TALENT_AGGREGATES,
  talentStreamName,
  decidePerson,
  personDecider,
  evolvePerson,
  initialPersonState,
  personEvents,
  personFactsOf,
  decideSelectionRound,
  evolveSelectionRound,
  initialSelectionRoundState,
  selectionRoundDecider,
  selectionRoundEvents,
  selectionRoundFactsOf,
  coversSector,
  decideIncentivePolicy,
  evolveIncentivePolicy,
  incentivePolicyDecider,
  incentivePolicyEvents,
  initialIncentivePolicyState,
  remainingFen,
  decidePracticeBase,
  evolvePracticeBase,
  initialPracticeBaseState,
  practiceBaseDecider,
  practiceBaseEvents,
  adviceNoteDecider,
  adviceNoteEvents,
  decideAdviceNote,
  evolveAdviceNote,
  initialAdviceNoteState,
} from './domain/index.ts';
export type {
  AdviceNote,
  AdviceNoteCommand,
  AdviceNoteCommandOf,
  AdviceNoteCommandType,
  AdviceNoteEvent,
  AdviceNoteState,
  IncentivePolicy,
  IncentivePolicyCommand,
  IncentivePolicyCommandOf,
  IncentivePolicyCommandType,
  IncentivePolicyEvent,
  IncentivePolicyState,
  Nomination,
  Person,
  PersonCommand,
  PersonCommandOf,
  PersonCommandType,
  PersonEvent,
  PersonFacts,
  PersonState,
  PracticeBase,
  PracticeBaseCommand,
  PracticeBaseCommandOf,
  PracticeBaseCommandType,
  PracticeBaseEvent,
  PracticeBaseState,
  SelectionRound,
  SelectionRoundCommand,
  SelectionRoundCommandOf,
  SelectionRoundCommandType,
  SelectionRoundEvent,
  SelectionRoundFacts,
  SelectionRoundState,
  TalentAggregate,
  TalentCommand,
  TalentCommandFacts,
  TalentCommandType,
  TalentDirectory,
  TalentPermission,
  TalentRole,
} from './domain/index.ts';
export { hashExternalRef } from './personalData/externalRef.ts';
export { createInMemoryPersonalDataStore } from './personalData/inMemoryPersonalDataStore.ts';
export type { PersonalData, PersonalDataStore } from './personalData/personalDataStore.ts';
export { createInMemoryExternalRefRegistry } from './personalData/inMemoryExternalRefRegistry.ts';
export type { ExternalRefClaim, ExternalRefRegistry } from './personalData/externalRefRegistry.ts';
export { openSqlitePersonalData } from './personalData/sqlitePersonalData.ts';
export type { SqlitePersonalData, SqlitePersonalDataOptions } from './personalData/sqlitePersonalData.ts';

export { DEV_KEY_FILE, loadTalentEnv, PERSONAL_DATA_FILE, resolveTalentConfig, TalentEnv } from './config/talentEnv.ts';
export type { TalentConfig } from './config/talentEnv.ts';

export { createTalentCommandHandlers } from './commandHandling/talentCommandHandlers.ts';
export type { TalentCommandHandlers, TalentCommandHandlersOptions } from './commandHandling/talentCommandHandlers.ts';
export { isTalentIdOf, newTalentId, talentNotFound, talentStreamOf } from './commandHandling/talentIds.ts';

export { DEFAULT_CLAIM_TIMEOUT_MS } from './registry/personalDataBoundary.ts';
export type { PersonalDataBoundary } from './registry/personalDataBoundary.ts';
export { registerPerson } from './registry/registerPerson.ts';
export type { RegisterPersonRequest } from './registry/registerPerson.ts';
export { erasePerson } from './registry/erasePerson.ts';
export type { ErasePersonRequest } from './registry/erasePerson.ts';

export { createTalentApi } from './api/talentApi.ts';
export type { TalentApiOptions } from './api/talentApi.ts';

export { talentBoardProjection } from './projections/talentBoardProjection.ts';
export type { TalentBoardProjectionOptions } from './projections/talentBoardProjection.ts';
export { TALENT_BOARD, talentCounter } from './projections/talentBoardCounters.ts';
export type { BoardPerson, BoardPolicy } from './projections/talentBoardCounters.ts';
export { readTalentEvent } from './projections/talentEvents.ts';
export { readTalentBoard } from './board/talentBoard.ts';
export type { FieldHours, Granted, ReadTalentBoardOptions, TalentBoard } from './board/talentBoard.ts';
export { registerTalentGauges } from './board/talentGauges.ts';
export type { TalentGaugesOptions } from './board/talentGauges.ts';

export { runTalentDemo } from './demo/talentDemo.ts';
export type { DemoRandom, TalentDemoOptions } from './demo/talentDemo.ts';
