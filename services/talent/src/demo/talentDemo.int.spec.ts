import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEventDefinitions, createEventRegistry, SECTORS } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import { createSqliteViewStore, markOf } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { readTalentBoard } from '../board/talentBoard.ts';
import { createTalentCommandHandlers } from '../commandHandling/talentCommandHandlers.ts';
import { createTalentDirectory } from '../domain/directory.ts';
import { TALENT_BOARD } from '../projections/talentBoardCounters.ts';
import { talentBoardProjection } from '../projections/talentBoardProjection.ts';
import { runTalentDemo } from './talentDemo.ts';
import type { DemoRandom } from './talentDemo.ts';

const DAY = 86_400_000;
const END = Date.parse('2025-06-30T16:00:00.000Z');
const FIELDS = ['new-employment-groups', 'micro-economy-joint-services', 'technology-development-support', 'field-4'];
const directory = createTalentDirectory({
  coordinating: 'social-work',
  departments: ['social-work', 'science-technology', 'civil-affairs', 'department-4'],
  fields: FIELDS,
});

/** A seeded linear congruential source, enough for a reproducible demo. */
function seeded(seed: number): DemoRandom {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  return { int: (min, max) => min + Math.floor(next() * (max - min + 1)), pick: (items) => items[Math.floor(next() * items.length)]!, chance: (p) => next() < p };
}

let dir: string;
let store: EventStore;
let views: ViewStore;
let summary: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'talent-demo-'));
  store = createSqliteEventStore({ path: join(dir, 'events.db') });
  views = createSqliteViewStore({ path: join(dir, 'views.db') });
  const start = END - 91 * DAY;
  let now = start;
  const handlers = createTalentCommandHandlers({ store, registry: createEventRegistry(allEventDefinitions), clock: () => new Date(now), newId: randomUUID });
  summary = await runTalentDemo({
    handlers,
    directory,
    clock: () => new Date(now),
    advanceTo: (instant) => {
      now = Math.max(now, Math.min(instant, END));
    },
    start,
    end: END,
    random: seeded(2025),
    newId: randomUUID,
  });
  const projection = talentBoardProjection();
  await views.ensureLive(TALENT_BOARD, '1');
  for (const { envelope } of await store.readAll({ limit: 5000 })) {
    await views.apply(TALENT_BOARD, '1', markOf(envelope), await projection.project(envelope, views.readerOf(TALENT_BOARD, '1')));
  }
});
afterAll(async () => {
  await Promise.all([store.close(), views.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('the talent demo quarter', () => {
  it('spreads people over every kind, sector and field, and moves some up every tier', async () => {
    const board = await readTalentBoard(views.reader(TALENT_BOARD), { fields: FIELDS });
    expect(board.people.total).toBe(48);
    for (const count of Object.values(board.people.byKind)) expect(count).toBeGreaterThan(0);
    for (const sector of SECTORS) expect(board.people.bySector[sector]).toBeGreaterThan(0);
    for (const field of FIELDS) expect(board.people.byField[field]).toBeGreaterThan(0);
    for (const tier of ['entry', 'backbone', 'leading']) expect(board.people.byTier[tier]).toBeGreaterThan(0);
  });

  it('records trainings, incentives within budget, service hours and the think tank over the quarter', async () => {
    const board = await readTalentBoard(views.reader(TALENT_BOARD), { fields: FIELDS });
    expect(board.trainings.completed).toBeGreaterThan(20);
    expect(board.incentives.granted).toBeGreaterThan(5);
    expect(board.incentives.grantedFen).toBeLessThanOrEqual(board.incentives.budgetFen);
    expect(Object.keys(board.incentives.byScope)).toEqual(['common', 'classified']);
    expect(board.serviceHours.entries).toBeGreaterThan(100);
    expect(board.serviceHours.byField[FIELDS[0]!]!.volunteerHours).toBeGreaterThan(0);
    expect(board.practiceBases).toBe(2);
    expect(board.thinkTank.members).toBeGreaterThan(0);
    expect(board.thinkTank.adviceNotes).toBeGreaterThan(0);
  });

  it('keeps every event inside the quarter and says what it did', async () => {
    const times = (await store.readAll({ limit: 5000 })).map((e) => Date.parse(e.envelope.time));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(END - 91 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(END);
    expect(summary).toMatch(/^talent: 48 people, 3 incentive policies, 5 selection rounds .*; \d+ refused by the rules$/);
  });
});
