import { INCENTIVE_SCOPES, PERSON_KINDS, SECTORS, TIERS } from '@backbone/contracts';
import type { ViewReader } from '@backbone/views';
import { DEPARTMENTS_SEEN, FIELDS_SEEN, talentCounter as c } from '../projections/talentBoardCounters.ts';

/** Granted incentives: how many and how much (fen). */
export interface Granted {
  readonly granted: number;
  readonly grantedFen: number;
}

/** Hours served in one key field; `volunteerHours` is the share served by volunteers. */
export interface FieldHours {
  readonly hours: number;
  readonly volunteerHours: number;
  readonly byKind: Readonly<Record<string, number>>;
}

/** The talent section of `GET /api/board` (`sections.talent`). Hours are hours, money is fen. */
export interface TalentBoard {
  readonly people: {
    readonly total: number;
    readonly erased: number;
    readonly byKind: Readonly<Record<string, number>>;
    readonly bySector: Readonly<Record<string, number>>;
    /** `none`: registered but not selected into a tier yet. */
    readonly byTier: Readonly<Record<string, number>>;
    readonly byField: Readonly<Record<string, number>>;
  };
  readonly selection: { readonly rounds: number; readonly nominations: number; readonly results: number };
  readonly trainings: { readonly completed: number; readonly hours: number; readonly certifications: number };
  readonly incentives: Granted & {
    readonly policies: number;
    readonly budgetFen: number;
    readonly byScope: Readonly<Record<string, Granted>>;
    readonly byDepartment: Readonly<Record<string, Granted>>;
  };
  readonly serviceHours: { readonly entries: number; readonly hours: number; readonly byField: Readonly<Record<string, FieldHours>> };
  readonly practiceBases: number;
  readonly thinkTank: { readonly members: number; readonly adviceNotes: number };
}

export interface ReadTalentBoardOptions {
  /** Fields listed even before anything happened in them (the directory's, in its order). */
  readonly fields?: readonly string[];
}

const fromTenths = (tenths: number): number => tenths / 10;

/** Reads the talent board from the `talent-board` view (every counter at once). */
export async function readTalentBoard(reader: ViewReader, options: ReadTalentBoardOptions = {}): Promise<TalentBoard> {
  const [fieldsSeen, departments] = await Promise.all([reader.members(FIELDS_SEEN), reader.members(DEPARTMENTS_SEEN)]);
  const known = options.fields ?? [];
  const fields = [...known, ...fieldsSeen.filter((f) => !known.includes(f)).sort()];
  const kinds = [...PERSON_KINDS, 'unknown'] as const;

  const values = new Map<string, Promise<number>>();
  const read = (counter: string): Promise<number> => {
    let value = values.get(counter);
    if (value === undefined) values.set(counter, (value = reader.counter(counter)));
    return value;
  };
  const byNames = async (names: readonly string[], counter: (name: string) => string) =>
    Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(counter(name))] as const)));
  const granted = async (count: string, fen: string): Promise<Granted> => ({ granted: await read(count), grantedFen: await read(fen) });
  const fieldHours = async (field: string): Promise<FieldHours> => {
    const tenths = await byNames(kinds, (kind) => c.serviceTenths(field, kind as (typeof kinds)[number]));
    const byKind = Object.fromEntries(Object.entries(tenths).filter(([kind, n]) => kind !== 'unknown' || n > 0).map(([kind, n]) => [kind, fromTenths(n)]));
    const total = Object.values(tenths).reduce((sum, n) => sum + n, 0);
    return { hours: fromTenths(total), volunteerHours: fromTenths(tenths.volunteer ?? 0), byKind };
  };

  const [people, byKind, bySector, byTier, byField, selection, trainings, incentives, byScope, byDepartment, hoursByField, others] = await Promise.all([
    Promise.all([read(c.people), read(c.erased)]),
    byNames(PERSON_KINDS, (kind) => c.peopleBy('kind', kind)),
    byNames(SECTORS, (sector) => c.peopleBy('sector', sector)),
    byNames(['none', ...TIERS], (tier) => c.peopleBy('tier', tier)),
    byNames(fields, (field) => c.peopleBy('field', field)),
    Promise.all([read(c.rounds), read(c.nominations), read(c.results)]),
    Promise.all([read(c.coursesCompleted), read(c.trainingTenths), read(c.certifications)]),
    Promise.all([read(c.policies), read(c.budgetFen), granted(c.granted, c.grantedFen)]),
    Promise.all(INCENTIVE_SCOPES.map(async (scope) => [scope, await granted(c.grantedInScope(scope), c.grantedFenInScope(scope))] as const)),
    Promise.all([...departments].sort().map(async (d) => [d, await granted(c.grantedBy(d), c.grantedFenBy(d))] as const)),
    Promise.all(fields.map(async (field) => [field, await fieldHours(field)] as const)),
    Promise.all([read(c.hourEntries), read(c.practiceBases), read(c.thinkTankMembers), read(c.adviceNotes)]),
  ]);
  const [entries, practiceBases, members, adviceNotes] = others;
  return {
    people: { total: people[0], erased: people[1], byKind, bySector, byTier, byField },
    selection: { rounds: selection[0], nominations: selection[1], results: selection[2] },
    trainings: { completed: trainings[0], hours: fromTenths(trainings[1]), certifications: trainings[2] },
    incentives: { policies: incentives[0], budgetFen: incentives[1], ...incentives[2], byScope: Object.fromEntries(byScope), byDepartment: Object.fromEntries(byDepartment) },
    serviceHours: {
      entries,
      hours: fromTenths(hoursByField.reduce((sum, [, h]) => sum + Math.round(h.hours * 10), 0)),
      byField: Object.fromEntries(hoursByField),
    },
    practiceBases,
    thinkTank: { members, adviceNotes },
  };
}
