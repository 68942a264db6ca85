import { describe, expect, it } from 'vitest';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import type { DomainEvent } from '@backbone/contracts';
import { applicationDecider } from './applications/applicationDecider.ts';
import type { ApplicationEvent } from './applications/applicationState.ts';
import { isResourceCommandAllowed, resourceAuthorization, resourceRolesOf } from './authorization.ts';
import type { ResourceRole } from './authorization.ts';
import { RESOURCE_COMMAND_TYPES } from './commands.ts';
import type { ResourceCommandType } from './commands.ts';
import { policyDecider } from './policies/policyDecider.ts';
import type { PolicyEvent } from './policies/policyDecider.ts';
import { poolDecider } from './pools/poolDecider.ts';
import type { PoolEvent } from './pools/poolState.ts';
import {
  APPLICATION_ID,
  award,
  AWARD_FEN,
  awarded,
  callOpened,
  CALL_ID,
  contribute,
  contributed,
  COORDINATING,
  directory,
  disburse,
  disbursed,
  FIELD,
  fundedPool,
  issuePolicy,
  openCall,
  openPool,
  ORGANISATION_ID,
  POLICY_ID,
  poolOpened,
  poolWithCall,
  poolWithGrant,
  POOL_ID,
  REQUESTED_FEN,
  revoke,
  revoked,
  score,
  scored,
  SPONSOR,
  STRANGER,
  submit,
  submitted,
  TITLE,
  UNRELATED,
} from './testing/resourceFixtures.ts';

type Column = 'coordinating' | 'sponsoring' | 'unrelated' | 'stranger';
type Cell = 'allowed' | 'forbidden';
const A: Cell = 'allowed';
const F: Cell = 'forbidden';

/** Every command, plus the two whose body may name the acting department, naming another one. */
type Row = ResourceCommandType | 'contributeFunds for another' | 'submitApplication for another';

// The expected matrix, written out by hand. It is deliberately not derived from the table in
// authorization.ts: the two must agree. `sponsoring` is the department that sponsors the
// application (and so the grant); `stranger` holds a credential for a department that is not
// in the directory.
//                                               coordinating sponsoring unrelated stranger
const EXPECTED: Record<Row, readonly [Cell, Cell, Cell, Cell]> = {
  openPool: /*                             */ [A, F, F, F],
  contributeFunds: /*                      */ [A, A, A, F],
  'contributeFunds for another': /*        */ [F, F, F, F],
  openCall: /*                             */ [A, F, F, F],
  submitApplication: /*                    */ [A, A, A, F],
  'submitApplication for another': /*      */ [F, F, F, F],
  scoreApplication: /*                     */ [A, F, A, F],
  awardGrant: /*                           */ [A, F, F, F],
  disburseGrant: /*                        */ [A, F, F, F],
  revokeGrant: /*                          */ [A, F, F, F],
  issuePolicy: /*                          */ [A, A, A, F],
};
const COLUMNS: readonly Column[] = ['coordinating', 'sponsoring', 'unrelated', 'stranger'];
const ACTOR: Record<Column, string> = { coordinating: COORDINATING, sponsoring: SPONSOR, unrelated: UNRELATED, stranger: STRANGER };
const another = (actor: string) => (actor === UNRELATED ? SPONSOR : UNRELATED);

/** Runs one cell: the allowed actor's command writes the expected events; any other is refused with 403. */
type Check = (actor: string, cell: Cell) => void;

function scenario<TCommand, TState, TEvent extends DomainEvent>(
  decider: { initialState: () => TState; decide: (c: TCommand, s: TState) => TEvent[]; evolve: (s: TState, e: TEvent) => TState },
  given: readonly TEvent[],
  when: (actor: string) => TCommand,
  then: (actor: string) => TEvent[],
): Check {
  const spec = DeciderSpecification.for(decider);
  return (actor, cell) => {
    const outcome = spec.given(given).when(when(actor));
    if (cell === 'allowed') outcome.then(then(actor));
    else outcome.thenThrowsCode('forbidden');
  };
}

const SCENARIOS: Record<Row, Check> = {
  openPool: scenario(poolDecider, [], (actor) => openPool(actor), (actor): PoolEvent[] => [
    { type: 'FundPoolOpened', data: { poolId: POOL_ID, name: '2025 incubation venture', openedBy: actor } },
  ]),
  contributeFunds: scenario(poolDecider, [poolOpened], (actor) => contribute(actor, 100), (actor) => [contributed(actor, 100)]),
  'contributeFunds for another': scenario(poolDecider, [poolOpened], (actor) => contribute(actor, 100, another(actor)), () => []),
  openCall: scenario(poolDecider, fundedPool, (actor) => openCall(actor), () => [callOpened()]),
  submitApplication: scenario(applicationDecider, [], (actor) => submit(actor), (actor): ApplicationEvent[] => [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: APPLICATION_ID,
        callId: CALL_ID,
        poolId: POOL_ID,
        applicantOrganisationId: ORGANISATION_ID,
        sponsoringDepartment: actor,
        field: FIELD,
        title: TITLE,
        requestedFen: REQUESTED_FEN,
      },
    },
  ]),
  'submitApplication for another': scenario(applicationDecider, [], (actor) => submit(actor, { sponsoringDepartment: another(actor) }), () => []),
  scoreApplication: scenario(applicationDecider, [submitted], (actor) => score(actor, 'reviewer-1'), (actor) => [scored('reviewer-1', actor)]),
  awardGrant: scenario(poolDecider, poolWithCall, (actor) => award(actor), () => [awarded()]),
  disburseGrant: scenario(poolDecider, poolWithGrant, (actor) => disburse(actor, 1), () => [disbursed(1)]),
  revokeGrant: scenario(poolDecider, poolWithGrant, (actor) => revoke(actor), () => [revoked(AWARD_FEN)]),
  issuePolicy: scenario(policyDecider, [], (actor) => issuePolicy(actor), (actor): PolicyEvent[] => [
    {
      type: 'PolicyIssued',
      data: { policyId: POLICY_ID, kind: 'mechanism', fields: [FIELD], issuedBy: actor, title: 'Joint review mechanism for incubation projects' },
    },
  ]),
};

const rows = Object.keys(EXPECTED) as Row[];
const cells = rows.flatMap((row) => COLUMNS.map((column, index) => [row, column, EXPECTED[row][index] ?? F] as const));

describe('who may do what: every command × coordinating, sponsoring, unrelated and unknown departments', () => {
  it('the expected matrix covers every command', () => {
    expect(rows.filter((row) => !row.includes(' ')).sort()).toEqual([...RESOURCE_COMMAND_TYPES].sort());
    expect(Object.keys(resourceAuthorization).sort()).toEqual([...RESOURCE_COMMAND_TYPES].sort());
  });

  it.each(cells)('%s by %s → %s', (row, column, cell) => {
    SCENARIOS[row](ACTOR[column], cell);
  });

  it.each(cells.filter(([row]) => !row.includes(' ')))('the table answers %s by %s → %s', (row, column, cell) => {
    const actor = ACTOR[column];
    const roles = resourceRolesOf({ actor, directory, sponsoringDepartment: row === 'scoreApplication' || row.endsWith('Grant') ? SPONSOR : undefined });
    expect(isResourceCommandAllowed(row, roles)).toBe(cell === 'allowed');
  });

  it('denies a command the table does not know, whatever the roles', () => {
    const every: ResourceRole[] = ['coordinating', 'department', 'sponsoring', 'reviewer', 'unrelated'];
    expect(isResourceCommandAllowed('closePool', every)).toBe(false);
    expect(isResourceCommandAllowed('constructor', every)).toBe(false);
  });
});

describe('resourceRolesOf', () => {
  const roles = (actor: string, more: { namedDepartment?: string; sponsoringDepartment?: string } = {}) =>
    resourceRolesOf({ actor, directory, ...more });

  it('the coordinating department is also a department of the directory', () => {
    expect(roles(COORDINATING)).toEqual(['coordinating', 'department']);
  });
  it('a department acting for itself, or naming itself', () => {
    expect(roles(SPONSOR)).toEqual(['department']);
    expect(roles(SPONSOR, { namedDepartment: SPONSOR })).toEqual(['department']);
  });
  it('a department naming another one is not acting for itself', () => {
    expect(roles(SPONSOR, { namedDepartment: UNRELATED })).toEqual(['unrelated']);
    expect(roles(COORDINATING, { namedDepartment: SPONSOR })).toEqual(['coordinating']);
  });
  it('towards an application, its sponsor is no reviewer and every other known department is', () => {
    expect(roles(SPONSOR, { sponsoringDepartment: SPONSOR })).toEqual(['department', 'sponsoring']);
    expect(roles(UNRELATED, { sponsoringDepartment: SPONSOR })).toEqual(['department', 'reviewer']);
    expect(roles(COORDINATING, { sponsoringDepartment: COORDINATING })).toEqual(['coordinating', 'department', 'sponsoring']);
  });
  it('a department outside the directory holds no role', () => {
    expect(roles(STRANGER)).toEqual(['unrelated']);
    expect(roles(STRANGER, { sponsoringDepartment: SPONSOR })).toEqual(['unrelated']);
  });
});
