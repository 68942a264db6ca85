import type { IncentiveScope, PersonKind, Sector, Tier } from '@backbone/contracts';

/** The projection's name: its consumer group is `projection.talent-board`, its views `talent-board:*`. */
export const TALENT_BOARD = 'talent-board';

/** Per-aggregate documents the projection reads back to know what an event changes. */
export const BOARD_PEOPLE = 'people';
export const BOARD_POLICIES = 'policies';
/** Sets of the fields and departments the counters name. */
export const FIELDS_SEEN = 'fields';
export const DEPARTMENTS_SEEN = 'departments';

/** A person as the board counts them: no personal data, the tier they hold, whether erased. */
export interface BoardPerson {
  readonly personId: string;
  readonly version: number;
  readonly kind: PersonKind;
  readonly sector: Sector;
  readonly fields: readonly string[];
  readonly tier: Tier | null;
  readonly erased: boolean;
}

/** A policy as the board counts its grants. */
export interface BoardPolicy {
  readonly policyId: string;
  readonly version: number;
  readonly scope: IncentiveScope;
  readonly issuedBy: string;
}

/** The dimensions people are counted by; `tier:none` holds those not selected into a tier yet. */
export type PeopleDimension = 'kind' | 'sector' | 'tier' | 'field';

/**
 * The counter names of the talent board. Counters are integers: hours are kept in tenths and
 * money in fen. Every counter moves only by what one event changes in its own aggregate, so
 * the totals are exact under any order across aggregates.
 */
export const talentCounter = {
  /** People registered and not erased. */
  people: 'people',
  peopleBy: (dimension: PeopleDimension, value: string) => `people:${dimension}:${value}`,
  erased: 'people:erased',
  rounds: 'selection:rounds',
  nominations: 'selection:nominations',
  results: 'selection:results',
  coursesCompleted: 'trainings:completed',
  trainingTenths: 'trainings:hours-tenths',
  certifications: 'trainings:certifications',
  policies: 'incentives:policies',
  budgetFen: 'incentives:budget-fen',
  granted: 'incentives:granted',
  grantedFen: 'incentives:granted-fen',
  grantedBy: (department: string) => `incentives:department:${department}:granted`,
  grantedFenBy: (department: string) => `incentives:department:${department}:granted-fen`,
  grantedInScope: (scope: IncentiveScope) => `incentives:scope:${scope}:granted`,
  grantedFenInScope: (scope: IncentiveScope) => `incentives:scope:${scope}:granted-fen`,
  hourEntries: 'service-hours:entries',
  /** Tenths of an hour served in a field by people of a kind (`unknown` if the person was never seen). */
  serviceTenths: (field: string, kind: PersonKind | 'unknown') => `service-hours:${field}:${kind}:tenths`,
  practiceBases: 'practice-bases',
  thinkTankMembers: 'think-tank:members',
  adviceNotes: 'think-tank:advice-notes',
} as const;

/** Hours (tenths of an hour) as a whole number of tenths. */
export const toTenths = (hours: number): number => Math.round(hours * 10);
