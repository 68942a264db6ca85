import { describe, expect, it } from 'vitest';
import type { MonthNumbers } from './platformsBoardQuery.ts';
import { monthBefore, monthTrend } from './trend.ts';

const month = (name: string, services: number, volunteerHours = 0, qualified = 0): MonthNumbers => ({
  month: name,
  services,
  beneficiaries: services * 10,
  volunteerHours,
  qualifiedServices: qualified,
  qualifiedShare: services > 0 ? qualified / services : null,
  activeFields: services > 0 ? 1 : 0,
  fields: [],
});

describe('month-over-month trend', () => {
  it('names the calendar month before, across a year', () => {
    expect(monthBefore('2025-03')).toBe('2025-02');
    expect(monthBefore('2025-01')).toBe('2024-12');
    expect(monthBefore('2025-10')).toBe('2025-09');
  });
  it('compares the latest month with the calendar month before it, which counts as zero when it had no services', () => {
    const trend = monthTrend([month('2025-01', 5), month('2025-03', 8, 1.3, 2)], '2025-04');
    expect(trend).toMatchObject({
      month: '2025-03',
      previousMonth: '2025-02',
      partial: false,
      services: { current: 8, previous: 0, change: 8, changeRatio: null },
      qualifiedShare: { current: 0.25, previous: null, change: null, changeRatio: null },
    });
  });
  it('shows hours without float dust and marks the running month partial', () => {
    const trend = monthTrend([month('2025-03', 1, 1308.4), month('2025-04', 1, 1829)], '2025-04');
    expect(trend?.volunteerHours.change).toBe(520.6);
    expect(trend?.partial).toBe(true);
  });
  it('has no trend without services', () => {
    expect(monthTrend([])).toBeNull();
  });
});
