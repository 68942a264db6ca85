import { z } from 'zod';
import { FieldId, TalentId, TalentRef } from '@backbone/contracts';
import type { TalentDirectory } from './directory.ts';
import type { PersonFacts, SelectionRoundFacts } from './facts.ts';

// Command data: what a department sends. The aggregate id, the acting department, the time,
// the directory and facts about other aggregates are added by the server, never read from a
// body. Kinds, sectors, tiers and scopes are checked by the deciders (400 with the rule
// `unknown-kind|sector|tier|scope`), so every path into a decider gets the same answer.

const Choice = (description: string) => z.string().trim().min(1).max(64).meta({ description });
const Reason = z.string().trim().min(1).max(2000);
const Hours = (max: number) => z.number().positive().max(max).multipleOf(0.1).meta({ description: 'hours, in tenths of an hour' });
const Fen = z.int().min(1).max(1_000_000_000_000);
const Fields = z.array(FieldId).min(1).max(20);

/** The part of a registration the decider sees: no personal data. */
export const PersonProfileData = z.strictObject({
  kind: Choice('social-worker | volunteer | expert'),
  sector: Choice('university | social-organisation | public-institution | community | enterprise'),
  fields: Fields,
});
/** Personal data: kept in the service's own store, never in an event. */
export const PersonalDataBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  contact: z.string().trim().min(1).max(200).optional(),
  identityNumber: z.string().trim().min(1).max(64).optional(),
});
/** POST /api/talent/people: the profile, the person's id in their department's system, and personal data. */
export const RegisterPersonBody = z.strictObject({
  ...PersonProfileData.shape,
  externalId: z.string().trim().min(1).max(200),
  ...PersonalDataBody.shape,
});
/** POST /api/talent/people/{id}/erasure */
export const ErasePersonBody = z.strictObject({});
/** POST /api/talent/people/{id}/tier */
export const RecordSelectionResultBody = z.strictObject({
  roundId: TalentId,
  tier: Choice('entry | backbone | leading'),
  skippedTierReason: Reason.optional(),
});
/** POST /api/talent/people/{id}/trainings */
export const CompleteCourseBody = z.strictObject({ courseId: TalentRef, hours: Hours(2000) });
/** POST /api/talent/people/{id}/certifications */
export const GrantCertificationBody = z.strictObject({ certification: TalentRef });
/** POST /api/talent/people/{id}/service-hours */
export const LogServiceHoursBody = z.strictObject({
  field: FieldId,
  platformId: TalentId.optional(),
  hours: Hours(24),
  servedOn: z.iso.date(),
});
/** POST /api/talent/think-tank/members: names the person; the decider acts on that person. */
export const AppointThinkTankMemberBody = z.strictObject({ personId: TalentId });
/** POST /api/talent/selection-rounds */
export const OpenSelectionRoundBody = z.strictObject({
  field: FieldId,
  tier: Choice('entry | backbone | leading'),
  closesAt: z.iso.datetime({ offset: true }),
});
/** POST /api/talent/selection-rounds/{id}/nominations */
export const NominateBody = z.strictObject({ personId: TalentId });
/** POST /api/talent/incentive-policies: `sectors` only for a classified policy. */
export const IssueIncentivePolicyBody = z.strictObject({
  scope: Choice('common | classified'),
  sectors: z.array(Choice('a sector')).max(10).default([]),
  budgetFen: Fen,
});
/** POST /api/talent/people/{id}/incentives: names the policy; the decider acts on that policy. */
export const GrantIncentiveBody = z.strictObject({ policyId: TalentId, amountFen: Fen });
/** The grant as the policy's decider sees it. */
export const GrantIncentiveData = z.strictObject({ personId: TalentId, amountFen: Fen });
/** POST /api/talent/practice-bases */
export const DesignatePracticeBaseBody = z.strictObject({ universityOrgId: TalentRef, fields: Fields });
/** POST /api/talent/think-tank/notes: attached to a field, a task, or both. */
export const SubmitAdviceNoteBody = z.strictObject({
  memberId: TalentId,
  field: FieldId.optional(),
  taskId: TalentId.optional(),
  titleRef: TalentId,
});

/** The schema of each command's data as its decider sees it, by command type. */
export const talentCommandData = {
  registerPerson: PersonProfileData,
  erasePerson: ErasePersonBody,
  recordSelectionResult: RecordSelectionResultBody,
  completeCourse: CompleteCourseBody,
  grantCertification: GrantCertificationBody,
  logServiceHours: LogServiceHoursBody,
  appointThinkTankMember: z.strictObject({}),
  openSelectionRound: OpenSelectionRoundBody,
  nominate: NominateBody,
  issueIncentivePolicy: IssueIncentivePolicyBody,
  grantIncentive: GrantIncentiveData,
  designatePracticeBase: DesignatePracticeBaseBody,
  submitAdviceNote: SubmitAdviceNoteBody,
} as const;

/** Every talent command type. */
export type TalentCommandType = keyof typeof talentCommandData;
export const TALENT_COMMAND_TYPES = Object.keys(talentCommandData) as TalentCommandType[];

/** The commands of each aggregate; the aggregate's id names its stream. */
export const PERSON_COMMAND_TYPES = [
  'registerPerson',
  'erasePerson',
  'recordSelectionResult',
  'completeCourse',
  'grantCertification',
  'logServiceHours',
  'appointThinkTankMember',
] as const;
export const SELECTION_ROUND_COMMAND_TYPES = ['openSelectionRound', 'nominate'] as const;
export const INCENTIVE_POLICY_COMMAND_TYPES = ['issueIncentivePolicy', 'grantIncentive'] as const;
export const PRACTICE_BASE_COMMAND_TYPES = ['designatePracticeBase'] as const;
export const ADVICE_NOTE_COMMAND_TYPES = ['submitAdviceNote'] as const;
export type PersonCommandType = (typeof PERSON_COMMAND_TYPES)[number];
export type SelectionRoundCommandType = (typeof SELECTION_ROUND_COMMAND_TYPES)[number];
export type IncentivePolicyCommandType = (typeof INCENTIVE_POLICY_COMMAND_TYPES)[number];
export type PracticeBaseCommandType = (typeof PRACTICE_BASE_COMMAND_TYPES)[number];
export type AdviceNoteCommandType = (typeof ADVICE_NOTE_COMMAND_TYPES)[number];

/** Facts about other aggregates (or the registry) that some commands carry. */
export interface TalentCommandFacts {
  /** `externalRefHash` is the keyed hash of the body's `externalId`; the set holds those of every registered, unerased person. */
  readonly registerPerson: { readonly externalRefHash: string; readonly existingExternalRefHashes: ReadonlySet<string> };
  readonly recordSelectionResult: { readonly round: SelectionRoundFacts | undefined };
  readonly nominate: { readonly nominee: PersonFacts | undefined };
  readonly grantIncentive: { readonly recipient: PersonFacts | undefined };
  /** The member's facts; also who may submit for them (their registering department). */
  readonly submitAdviceNote: { readonly member: PersonFacts | undefined };
}
type FactsOf<T> = T extends keyof TalentCommandFacts ? { readonly facts: TalentCommandFacts[T] } : unknown;

interface CommandBase<T extends TalentCommandType> {
  readonly type: T;
  /** The department id from the credential. */
  readonly actor: string;
  readonly now: Date;
  readonly directory: TalentDirectory;
  readonly data: z.output<(typeof talentCommandData)[T]>;
}

export type PersonCommandOf<T extends PersonCommandType> = CommandBase<T> & { readonly personId: string } & FactsOf<T>;
export type SelectionRoundCommandOf<T extends SelectionRoundCommandType> = CommandBase<T> & { readonly roundId: string } & FactsOf<T>;
export type IncentivePolicyCommandOf<T extends IncentivePolicyCommandType> = CommandBase<T> & { readonly policyId: string } & FactsOf<T>;
export type PracticeBaseCommandOf<T extends PracticeBaseCommandType> = CommandBase<T> & { readonly baseId: string } & FactsOf<T>;
export type AdviceNoteCommandOf<T extends AdviceNoteCommandType> = CommandBase<T> & { readonly noteId: string } & FactsOf<T>;

export type PersonCommand = { [K in PersonCommandType]: PersonCommandOf<K> }[PersonCommandType];
export type SelectionRoundCommand = { [K in SelectionRoundCommandType]: SelectionRoundCommandOf<K> }[SelectionRoundCommandType];
export type IncentivePolicyCommand = { [K in IncentivePolicyCommandType]: IncentivePolicyCommandOf<K> }[IncentivePolicyCommandType];
export type PracticeBaseCommand = { [K in PracticeBaseCommandType]: PracticeBaseCommandOf<K> }[PracticeBaseCommandType];
export type AdviceNoteCommand = { [K in AdviceNoteCommandType]: AdviceNoteCommandOf<K> }[AdviceNoteCommandType];
/** Every talent command, of any aggregate. */
export type TalentCommand = PersonCommand | SelectionRoundCommand | IncentivePolicyCommand | PracticeBaseCommand | AdviceNoteCommand;

/** Splits a registration body at the personal-data boundary: the profile goes to the decider, the rest never does. */
export function splitRegistration(body: z.output<typeof RegisterPersonBody>): {
  profile: z.output<typeof PersonProfileData>;
  externalId: string;
  personalData: z.output<typeof PersonalDataBody>;
} {
  const { kind, sector, fields, externalId, name, contact, identityNumber } = body;
  const personalData = { name, ...(contact === undefined ? {} : { contact }), ...(identityNumber === undefined ? {} : { identityNumber }) };
  return { profile: { kind, sector, fields }, externalId, personalData };
}
