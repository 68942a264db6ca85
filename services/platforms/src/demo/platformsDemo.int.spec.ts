import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformEvents } from '@backbone/contracts';
import { readPlatformsBoard } from '../board/platformsBoardSection.ts';
import type { PlatformsBoard } from '../board/platformsBoardQuery.ts';
import { openPlatformsFixture } from '../testing/platformsFixture.ts';
import type { PlatformsFixture } from '../testing/platformsFixture.ts';
import { seedReferences } from '../testing/seedReferences.ts';
import { runPlatformsDemo } from './platformsDemo.ts';
import type { DemoRandom } from './platformsDemo.ts';

const DAY = 86_400_000;
const START = Date.parse('2025-01-06T01:00:00Z');
const END = START + 91 * DAY;
const FIELDS = ['new-employment-groups', 'micro-economy-joint-services', 'technology-development-support', 'field-4', 'field-5'];

/** A small deterministic PRNG for the test (an LCG). */
function lcg(seed: number): DemoRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

let now = START - DAY;
let fixture: PlatformsFixture;
let summary: string;
let board: PlatformsBoard;

beforeAll(async () => {
  fixture = openPlatformsFixture(() => new Date(now));
  await seedReferences(fixture.others);
  now = START;
  summary = await runPlatformsDemo({
    handler: fixture.handler,
    store: fixture.store,
    clock: () => new Date(now),
    advanceTo: (instant) => {
      now = Math.max(now, Math.min(instant, END));
    },
    newId: randomUUID,
    start: START,
    end: END,
    coordinating: 'social-work',
    departments: ['social-work', 'civil-affairs', 'science-technology'],
    fields: FIELDS,
    random: lcg(7),
  });
  await fixture.project();
  board = await readPlatformsBoard({ views: fixture.views, clock: () => new Date(now) });
});
afterAll(async () => {
  await fixture.close();
});

describe('the platforms demo', () => {
  it('plans a platform for towns of several districts; most open, one is still planned and one still building', () => {
    expect(summary).toMatch(/^platforms: 11 town\/street platforms in 6 districts \(\d+ opened\), \d+ service records, \d+ events\.$/);
    expect(board.platforms.towns).toBe(11);
    expect(board.platforms.byStatus.planned).toBe(1);
    expect(board.platforms.byStatus.building).toBe(1);
    expect(board.platforms.operating + board.platforms.byStatus.suspended).toBe(9);
    expect(board.districts).toHaveLength(6);
  });

  it('records months of services whose volume and breadth grow over the quarter', () => {
    expect(board.months.length).toBeGreaterThanOrEqual(3);
    const [first, , third] = board.months;
    expect(third!.services).toBeGreaterThan(first!.services);
    expect(third!.activeFields).toBeGreaterThanOrEqual(first!.activeFields);
    expect(board.services.qualifiedServices).toBeGreaterThan(0);
    expect(board.breadth.activeFields).toBe(FIELDS.length);
  });

  it('writes every kind of platforms event, each command having passed the decider', async () => {
    const events = await fixture.store.readAll({ limit: 5000 });
    const types = new Set(events.filter((e) => e.envelope.source === '/backbone/platforms').map((e) => e.envelope.type.split('.')[3]));
    expect([...types].sort()).toEqual(Object.keys(platformEvents).sort());
  });
});
