import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@backbone/contracts';
import { deleteRedisKeys, redisServer } from '@backbone/testkit';
import { createRedisViewStore, createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { afterEach, describe, expect, it } from 'vitest';
import { planBoard } from '../queries/boardQueries.ts';
import { quarterOfTasks, storyDirectory } from '../testing/quarterOfTasks.ts';
import { projectEvents } from '../testing/projectEvents.ts';
import { finalSummaries, recountBoard } from '../testing/recount.ts';
import { interleave } from '../testing/taskStory.ts';
import { DEPARTMENT_INBOX, departmentInboxProjection, inboxSet, INBOX_TASKS } from './departmentInboxProjection.ts';
import { ONE_BOARD, oneBoardProjection } from './oneBoardProjection.ts';
import { assigneesOf } from './taskSummary.ts';

const redis = await redisServer();
const directory = async () => storyDirectory;
const board = oneBoardProjection();
const inbox = departmentInboxProjection();

interface Fixture {
  readonly store: ViewStore;
  cleanup(): Promise<void>;
}

function sqliteFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'board-views-'));
  const store = createSqliteViewStore({ path: join(dir, 'views.db') });
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function redisFixture(url: string): Fixture {
  const prefix = `test-board-${randomUUID()}`;
  const store = createRedisViewStore({ redis: url, prefix });
  return {
    store,
    async cleanup() {
      await store.close();
      await deleteRedisKeys(url, `${prefix}:*`);
    },
  };
}

async function inboxSnapshot(store: ViewStore, version: string) {
  const reader = store.readerOf(DEPARTMENT_INBOX, version);
  const sets = await Promise.all(storyDirectory.departments.map(async (d) => [d.id, (await reader.members(inboxSet(d.id))).sort()]));
  const docs = (await reader.all<{ taskId: string }>(INBOX_TASKS)).sort((a, b) => a.taskId.localeCompare(b.taskId));
  return { sets: Object.fromEntries(sets), docs };
}

async function projectBoth(store: ViewStore, version: string, envelopes: readonly Envelope[]): Promise<number> {
  const [applied] = await Promise.all([projectEvents(store, board, version, envelopes), projectEvents(store, inbox, version, envelopes)]);
  return applied;
}

function boardProjectionSuite(open: () => Fixture) {
  let fixture: Fixture | undefined;
  afterEach(async () => {
    await fixture?.cleanup();
    fixture = undefined;
  });

  it('keeps counters per field and per department equal to a recount from the final task summaries', async () => {
    fixture = open();
    const streams = quarterOfTasks(randomUUID().slice(0, 8)).map((s) => s.envelopes);
    await projectBoth(fixture.store, '1', streams.flat());

    const expected = recountBoard(streams, storyDirectory);
    expect(await planBoard(fixture.store.readerOf(ONE_BOARD, '1'), directory)).toEqual(expected);
    // The stories are not trivial: the recount sees every kind of number.
    expect(expected.totals).toMatchObject({ tasks: 8, declined: 3, reopened: 1, overdue: 2, escalated: 1, blocked: 1, completed: 2 });

    const { sets } = await inboxSnapshot(fixture.store, '1');
    for (const { id } of storyDirectory.departments) {
      const leadsOrSupports = finalSummaries(streams).filter((s) => assigneesOf(s).includes(id)).map((s) => s.taskId);
      expect(sets[id]).toEqual(leadsOrSupports.sort());
    }
  });

  it('changes nothing when every event is delivered again, in order or not', async () => {
    fixture = open();
    const streams = quarterOfTasks(randomUUID().slice(0, 8)).map((s) => s.envelopes);
    const events = streams.flat();
    expect(await projectBoth(fixture.store, '1', events)).toBe(events.length);
    const boardBefore = await planBoard(fixture.store.readerOf(ONE_BOARD, '1'), directory);
    const inboxBefore = await inboxSnapshot(fixture.store, '1');

    expect(await projectBoth(fixture.store, '1', events)).toBe(0);
    expect(await projectBoth(fixture.store, '1', [...events].reverse())).toBe(0);

    expect(await planBoard(fixture.store.readerOf(ONE_BOARD, '1'), directory)).toEqual(boardBefore);
    expect(await inboxSnapshot(fixture.store, '1')).toEqual(inboxBefore);
  });

  it('applies an earlier event redelivered mid-stream as a duplicate', async () => {
    fixture = open();
    const streams = quarterOfTasks(randomUUID().slice(0, 8)).map((s) => s.envelopes);
    const withRedeliveries = streams.flatMap((stream) => stream.flatMap((e, i) => (i >= 2 ? [e, stream[i - 2]!] : [e])));
    await projectBoth(fixture.store, '1', withRedeliveries);
    expect(await planBoard(fixture.store.readerOf(ONE_BOARD, '1'), directory)).toEqual(recountBoard(streams, storyDirectory));
  });

  it('builds the same board and inboxes whatever the order across tasks', async () => {
    fixture = open();
    const streams = quarterOfTasks(randomUUID().slice(0, 8)).map((s) => s.envelopes);
    await projectBoth(fixture.store, 'in-order', streams.flat());
    const expectedBoard = await planBoard(fixture.store.readerOf(ONE_BOARD, 'in-order'), directory);
    const expectedInbox = await inboxSnapshot(fixture.store, 'in-order');

    for (const seed of [7, 1234, 987654]) {
      const version = `shuffled-${seed}`;
      await projectBoth(fixture.store, version, interleave(streams, seed));
      expect(await planBoard(fixture.store.readerOf(ONE_BOARD, version), directory)).toEqual(expectedBoard);
      expect(await inboxSnapshot(fixture.store, version)).toEqual(expectedInbox);
    }
  });
}

describe('board projections over the SQLite view store', () => {
  boardProjectionSuite(sqliteFixture);
});

describe.skipIf(!redis.available)('board projections over the Redis view store', () => {
  boardProjectionSuite(() => redisFixture(redis.endpoint!.url));
});
