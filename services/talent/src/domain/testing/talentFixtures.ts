import type { Sector } from '@backbone/contracts';
import type {
  AdviceNoteCommandOf,
  IncentivePolicyCommandOf,
  PersonCommandOf,
  PracticeBaseCommandOf,
  SelectionRoundCommandOf,
} from '../commands.ts';
import { createTalentDirectory } from '../directory.ts';
import type { PersonFacts, SelectionRoundFacts } from '../facts.ts';
import type { IncentivePolicyEvent } from '../incentivePolicy/incentivePolicy.ts';
import { evolvePerson, initialPersonState, personFactsOf } from '../person/personState.ts';
import type { PersonEvent } from '../person/personState.ts';
import type { SelectionRoundEvent } from '../selectionRound/selectionRound.ts';

// Shared givens for the talent decider specifications: a directory like config/reference.json,
// one person, one round, one policy, and builders for each command as the server hands it over.

export const COORDINATING = 'social-work';
/** The department acting for itself: it registers the person, nominates, issues its own policy. */
export const SELF = 'civil-affairs';
/** A known department with no relation to the aggregate. */
export const OTHER = 'science-technology';
/** A credential whose department the directory does not know. */
export const OUTSIDER = 'department-99';
export const FIELD = 'new-employment-groups';
export const OTHER_FIELD = 'technology-development-support';

export const directory = createTalentDirectory({
  coordinating: COORDINATING,
  departments: [COORDINATING, SELF, OTHER, 'department-4'],
  fields: [FIELD, OTHER_FIELD, 'micro-economy-joint-services'],
});

export const NOW = new Date('2025-04-01T09:00:00.000Z');
export const CLOSES_AT = '2025-05-01T00:00:00.000Z';
export const AFTER_CLOSE = new Date('2025-05-02T09:00:00.000Z');

export const PERSON_ID = 'person-0001';
export const ROUND_ID = 'round-2025-entry';
export const POLICY_ID = 'policy-2025-common';
export const BASE_ID = 'base-swust';
export const NOTE_ID = 'note-0001';
/** Keyed hashes of two external ids (any 64 hex digits do for the decider). */
export const REF_HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const OTHER_REF_HASH = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

const context = (actor: string, now: Date) => ({ actor, now, directory });

// ── events ──────────────────────────────────────────────────────────────────────────────

export const registered = (overrides: Partial<{ kind: 'social-worker' | 'volunteer' | 'expert'; sector: Sector; fields: string[]; registeredBy: string }> = {}): PersonEvent => ({
  type: 'PersonRegistered',
  data: {
    personId: PERSON_ID,
    kind: 'social-worker',
    sector: 'social-organisation',
    fields: [FIELD],
    registeredBy: SELF,
    externalRefHash: REF_HASH,
    ...overrides,
  },
});
export const erased: PersonEvent = { type: 'PersonErased', data: { personId: PERSON_ID } };
export const selectedAs = (tier: 'entry' | 'backbone' | 'leading', roundId: string, skippedTierReason?: string): PersonEvent => ({
  type: 'SelectionResultRecorded',
  data: skippedTierReason === undefined ? { roundId, personId: PERSON_ID, tier } : { roundId, personId: PERSON_ID, tier, skippedTierReason },
});
export const appointed: PersonEvent = { type: 'ThinkTankMemberAppointed', data: { personId: PERSON_ID, appointedBy: COORDINATING } };

export const roundOpened = (tier: 'entry' | 'backbone' | 'leading' = 'entry'): SelectionRoundEvent => ({
  type: 'SelectionRoundOpened',
  data: { roundId: ROUND_ID, field: FIELD, tier, closesAt: CLOSES_AT },
});
export const nominated = (nominatedBy: string = SELF, personId: string = PERSON_ID): SelectionRoundEvent => ({
  type: 'PersonNominated',
  data: { roundId: ROUND_ID, personId, nominatedBy },
});

export const policyIssued = (overrides: Partial<{ scope: 'common' | 'classified'; sectors: Sector[]; budgetFen: number; issuedBy: string }> = {}): IncentivePolicyEvent => ({
  type: 'IncentivePolicyIssued',
  data: { policyId: POLICY_ID, scope: 'common', sectors: [], budgetFen: 100_000, issuedBy: SELF, ...overrides },
});
export const granted = (amountFen: number, personId: string = PERSON_ID): IncentivePolicyEvent => ({
  type: 'IncentiveGranted',
  data: { policyId: POLICY_ID, personId, amountFen },
});

// ── facts ───────────────────────────────────────────────────────────────────────────────

/** A person's facts as the service would read them from the person's stream. */
export function personFacts(events: readonly PersonEvent[]): PersonFacts | undefined {
  return personFactsOf(events.reduce(evolvePerson, initialPersonState()));
}
/** The facts of a round in tier `tier` whose nominees are `nominees`. */
export const roundFacts = (tier: 'entry' | 'backbone' | 'leading' = 'entry', nominees: readonly string[] = [PERSON_ID]): SelectionRoundFacts => ({
  roundId: ROUND_ID,
  field: FIELD,
  tier,
  closesAt: CLOSES_AT,
  nominees,
});

// ── commands ────────────────────────────────────────────────────────────────────────────

export const registerPerson = (
  actor: string = SELF,
  data: Partial<PersonCommandOf<'registerPerson'>['data']> = {},
  existingExternalRefHashes: Iterable<string> = [],
): PersonCommandOf<'registerPerson'> => ({
  type: 'registerPerson',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: { kind: 'social-worker', sector: 'social-organisation', fields: [FIELD], ...data },
  facts: { externalRefHash: REF_HASH, existingExternalRefHashes: new Set(existingExternalRefHashes) },
});
export const erasePerson = (actor: string = SELF): PersonCommandOf<'erasePerson'> => ({
  type: 'erasePerson',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: {},
});
export const recordResult = (
  data: PersonCommandOf<'recordSelectionResult'>['data'],
  round: SelectionRoundFacts | undefined,
  actor: string = COORDINATING,
  now: Date = AFTER_CLOSE,
): PersonCommandOf<'recordSelectionResult'> => ({
  type: 'recordSelectionResult',
  personId: PERSON_ID,
  ...context(actor, now),
  data,
  facts: { round },
});
export const completeCourse = (hours: number, actor: string = SELF, courseId = 'field-practice-101'): PersonCommandOf<'completeCourse'> => ({
  type: 'completeCourse',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: { courseId, hours },
});
export const grantCertification = (actor: string = COORDINATING, certification = 'junior-social-worker'): PersonCommandOf<'grantCertification'> => ({
  type: 'grantCertification',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: { certification },
});
export const logServiceHours = (
  data: Partial<PersonCommandOf<'logServiceHours'>['data']> = {},
  actor: string = SELF,
): PersonCommandOf<'logServiceHours'> => ({
  type: 'logServiceHours',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: { field: FIELD, hours: 2.5, servedOn: '2025-03-30', ...data },
});
export const appoint = (actor: string = COORDINATING): PersonCommandOf<'appointThinkTankMember'> => ({
  type: 'appointThinkTankMember',
  personId: PERSON_ID,
  ...context(actor, NOW),
  data: {},
});

export const openRound = (
  data: Partial<SelectionRoundCommandOf<'openSelectionRound'>['data']> = {},
  actor: string = COORDINATING,
): SelectionRoundCommandOf<'openSelectionRound'> => ({
  type: 'openSelectionRound',
  roundId: ROUND_ID,
  ...context(actor, NOW),
  data: { field: FIELD, tier: 'entry', closesAt: CLOSES_AT, ...data },
});
export const nominate = (
  nominee: PersonFacts | undefined,
  actor: string = SELF,
  now: Date = NOW,
  personId: string = PERSON_ID,
): SelectionRoundCommandOf<'nominate'> => ({
  type: 'nominate',
  roundId: ROUND_ID,
  ...context(actor, now),
  data: { personId },
  facts: { nominee },
});

export const issuePolicy = (
  data: Partial<IncentivePolicyCommandOf<'issueIncentivePolicy'>['data']> = {},
  actor: string = SELF,
): IncentivePolicyCommandOf<'issueIncentivePolicy'> => ({
  type: 'issueIncentivePolicy',
  policyId: POLICY_ID,
  ...context(actor, NOW),
  data: { scope: 'common', sectors: [], budgetFen: 100_000, ...data },
});
export const grantIncentive = (
  amountFen: number,
  recipient: PersonFacts | undefined,
  actor: string = SELF,
): IncentivePolicyCommandOf<'grantIncentive'> => ({
  type: 'grantIncentive',
  policyId: POLICY_ID,
  ...context(actor, NOW),
  data: { personId: PERSON_ID, amountFen },
  facts: { recipient },
});

export const designateBase = (
  data: Partial<PracticeBaseCommandOf<'designatePracticeBase'>['data']> = {},
  actor: string = COORDINATING,
): PracticeBaseCommandOf<'designatePracticeBase'> => ({
  type: 'designatePracticeBase',
  baseId: BASE_ID,
  ...context(actor, NOW),
  data: { universityOrgId: 'southwest-university-of-science-and-technology', fields: [FIELD], ...data },
});

export const submitNote = (
  member: PersonFacts | undefined,
  data: Partial<AdviceNoteCommandOf<'submitAdviceNote'>['data']> = {},
  actor: string = SELF,
): AdviceNoteCommandOf<'submitAdviceNote'> => ({
  type: 'submitAdviceNote',
  noteId: NOTE_ID,
  ...context(actor, NOW),
  data: { memberId: PERSON_ID, field: FIELD, titleRef: 'doc-2025-017', ...data },
  facts: { member },
});

/** An expert registered by SELF and appointed to the think tank. */
export const thinkTankExpert: readonly PersonEvent[] = [registered({ kind: 'expert', sector: 'university' }), appointed];
