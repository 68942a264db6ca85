import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createPlatformDirectory, platformIdFor } from '../domain/index.ts';
import type { PlatformCommand, PlatformCommandOf, PlatformCommandType } from '../domain/index.ts';
import { referenceLookup } from '../references/referenceFacts.ts';
import type { ReferencedIds } from '../references/referenceFacts.ts';
import { openPlatformsFixture } from '../testing/platformsFixture.ts';
import type { PlatformsFixture } from '../testing/platformsFixture.ts';
import { projectAll } from '../testing/projectAll.ts';
import { SEEDED, seedReferences } from '../testing/seedReferences.ts';
import { PLATFORMS_BOARD } from './boardKeys.ts';
import { platformsBoardProjection } from './platformsBoardProjection.ts';
import { readPlatformsBoard } from './platformsBoardSection.ts';
import type { PlatformsBoard } from './platformsBoardQuery.ts';
import { registerPlatformsGauges } from './platformsGauges.ts';

const OWNER = 'civil-affairs';
const FIELD = 'new-employment-groups';
const OTHER_FIELD = 'micro-economy-joint-services';
const directory = createPlatformDirectory({ coordinating: 'social-work', departments: ['social-work', OWNER], fields: [FIELD, OTHER_FIELD, 'field-4'] });
const A = platformIdFor('fucheng', 'chengjiao-street');
const B = platformIdFor('youxian', 'fulin-town');
const C = platformIdFor('youxian', 'shima-town');

let now = Date.parse('2025-03-01T02:00:00Z');
let fixture: PlatformsFixture;
let board: PlatformsBoard;

async function act<T extends PlatformCommandType>(type: T, platformId: string, data: PlatformCommandOf<T>['data'], ids: ReferencedIds = {}) {
  const facts = await referenceLookup(fixture.views)(ids);
  const command = { type, platformId, actor: OWNER, now: new Date(now), directory, facts, data } as PlatformCommand;
  await fixture.handler.handle({ aggregateId: platformId, command, actor: OWNER });
}

const record = (serviceId: string, deliveredOn: string, field = FIELD, personIds?: string[]) => ({
  serviceId,
  field,
  serviceType: 'home-visit',
  beneficiaries: 10,
  volunteerHours: 2.5,
  deliveredOn,
  ...(personIds === undefined ? {} : { personIds }),
});

beforeAll(async () => {
  fixture = openPlatformsFixture(() => new Date(now));
  await seedReferences(fixture.others);
  await fixture.project();
  for (const [id, district, town] of [[A, 'fucheng', 'chengjiao-street'], [B, 'youxian', 'fulin-town'], [C, 'youxian', 'shima-town']] as const) {
    await act('planPlatform', id, { district, town });
  }
  for (const id of [A, B]) {
    await act('startBuilding', id, {});
    await act('openPlatform', id, {});
  }
  now = Date.parse('2025-03-31T02:00:00Z');
  await act('importServices', A, {
    records: [record('a-1', '2025-03-05', FIELD, [SEEDED.certified]), record('a-2', '2025-03-06'), record('a-3', '2025-03-20', OTHER_FIELD)],
  }, { people: [SEEDED.certified] });
  now = Date.parse('2025-04-25T02:00:00Z');
  await act('recordService', A, record('a-4', '2025-04-02', FIELD, [SEEDED.tiered, SEEDED.volunteer]), { people: [SEEDED.tiered, SEEDED.volunteer] });
  await act('importServices', A, { records: [record('a-5', '2025-04-03', FIELD, [SEEDED.volunteer]), record('a-6', '2025-04-10')] }, { people: [SEEDED.volunteer] });
  await act('recordService', B, record('b-1', '2025-04-12', FIELD, [SEEDED.certified]), { people: [SEEDED.certified] });
  await act('suspendPlatform', B, { reason: 'renovation' });
  await fixture.project();
  board = await readPlatformsBoard({ views: fixture.views, clock: () => new Date(now), fieldsInPlan: async () => 10 });
});
afterAll(async () => {
  await fixture.close();
});

describe('the platforms board', () => {
  it('counts platforms by status and their coverage, overall and per district', () => {
    expect(board.platforms).toEqual({ towns: 3, byStatus: { planned: 1, building: 0, operating: 1, suspended: 1 }, operating: 1, coverage: 1 / 3 });
    expect(board.districts.map((d) => [d.district, d.towns, d.operating, d.coverage, d.services])).toEqual([
      ['fucheng', 1, 1, 1, 6],
      ['youxian', 2, 0, 0, 1],
    ]);
  });

  it('counts services, beneficiaries, hours and qualified services per field per month, and breadth', () => {
    expect(board.months.map((m) => [m.month, m.services, m.beneficiaries, m.volunteerHours, m.qualifiedServices, m.activeFields])).toEqual([
      ['2025-03', 3, 30, 7.5, 1, 2],
      ['2025-04', 4, 40, 10, 2, 1],
    ]);
    expect(board.months[0]?.fields.map((f) => [f.field, f.services, f.qualifiedServices])).toEqual([
      [OTHER_FIELD, 1, 0],
      [FIELD, 2, 1],
    ]);
    expect(board.fields.map((f) => [f.field, f.services, f.qualifiedShare])).toEqual([
      [OTHER_FIELD, 1, 0],
      [FIELD, 6, 3 / 6],
    ]);
    expect(board.services).toEqual({ services: 7, beneficiaries: 70, volunteerHours: 17.5, qualifiedServices: 3, qualifiedShare: 3 / 7 });
    expect(board.breadth).toEqual({ activeFields: 2, fieldsInPlan: 10 });
  });

  it('computes the month-over-month trend at read time; the running month is marked partial', () => {
    expect(board.trend).toEqual({
      month: '2025-04',
      previousMonth: '2025-03',
      partial: true,
      services: { current: 4, previous: 3, change: 1, changeRatio: 1 / 3 },
      beneficiaries: { current: 40, previous: 30, change: 10, changeRatio: 1 / 3 },
      volunteerHours: { current: 10, previous: 7.5, change: 2.5, changeRatio: 2.5 / 7.5 },
      activeFields: { current: 1, previous: 2, change: -1, changeRatio: -0.5 },
      qualifiedShare: { current: 0.5, previous: 1 / 3, change: expect.closeTo(1 / 6, 9), changeRatio: expect.closeTo(0.5, 8) },
    });
  });

  it('is exact under redelivery: every event again changes nothing', async () => {
    const again = await projectAll(fixture.store, fixture.views, [platformsBoardProjection()]);
    expect(again).toBe(await fixture.head());
    expect(await readPlatformsBoard({ views: fixture.views, clock: () => new Date(now), fieldsInPlan: async () => 10 })).toEqual(board);
    expect(await fixture.views.reader(PLATFORMS_BOARD).appliedVersion(A)).toBe(9);
  });

  it('shows the KPIs as gauges on scrape', async () => {
    const registry = new Registry();
    registerPlatformsGauges({ registry, views: fixture.views, clock: () => new Date(now) });
    const metrics = new Map((await registry.getMetricsAsJSON()).map((m) => [m.name, m.values]));
    const value = (name: string, labels: Record<string, string> = {}) =>
      metrics.get(name)?.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
    expect(value('backbone_platforms_platforms', { status: 'operating' })).toBe(1);
    expect(value('backbone_platforms_coverage_ratio')).toBe(1 / 3);
    expect(value('backbone_platforms_month_services', { month: '2025-04', field: FIELD })).toBe(4);
    expect(value('backbone_platforms_field_beneficiaries', { field: OTHER_FIELD })).toBe(10);
    expect(value('backbone_platforms_active_fields')).toBe(2);
    expect(value('backbone_platforms_qualified_service_ratio')).toBe(3 / 7);
    expect(value('backbone_platforms_services_month_change_ratio')).toBe(1 / 3);
    expect(value('backbone_platforms_scrape_errors_total')).toBe(0);
  });
});
