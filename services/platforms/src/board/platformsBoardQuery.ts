import type { ViewReader } from '@backbone/views';
import type { PlatformStatus } from '../domain/index.ts';
import {
  DISTRICTS,
  MONTHS,
  PLATFORM_STATUSES,
  SERVICE_FIGURES,
  districtFigure,
  districtStatusCounter,
  monthFieldFigure,
  monthFields,
  statusCounter,
} from './boardKeys.ts';
import type { ServiceFigure } from './boardKeys.ts';
import { monthTrend } from './trend.ts';
import type { PlatformsTrend } from './trend.ts';

/** Service volume, reach and professional share of some scope. */
export interface ServiceNumbers {
  readonly services: number;
  readonly beneficiaries: number;
  readonly volunteerHours: number;
  /** Services delivered with certified or tiered talent among the people named. */
  readonly qualifiedServices: number;
  /** qualifiedServices / services; null without services. */
  readonly qualifiedShare: number | null;
}

export interface PlatformCounts {
  /** Towns/streets with a platform (one platform per town). */
  readonly towns: number;
  readonly byStatus: Readonly<Record<PlatformStatus, number>>;
  readonly operating: number;
  /** Operating platforms / towns with a platform; null with none. */
  readonly coverage: number | null;
}

export interface FieldNumbers extends ServiceNumbers {
  readonly field: string;
}

export interface MonthNumbers extends ServiceNumbers {
  /** `YYYY-MM`, by the day the service was delivered. */
  readonly month: string;
  /** Fields with at least one service that month. */
  readonly activeFields: number;
  readonly fields: readonly FieldNumbers[];
}

export interface DistrictNumbers extends ServiceNumbers, PlatformCounts {
  readonly district: string;
}

/** The platforms section of the one board (Task 4's KPIs). */
export interface PlatformsBoard {
  readonly platforms: PlatformCounts;
  readonly services: ServiceNumbers;
  /** Breadth: the fields with any service so far, and how many fields the plan has (when known). */
  readonly breadth: { readonly activeFields: number; readonly fieldsInPlan: number | null };
  /** Every field with services, all months together. */
  readonly fields: readonly FieldNumbers[];
  /** Each month with services, oldest first. */
  readonly months: readonly MonthNumbers[];
  readonly districts: readonly DistrictNumbers[];
  /** The latest month with services against the calendar month before it; null without services. */
  readonly trend: PlatformsTrend | null;
}

type Figures = Record<ServiceFigure, number>;
const ZERO: Figures = { services: 0, beneficiaries: 0, hoursTenths: 0, qualified: 0 };
const plus = (a: Figures, b: Figures): Figures => ({
  services: a.services + b.services,
  beneficiaries: a.beneficiaries + b.beneficiaries,
  hoursTenths: a.hoursTenths + b.hoursTenths,
  qualified: a.qualified + b.qualified,
});

/** Figures as the board shows them: hours in hours, the qualified share as a ratio. */
export function serviceNumbers(f: Figures): ServiceNumbers {
  return {
    services: f.services,
    beneficiaries: f.beneficiaries,
    volunteerHours: f.hoursTenths / 10,
    qualifiedServices: f.qualified,
    qualifiedShare: f.services > 0 ? f.qualified / f.services : null,
  };
}

async function figures(reader: ViewReader, key: (figure: ServiceFigure) => string): Promise<Figures> {
  const values = await Promise.all(SERVICE_FIGURES.map((figure) => reader.counter(key(figure))));
  return Object.fromEntries(SERVICE_FIGURES.map((figure, i) => [figure, values[i] ?? 0])) as Figures;
}

async function platformCounts(reader: ViewReader, key: (status: PlatformStatus) => string): Promise<PlatformCounts> {
  const values = await Promise.all(PLATFORM_STATUSES.map((status) => reader.counter(key(status))));
  const byStatus = Object.fromEntries(PLATFORM_STATUSES.map((status, i) => [status, values[i] ?? 0])) as Record<PlatformStatus, number>;
  const towns = values.reduce((sum, v) => sum + (v ?? 0), 0);
  return { towns, byStatus, operating: byStatus.operating, coverage: towns > 0 ? byStatus.operating / towns : null };
}

interface ReadMonth {
  readonly month: string;
  readonly fields: readonly { readonly field: string; readonly figures: Figures }[];
}

async function readMonth(reader: ViewReader, month: string): Promise<ReadMonth> {
  const fields = (await reader.members(monthFields(month))).sort();
  const values = await Promise.all(fields.map((field) => figures(reader, (f) => monthFieldFigure(month, field, f))));
  return { month, fields: fields.map((field, i) => ({ field, figures: values[i] ?? ZERO })) };
}

/**
 * Reads the platforms board from its view; the trend is computed here, at read time, from the
 * month counters. `currentMonth` (`YYYY-MM`) marks a trend whose latest month is still running.
 */
export async function platformsBoard(
  reader: ViewReader,
  options: { readonly currentMonth?: string; readonly fieldsInPlan?: number } = {},
): Promise<PlatformsBoard> {
  const [platforms, months, districts] = await Promise.all([
    platformCounts(reader, statusCounter),
    reader.members(MONTHS).then((list) => Promise.all(list.sort().map((m) => readMonth(reader, m)))),
    reader.members(DISTRICTS).then((list) =>
      Promise.all(
        list.sort().map(async (district) => {
          const [counts, numbers] = await Promise.all([
            platformCounts(reader, (s) => districtStatusCounter(district, s)),
            figures(reader, (f) => districtFigure(district, f)),
          ]);
          return { district, ...counts, ...serviceNumbers(numbers) };
        }),
      ),
    ),
  ]);

  const byField = new Map<string, Figures>();
  const monthRows: MonthNumbers[] = months.map(({ month, fields }) => {
    let total = ZERO;
    for (const { field, figures: f } of fields) {
      total = plus(total, f);
      byField.set(field, plus(byField.get(field) ?? ZERO, f));
    }
    const activeFields = fields.filter((f) => f.figures.services > 0).length;
    return { month, ...serviceNumbers(total), activeFields, fields: fields.map(({ field, figures: f }) => ({ field, ...serviceNumbers(f) })) };
  });
  const fieldRows = [...byField.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([field, f]) => ({ field, ...serviceNumbers(f) }));
  const total = [...byField.values()].reduce(plus, ZERO);

  return {
    platforms,
    services: serviceNumbers(total),
    breadth: { activeFields: fieldRows.filter((f) => f.services > 0).length, fieldsInPlan: options.fieldsInPlan ?? null },
    fields: fieldRows,
    months: monthRows,
    districts,
    trend: monthTrend(monthRows, options.currentMonth),
  };
}
