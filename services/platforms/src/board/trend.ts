import type { MonthNumbers } from './platformsBoardQuery.ts';

/** One figure of the latest month against the month before. */
export interface TrendFigure {
  readonly current: number | null;
  readonly previous: number | null;
  /** current − previous; null when either is. */
  readonly change: number | null;
  /** change / previous; null when previous is null or 0. */
  readonly changeRatio: number | null;
}

/** Month over month: the latest month with services against the calendar month before it. */
export interface PlatformsTrend {
  readonly month: string;
  readonly previousMonth: string;
  /** The latest month is the current one, still running: its figures will grow. */
  readonly partial: boolean;
  readonly services: TrendFigure;
  readonly beneficiaries: TrendFigure;
  readonly volunteerHours: TrendFigure;
  /** Breadth: fields with services in the month. */
  readonly activeFields: TrendFigure;
  readonly qualifiedShare: TrendFigure;
}

/** `YYYY-MM` of the calendar month before `month`. */
export function monthBefore(month: string): string {
  const [year = 0, m = 1] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

function figure(current: number | null, previous: number | null): TrendFigure {
  // Rounded far below any figure's precision, so hours in tenths do not show float dust (1829 − 1308.4).
  const change = current === null || previous === null ? null : Math.round((current - previous) * 1e9) / 1e9;
  return { current, previous, change, changeRatio: change === null || !previous ? null : change / previous };
}

/** The month-over-month trend of a series of months (oldest first); null for an empty series. */
export function monthTrend(months: readonly MonthNumbers[], currentMonth?: string): PlatformsTrend | null {
  const latest = months.at(-1);
  if (!latest) return null;
  const previousMonth = monthBefore(latest.month);
  const before = months.find((m) => m.month === previousMonth);
  const value = (m: MonthNumbers | undefined, pick: (m: MonthNumbers) => number | null, empty: number | null) => (m ? pick(m) : empty);
  const compare = (pick: (m: MonthNumbers) => number | null, empty: number | null) => figure(pick(latest), value(before, pick, empty));
  return {
    month: latest.month,
    previousMonth,
    partial: latest.month === currentMonth,
    services: compare((m) => m.services, 0),
    beneficiaries: compare((m) => m.beneficiaries, 0),
    volunteerHours: compare((m) => m.volunteerHours, 0),
    activeFields: compare((m) => m.activeFields, 0),
    qualifiedShare: compare((m) => m.qualifiedShare, null),
  };
}
