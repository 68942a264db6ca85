import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import type { DeciderThen } from '@backbone/eventsourcing/testing';
import { adviceNoteDecider } from './adviceNote/adviceNote.ts';
import { isTalentCommandAllowed, talentAuthorization, talentRolesOf } from './authorization.ts';
import { TALENT_COMMAND_TYPES } from './commands.ts';
import type { TalentCommandType } from './commands.ts';
import { incentivePolicyDecider } from './incentivePolicy/incentivePolicy.ts';
import { personDecider } from './person/personDecider.ts';
import { practiceBaseDecider } from './practiceBase/practiceBase.ts';
import { selectionRoundDecider } from './selectionRound/selectionRound.ts';
import {
  appoint,
  appointed,
  BASE_ID,
  completeCourse,
  COORDINATING,
  designateBase,
  directory,
  erased,
  erasePerson,
  FIELD,
  granted,
  grantCertification,
  grantIncentive,
  issuePolicy,
  logServiceHours,
  nominate,
  nominated,
  NOTE_ID,
  openRound,
  OTHER,
  OUTSIDER,
  PERSON_ID,
  personFacts,
  policyIssued,
  recordResult,
  registered,
  registerPerson,
  ROUND_ID,
  roundFacts,
  roundOpened,
  selectedAs,
  SELF,
  submitNote,
  thinkTankExpert,
} from './testing/talentFixtures.ts';

type Column = 'coordinating' | 'self' | 'other' | 'outsider';
type Cell = 'allowed' | 'forbidden';
const A: Cell = 'allowed';
const F: Cell = 'forbidden';

// The expected matrix, written out by hand; deliberately not derived from the table in
// authorization.ts. Columns: the coordinating department; the department acting for itself
// (it registered the person or the think-tank member, issued the policy, or is nominating);
// another known department with no relation to the aggregate; a credential whose department
// the directory does not know.
//                                      coordinating self other outsider
const EXPECTED: Record<TalentCommandType, readonly [Cell, Cell, Cell, Cell]> = {
  registerPerson: /*               */ [A, A, A, F],
  erasePerson: /*                  */ [A, A, F, F],
  recordSelectionResult: /*        */ [A, F, F, F],
  completeCourse: /*               */ [A, A, F, F],
  grantCertification: /*           */ [A, F, F, F],
  logServiceHours: /*              */ [A, A, F, F],
  appointThinkTankMember: /*       */ [A, F, F, F],
  openSelectionRound: /*           */ [A, F, F, F],
  nominate: /*                     */ [A, A, A, F],
  issueIncentivePolicy: /*         */ [A, A, A, F],
  grantIncentive: /*               */ [F, A, F, F],
  designatePracticeBase: /*        */ [A, F, F, F],
  submitAdviceNote: /*             */ [A, A, F, F],
};
const COLUMNS: readonly Column[] = ['coordinating', 'self', 'other', 'outsider'];
const ACTOR: Record<Column, string> = { coordinating: COORDINATING, self: SELF, other: OTHER, outsider: OUTSIDER };

/** Runs the command for `actor` on a stream where it is valid for an allowed actor, and checks the cell. */
type Scenario = (actor: string) => { readonly outcome: DeciderThen<unknown>; readonly allowed: readonly unknown[] };

const person = DeciderSpecification.for(personDecider);
const round = DeciderSpecification.for(selectionRoundDecider);
const policy = DeciderSpecification.for(incentivePolicyDecider);
const base = DeciderSpecification.for(practiceBaseDecider);
const note = DeciderSpecification.for(adviceNoteDecider);
const expert = registered({ kind: 'expert', sector: 'university' });

const SCENARIOS: Record<TalentCommandType, Scenario> = {
  registerPerson: (actor) => ({ outcome: person.given([]).when(registerPerson(actor)), allowed: [registered({ registeredBy: actor })] }),
  erasePerson: (actor) => ({ outcome: person.given([registered()]).when(erasePerson(actor)), allowed: [erased] }),
  recordSelectionResult: (actor) => ({
    outcome: person.given([registered()]).when(recordResult({ roundId: ROUND_ID, tier: 'entry' }, roundFacts('entry'), actor)),
    allowed: [selectedAs('entry', ROUND_ID)],
  }),
  completeCourse: (actor) => ({
    outcome: person.given([registered()]).when(completeCourse(6, actor)),
    allowed: [{ type: 'CourseCompleted', data: { personId: PERSON_ID, courseId: 'field-practice-101', hours: 6 } }],
  }),
  grantCertification: (actor) => ({
    outcome: person.given([registered()]).when(grantCertification(actor)),
    allowed: [{ type: 'CertificationGranted', data: { personId: PERSON_ID, certification: 'junior-social-worker', grantedBy: actor } }],
  }),
  logServiceHours: (actor) => ({
    outcome: person.given([registered()]).when(logServiceHours({}, actor)),
    allowed: [{ type: 'ServiceHoursLogged', data: { personId: PERSON_ID, field: FIELD, hours: 2.5, servedOn: '2025-03-30' } }],
  }),
  appointThinkTankMember: (actor) => ({
    outcome: person.given([expert]).when(appoint(actor)),
    allowed: [{ ...appointed, data: { personId: PERSON_ID, appointedBy: actor } }],
  }),
  openSelectionRound: (actor) => ({ outcome: round.given([]).when(openRound({}, actor)), allowed: [roundOpened()] }),
  nominate: (actor) => ({
    outcome: round.given([roundOpened()]).when(nominate(personFacts([registered()]), actor)),
    allowed: [nominated(actor)],
  }),
  issueIncentivePolicy: (actor) => ({
    outcome: policy.given([]).when(issuePolicy({}, actor)),
    allowed: [policyIssued({ issuedBy: actor })],
  }),
  grantIncentive: (actor) => ({
    outcome: policy.given([policyIssued({ issuedBy: SELF })]).when(grantIncentive(1_000, personFacts([registered()]), actor)),
    allowed: [granted(1_000)],
  }),
  designatePracticeBase: (actor) => ({
    outcome: base.given([]).when(designateBase({}, actor)),
    allowed: [
      { type: 'PracticeBaseDesignated', data: { baseId: BASE_ID, universityOrgId: 'southwest-university-of-science-and-technology', fields: [FIELD] } },
    ],
  }),
  submitAdviceNote: (actor) => ({
    outcome: note.given([]).when(submitNote(personFacts(thinkTankExpert), {}, actor)),
    allowed: [{ type: 'AdviceNoteSubmitted', data: { noteId: NOTE_ID, memberId: PERSON_ID, field: FIELD, titleRef: 'doc-2025-017' } }],
  }),
};

const cells = TALENT_COMMAND_TYPES.flatMap((type) => COLUMNS.map((column, index) => [type, column, EXPECTED[type][index] ?? F] as const));

describe('who may do what in the talent context: every command × every standing', () => {
  it('the expected matrix and the table cover every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TALENT_COMMAND_TYPES].sort());
    expect(Object.keys(talentAuthorization).sort()).toEqual([...TALENT_COMMAND_TYPES].sort());
  });

  it.each(cells)('%s by %s → %s', (type, column, cell) => {
    const { outcome, allowed } = SCENARIOS[type](ACTOR[column]);
    if (cell === 'allowed') outcome.then(allowed);
    else outcome.thenThrows(talentAuthorization[type].rule);
  });

  it('denies a command the table does not know', () => {
    expect(isTalentCommandAllowed('deletePerson', ['coordinating', 'owner', 'member'])).toBe(false);
    expect(isTalentCommandAllowed('toString', ['coordinating'])).toBe(false);
  });
});

describe('talentRolesOf', () => {
  it('names each department by its standing towards the aggregate', () => {
    expect(talentRolesOf(COORDINATING, directory, SELF)).toEqual(['coordinating', 'member']);
    expect(talentRolesOf(SELF, directory, SELF)).toEqual(['owner', 'member']);
    expect(talentRolesOf(OTHER, directory, SELF)).toEqual(['member']);
    expect(talentRolesOf(OUTSIDER, directory, SELF)).toEqual(['outsider']);
    expect(talentRolesOf(COORDINATING, directory, COORDINATING)).toEqual(['coordinating', 'owner', 'member']);
  });
  it('the coordinating department grants under a policy it issued itself', () => {
    policy
      .given([policyIssued({ issuedBy: COORDINATING })])
      .when(grantIncentive(1_000, personFacts([registered()]), COORDINATING))
      .then([granted(1_000)]);
  });
  it('the registrar of an erased person may not act for it any more than others', () => {
    person.given([registered(), erased]).when(completeCourse(2, SELF)).thenThrows('person-erased');
    person.given([registered(), erased]).when(completeCourse(2, OTHER)).thenThrowsCode('forbidden');
  });
});
