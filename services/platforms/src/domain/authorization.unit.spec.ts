import { describe, expect, it } from 'vitest';
import type { PlatformEvent } from '@backbone/contracts';
import { DeciderSpecification } from '@backbone/eventsourcing/testing';
import { isPlatformCommandAllowed, platformRolesOf } from './authorization.ts';
import { PLATFORM_COMMAND_TYPES } from './commands.ts';
import type { PlatformCommand, PlatformCommandType } from './commands.ts';
import { platformDecider } from './platformDecider.ts';
import {
  buildingPlatform,
  buildingStarted,
  command,
  COORDINATING,
  delivered,
  directory,
  DISTRICT,
  GRANT,
  MEMBER,
  opened,
  operatingPlatform,
  OUTSIDER,
  OWNER,
  PLATFORM_ID,
  plannedPlatform,
  POLICY,
  record,
  resumed,
  suspended,
  suspendedPlatform,
  TOWN,
  VOLUNTEER,
} from './testing/platformFixtures.ts';

type Column = 'coordinating' | 'owner' | 'member' | 'outsider';
type Cell = 'allowed' | 'forbidden';
const A: Cell = 'allowed';
const F: Cell = 'forbidden';

// The expected matrix, written out by hand. It is deliberately not derived from the table in
// authorization.ts: the two must agree. (No platform exists before it is planned, so the owner
// column of planPlatform is a department planning its own platform: a member.)
//                                  coordinating owner member outsider
const EXPECTED: Record<PlatformCommandType, readonly [Cell, Cell, Cell, Cell]> = {
  planPlatform: /*             */ [A, A, A, F],
  startBuilding: /*            */ [A, A, F, F],
  openPlatform: /*             */ [A, A, F, F],
  suspendPlatform: /*          */ [A, A, F, F],
  resumePlatform: /*           */ [A, A, F, F],
  deployPolicy: /*             */ [A, A, F, F],
  addVenue: /*                 */ [A, A, F, F],
  linkProject: /*              */ [A, A, F, F],
  stationTeam: /*              */ [A, A, F, F],
  recordService: /*            */ [F, A, F, F],
  importServices: /*           */ [F, A, F, F],
};
const COLUMNS: readonly Column[] = ['coordinating', 'owner', 'member', 'outsider'];
const ACTOR: Record<Column, string> = { coordinating: COORDINATING, owner: OWNER, member: MEMBER, outsider: OUTSIDER };

interface Scenario {
  /** A stream in which the owner column's department owns the platform and the command is valid. */
  readonly given: readonly PlatformEvent[];
  readonly when: (actor: string) => PlatformCommand;
  /** What an allowed actor's command writes. */
  readonly then: (actor: string) => PlatformEvent[];
}

const SCENARIOS: Record<PlatformCommandType, Scenario> = {
  planPlatform: {
    given: [],
    when: (actor) => command('planPlatform', actor, { district: DISTRICT, town: TOWN }),
    then: (actor) => [{ type: 'PlatformPlanned', data: { platformId: PLATFORM_ID, district: DISTRICT, town: TOWN, plannedBy: actor } }],
  },
  startBuilding: { given: plannedPlatform, when: (actor) => command('startBuilding', actor, {}), then: () => [buildingStarted] },
  openPlatform: { given: buildingPlatform, when: (actor) => command('openPlatform', actor, {}), then: () => [opened] },
  suspendPlatform: {
    given: operatingPlatform,
    when: (actor) => command('suspendPlatform', actor, { reason: 'renovation' }),
    then: () => [suspended],
  },
  resumePlatform: { given: suspendedPlatform, when: (actor) => command('resumePlatform', actor, {}), then: () => [resumed] },
  deployPolicy: {
    given: plannedPlatform,
    when: (actor) => command('deployPolicy', actor, { policyId: POLICY }),
    then: () => [{ type: 'PolicyDeployed', data: { policyId: POLICY } }],
  },
  addVenue: {
    given: plannedPlatform,
    when: (actor) => command('addVenue', actor, { venueId: 'hall', kind: 'activity-room' }),
    then: () => [{ type: 'VenueAdded', data: { venueId: 'hall', kind: 'activity-room' } }],
  },
  linkProject: {
    given: plannedPlatform,
    when: (actor) => command('linkProject', actor, { grantId: GRANT }),
    then: () => [{ type: 'ProjectLinked', data: { grantId: GRANT } }],
  },
  stationTeam: {
    given: plannedPlatform,
    when: (actor) => command('stationTeam', actor, { teamId: 'team-1', personIds: [VOLUNTEER] }),
    then: () => [{ type: 'TeamStationed', data: { teamId: 'team-1', personIds: [VOLUNTEER] } }],
  },
  recordService: { given: operatingPlatform, when: (actor) => command('recordService', actor, record()), then: () => [delivered()] },
  importServices: {
    given: operatingPlatform,
    when: (actor) => command('importServices', actor, { records: [record()] }),
    then: () => [delivered()],
  },
};

const spec = DeciderSpecification.for(platformDecider);
const cells = PLATFORM_COMMAND_TYPES.flatMap((type) => COLUMNS.map((column, index) => [type, column, EXPECTED[type][index] ?? F] as const));

describe('who may do what: every command × every role', () => {
  it('the expected matrix covers every command', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PLATFORM_COMMAND_TYPES].sort());
  });

  it.each(cells)('%s by %s → %s', (type, column, cell) => {
    const scenario = SCENARIOS[type];
    const actor = ACTOR[column];
    const then = spec.given(scenario.given).when(scenario.when(actor));
    if (cell === 'allowed') then.then(scenario.then(actor));
    else then.thenThrowsCode('forbidden');
  });

  it.each(cells.filter(([type]) => type !== 'planPlatform'))('the table answers %s by %s → %s', (type, column, cell) => {
    expect(isPlatformCommandAllowed(type, [column])).toBe(cell === 'allowed');
  });

  it('denies a command the table does not know', () => {
    expect(isPlatformCommandAllowed('closePlatform', ['coordinating', 'owner', 'member', 'outsider'])).toBe(false);
    expect(isPlatformCommandAllowed('toString', ['coordinating'])).toBe(false);
  });

  it('names the rule in the 403', () => {
    spec.given(operatingPlatform).when(command('recordService', COORDINATING, record())).thenThrows('only-owner-records-services');
    spec.given([]).when(command('planPlatform', OUTSIDER, { district: DISTRICT, town: TOWN })).thenThrows('only-known-department-plans-platforms');
  });
});

describe('platformRolesOf', () => {
  const fold = (events: readonly PlatformEvent[]) => events.reduce(platformDecider.evolve, platformDecider.initialState());
  it('names each department by its relation to the platform', () => {
    const state = fold(plannedPlatform);
    expect(platformRolesOf(state, COORDINATING, directory)).toEqual(['coordinating']);
    expect(platformRolesOf(state, OWNER, directory)).toEqual(['owner']);
    expect(platformRolesOf(state, MEMBER, directory)).toEqual(['member']);
    expect(platformRolesOf(state, OUTSIDER, directory)).toEqual(['outsider']);
    expect(platformRolesOf(fold([]), OWNER, directory)).toEqual(['member']);
  });
  it('the coordinating department may own a platform, and then records its services', () => {
    const ownedByCoordinating: PlatformEvent = {
      type: 'PlatformPlanned',
      data: { platformId: PLATFORM_ID, district: DISTRICT, town: TOWN, plannedBy: COORDINATING },
    };
    const events = [ownedByCoordinating, buildingStarted, opened];
    expect(platformRolesOf(fold(events), COORDINATING, directory)).toEqual(['coordinating', 'owner']);
    spec.given(events).when(command('recordService', COORDINATING, record())).then([delivered()]);
  });
});
