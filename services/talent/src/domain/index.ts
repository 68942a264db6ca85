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
} from './commands.ts';
export type {
  AdviceNoteCommand,
  AdviceNoteCommandOf,
  AdviceNoteCommandType,
  IncentivePolicyCommand,
  IncentivePolicyCommandOf,
  IncentivePolicyCommandType,
  PersonCommand,
  PersonCommandOf,
  PersonCommandType,
  PracticeBaseCommand,
  PracticeBaseCommandOf,
  PracticeBaseCommandType,
  SelectionRoundCommand,
  SelectionRoundCommandOf,
  SelectionRoundCommandType,
  TalentCommand,
  TalentCommandFacts,
  TalentCommandType,
} from './commands.ts';
export { createTalentDirectory } from './directory.ts';
export type { TalentDirectory } from './directory.ts';
export type { PersonFacts, SelectionRoundFacts } from './facts.ts';
export { authorizeTalentCommand, isTalentCommandAllowed, talentAuthorization, talentRolesOf } from './authorization.ts';
export type { TalentPermission, TalentRole } from './authorization.ts';
export { TALENT_AGGREGATES, talentStreamName } from './streams.ts';
export type { TalentAggregate } from './streams.ts';
export { decidePerson, personDecider } from './person/personDecider.ts';
export { evolvePerson, initialPersonState, personEvents, personFactsOf } from './person/personState.ts';
export type { Person, PersonEvent, PersonState } from './person/personState.ts';
export {
  decideSelectionRound,
  evolveSelectionRound,
  initialSelectionRoundState,
  selectionRoundDecider,
  selectionRoundEvents,
  selectionRoundFactsOf,
} from './selectionRound/selectionRound.ts';
export type { Nomination, SelectionRound, SelectionRoundEvent, SelectionRoundState } from './selectionRound/selectionRound.ts';
export {
  coversSector,
  decideIncentivePolicy,
  evolveIncentivePolicy,
  incentivePolicyDecider,
  incentivePolicyEvents,
  initialIncentivePolicyState,
  remainingFen,
} from './incentivePolicy/incentivePolicy.ts';
export type { IncentivePolicy, IncentivePolicyEvent, IncentivePolicyState } from './incentivePolicy/incentivePolicy.ts';
export {
  decidePracticeBase,
  evolvePracticeBase,
  initialPracticeBaseState,
  practiceBaseDecider,
  practiceBaseEvents,
} from './practiceBase/practiceBase.ts';
export type { PracticeBase, PracticeBaseEvent, PracticeBaseState } from './practiceBase/practiceBase.ts';
export { adviceNoteDecider, adviceNoteEvents, decideAdviceNote, evolveAdviceNote, initialAdviceNoteState } from './adviceNote/adviceNote.ts';
export type { AdviceNote, AdviceNoteEvent, AdviceNoteState } from './adviceNote/adviceNote.ts';
