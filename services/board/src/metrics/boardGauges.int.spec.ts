import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackboneError } from '@backbone/contracts';
import { createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardDirectoryEntries } from '../directory/boardDirectory.ts';
import { oneBoardProjection } from '../projections/oneBoardProjection.ts';
import { quarterOfTasks, storyDirectory } from '../testing/quarterOfTasks.ts';
import { projectEvents } from '../testing/projectEvents.ts';
import { recountBoard } from '../testing/recount.ts';
import { registerBoardGauges } from './boardGauges.ts';

const withEmptyField: BoardDirectoryEntries = {
  ...storyDirectory,
  fields: [...storyDirectory.fields, { id: 'rural-revitalisation', name: 'Rural revitalisation' }],
};

type Series = { labels: Record<string, string | number | undefined>; value: number }[];

async function seriesOf(registry: Registry): Promise<Map<string, Series>> {
  const metrics = await registry.getMetricsAsJSON();
  return new Map(metrics.map((m) => [m.name, m.values.map(({ labels, value }) => ({ labels: { ...labels }, value }))]));
}

const valueOf = (series: Series | undefined, labels: Record<string, string>) =>
  series?.find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)
    ?.value;

describe('board gauges', () => {
  let dir: string;
  let views: ViewStore;
  const streams = quarterOfTasks('gauges').map((s) => s.envelopes);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'board-gauges-'));
    views = createSqliteViewStore({ path: join(dir, 'views.db') });
    const board = oneBoardProjection();
    await views.ensureLive(board.name, '1');
    await projectEvents(views, board, '1', streams.flat());
  });

  afterAll(async () => {
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows on scrape the numbers a recount gives, per field and per department, in separate gauges', async () => {
    const registry = new Registry();
    registerBoardGauges({ registry, views, directory: async () => withEmptyField });
    const series = await seriesOf(registry);
    const expected = recountBoard(streams, withEmptyField);

    expect(valueOf(series.get('backbone_board_plan_tasks'), { status: 'verified' })).toBe(2);
    expect(valueOf(series.get('backbone_board_plan_on_time_completion_ratio'), {})).toBe(0.5);
    for (const row of expected.fields) {
      expect(valueOf(series.get('backbone_board_field_tasks'), { field: row.id, status: 'in_progress' })).toBe(row.byStatus.in_progress);
      expect(valueOf(series.get('backbone_board_field_overdue_tasks'), { field: row.id })).toBe(row.overdue);
      expect(valueOf(series.get('backbone_board_field_average_progress_percent'), { field: row.id })).toBe(row.averageProgress ?? undefined);
    }
    for (const row of expected.departments) {
      const labels = { department: row.id };
      expect(valueOf(series.get('backbone_board_department_tasks'), { ...labels, status: 'assigned' })).toBe(row.byStatus.assigned);
      expect(valueOf(series.get('backbone_board_department_blocked_tasks'), labels)).toBe(row.blocked);
      expect(valueOf(series.get('backbone_board_department_escalated_tasks'), labels)).toBe(row.escalated);
      expect(valueOf(series.get('backbone_board_department_declines'), labels)).toBe(row.declined);
      expect(valueOf(series.get('backbone_board_department_reopenings'), labels)).toBe(row.reopened);
      expect(valueOf(series.get('backbone_board_department_mean_acceptance_seconds'), labels)).toBe(row.meanAcceptanceSeconds ?? undefined);
      expect(valueOf(series.get('backbone_board_department_on_time_completion_ratio'), labels)).toBe(row.onTimeCompletionRate ?? undefined);
    }
    // A field without tasks still has its zero row; rates it cannot have are left out rather than shown as 0.
    expect(valueOf(series.get('backbone_board_field_tasks'), { field: 'rural-revitalisation', status: 'created' })).toBe(0);
    expect(valueOf(series.get('backbone_board_field_average_progress_percent'), { field: 'rural-revitalisation' })).toBeUndefined();
    // Summing a kind's tasks never double counts: the field gauge adds up to the plan.
    const fieldSum = series.get('backbone_board_field_tasks')!.reduce((total, s) => total + s.value, 0);
    expect(fieldSum).toBe(expected.totals.tasks);
  });

  it('answers a scrape with empty board gauges and counts the error when the directory cannot be read', async () => {
    const registry = new Registry();
    registerBoardGauges({
      registry,
      views,
      directory: async () => {
        throw new BackboneError('unavailable', 'the reference directory has not been projected yet');
      },
    });
    const text = await registry.metrics();
    expect(text).toContain('backbone_board_scrape_errors_total 1');
    expect(text).not.toMatch(/^backbone_board_plan_tasks\{/m);
  });

  it('reads the directory once per scrape, and again at the next one', async () => {
    const registry = new Registry();
    let reads = 0;
    registerBoardGauges({ registry, views, directory: async () => (reads++, storyDirectory) });
    await registry.metrics();
    await registry.metrics();
    expect(reads).toBe(2);
  });
});
