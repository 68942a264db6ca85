import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope } from '@backbone/contracts';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentInboxProjection } from '../projections/departmentInboxProjection.ts';
import { oneBoardProjection } from '../projections/oneBoardProjection.ts';
import type { InboxItem, InboxPage } from '../queries/inboxQuery.ts';
import { projectEvents } from '../testing/projectEvents.ts';
import { quarterOfTasks, storyDirectory } from '../testing/quarterOfTasks.ts';
import { recountBoard } from '../testing/recount.ts';
import { taskStory } from '../testing/taskStory.ts';
import type { TaskStory } from '../testing/taskStory.ts';
import { createBoardApi } from './boardApi.ts';

const projections = [departmentInboxProjection(), oneBoardProjection()];

/** Six more tasks science-tech leads in elderly care, two of them due at the same time (the id breaks the tie). */
function moreScienceTechTasks(): TaskStory[] {
  const dues = ['2025-06-01', '2025-05-15', '2025-06-01', '2025-07-01', '2025-05-20', '2025-06-10'];
  return dues.map((day, i) => {
    const id = `task-st-${i}`;
    const story = taskStory(id, '2025-03-04T00:00:00.000Z').then({
      type: 'TaskCreated',
      data: { taskId: id, title: `Elderly care ${i}`, field: 'elderly-care', dueDate: `${day}T00:00:00.000Z`, createdBy: 'social-work' },
    });
    return story.wait(1).then({ type: 'TaskAssigned', data: { lead: 'science-tech', supporting: [], assignedAt: story.now() } });
  });
}

type Problem = { status: number; detail?: string; issues?: { path: string }[] };

describe('board API over the SQLite view store', () => {
  let dir: string;
  let views: ViewStore;
  let app: TestServiceApp;
  const stories = [...quarterOfTasks('api'), ...moreScienceTechTasks()];
  const streams = stories.map((s) => s.envelopes);

  async function project(envelopes: readonly Envelope[] = streams.flat()) {
    for (const projection of projections) await projectEvents(views, projection, '1', envelopes);
  }

  async function get<T>(path: string, department: string | null = 'social-work'): Promise<{ status: number; body: T; ms: number }> {
    const headers: Record<string, string> = department ? { authorization: `Bearer ${await app.token(department)}` } : {};
    const started = performance.now();
    const response = await fetch(`${app.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as T, ms: performance.now() - started };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'board-api-'));
    views = createSqliteViewStore({ path: join(dir, 'views.db') });
    for (const projection of projections) await views.ensureLive(projection.name, '1');
    await project();
    const [inbox, board] = createBoardApi({ views, directory: async () => storyDirectory });
    // Both routers mount under /api; the mounts record needs two distinct keys for the one prefix.
    app = await startTestServiceApp({ mounts: { '/api': inbox!, '/api/': board! } });
  });

  afterAll(async () => {
    await app.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('GET /api/departments/:dept/tasks', () => {
    it('lists every task the department leads or supports, sorted by due date then id, with who blocks whom', async () => {
      const { status, body } = await get<InboxPage>('/api/departments/civil-affairs/tasks', 'civil-affairs');
      expect(status).toBe(200);
      expect(body.items.map((i) => [i.taskId, i.role])).toEqual([
        ['task-1-api', 'supporting'],
        ['task-6-api', 'lead'],
        ['task-7-api', 'supporting'],
        ['task-8-api', 'supporting'],
      ]);
      expect(body.total).toBe(4);
      expect(body.items[1]).toMatchObject({
        status: 'in_progress',
        progress: 25,
        overdue: true,
        accepted: true,
        blocked: { by: 'civil-affairs', needsHelpFrom: 'human-resources', reason: 'needs volunteers' },
        dueDate: '2025-04-30T09:00:00.000Z',
      });
      expect(body.items[3]).toMatchObject({ status: 'awaiting_reassignment', lead: null, declinedBy: ['human-resources'] });
      // A lead that declined is no longer in the task's inbox.
      const hr = await get<InboxPage>('/api/departments/human-resources/tasks', 'human-resources');
      expect(hr.body.items.map((i) => i.taskId)).toEqual(['task-2-api', 'task-3-api', 'task-4-api', 'task-7-api']);
    });

    it('filters by status, field and overdue', async () => {
      const ids = async (query: string) =>
        (await get<InboxPage>(`/api/departments/science-tech/tasks?${query}`, 'science-tech')).body.items.map((i: InboxItem) => i.taskId);
      expect(await ids('status=cancelled')).toEqual(['task-4-api']);
      expect(await ids('field=micro-economy')).toEqual(['task-7-api']);
      expect(await ids('overdue=true')).toEqual([]);
      expect(await ids('overdue=false&field=tech-support')).toEqual(['task-1-api', 'task-4-api']);
      expect(await ids('overdue=true&field=new-employment-groups')).toEqual([]);
      const civil = await get<InboxPage>('/api/departments/civil-affairs/tasks?overdue=true', 'civil-affairs');
      expect(civil.body.items.map((i) => i.taskId)).toEqual(['task-6-api']);
      expect(civil.body.total).toBe(1);
    });

    it('pages with a cursor or an offset, the total over every page', async () => {
      const all = (await get<InboxPage>('/api/departments/science-tech/tasks?limit=200', 'science-tech')).body;
      // task-2 left science-tech's inbox when it declined its supporting part.
      expect(all.total).toBe(9);
      expect(all.items.slice(1, 4).map((i) => i.taskId)).toEqual(['task-st-1', 'task-st-4', 'task-4-api']);
      expect(all.items.filter((i) => i.dueDate === '2025-06-01T00:00:00.000Z').map((i) => i.taskId)).toEqual(['task-st-0', 'task-st-2']);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const page: InboxPage = (await get<InboxPage>(`/api/departments/science-tech/tasks?limit=3${query}`, 'science-tech')).body;
        expect(page.total).toBe(9);
        seen.push(...page.items.map((i) => i.taskId));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(all.items.map((i) => i.taskId));

      const second = (await get<InboxPage>('/api/departments/science-tech/tasks?limit=3&offset=3', 'science-tech')).body;
      expect(second.items.map((i) => i.taskId)).toEqual(seen.slice(3, 6));
      const defaults = (await get<InboxPage>('/api/departments/science-tech/tasks', 'science-tech')).body;
      expect(defaults.limit).toBe(50);
    });

    it('refuses a bad page: limit out of 1–200, cursor with offset, a made-up cursor, an unknown filter', async () => {
      for (const query of ['limit=0', 'limit=201', 'offset=1&cursor=WzEsImEiXQ', 'cursor=not-a-cursor', 'overdue=yes', 'status=blocked', 'colour=red']) {
        const { status, body } = await get<Problem>(`/api/departments/science-tech/tasks?${query}`, 'science-tech');
        expect(status, query).toBe(400);
        expect(body.issues?.length, query).toBeGreaterThan(0);
      }
    });

    it('lets only the department itself and the coordinating department read an inbox', async () => {
      expect((await get('/api/departments/science-tech/tasks', 'science-tech')).status).toBe(200);
      expect((await get('/api/departments/science-tech/tasks', 'social-work')).status).toBe(200);
      const unrelated = await get<Problem>('/api/departments/science-tech/tasks', 'human-resources');
      expect(unrelated.status).toBe(403);
      expect((await get('/api/departments/science-tech/tasks', null)).status).toBe(401);
    });

    it('takes the coordinating department from the directory, and the rule can be replaced', async () => {
      const departments = storyDirectory.departments.map(({ id, name }) => ({ id, name }));
      const directory = async () => ({ ...storyDirectory, departments, coordinating: 'human-resources' });
      const [coordinated] = createBoardApi({ views, directory });
      const [open] = createBoardApi({ views, directory, authorizeInbox: () => true });
      const other = await startTestServiceApp({ mounts: { '/coordinated': coordinated!, '/open': open! }, keys: app.keys });
      try {
        const status = async (path: string, department: string) =>
          (await fetch(`${other.url}${path}`, { headers: { authorization: `Bearer ${await other.token(department)}` } })).status;
        expect(await status('/coordinated/departments/science-tech/tasks', 'human-resources')).toBe(200);
        expect(await status('/coordinated/departments/science-tech/tasks', 'social-work')).toBe(403);
        expect(await status('/open/departments/science-tech/tasks', 'civil-affairs')).toBe(200);
      } finally {
        await other.close();
      }
    });

    it('answers 404 for a department the directory does not know', async () => {
      expect((await get('/api/departments/tourism-bureau/tasks', 'social-work')).status).toBe(404);
    });
  });

  describe('GET /api/board…', () => {
    it('shows the plan totals and a row for every field and department, as a recount gives them', async () => {
      const { status, body } = await get('/api/board', 'human-resources');
      expect(status).toBe(200);
      expect(body).toEqual(recountBoard(streams, storyDirectory));
    });

    it('shows one field and one department', async () => {
      const expected = recountBoard(streams, storyDirectory);
      const field = await get<{ id: string; tasks: number }>('/api/board/fields/elderly-care', 'science-tech');
      expect(field.body).toEqual(expected.fields.find((f) => f.id === 'elderly-care'));
      expect(field.body.tasks).toBe(8);
      const department = await get('/api/board/departments/civil-affairs', 'science-tech');
      expect(department.body).toEqual(expected.departments.find((d) => d.id === 'civil-affairs'));
    });

    it('answers 404 for an unknown field or department', async () => {
      expect((await get('/api/board/fields/space-travel')).status).toBe(404);
      expect((await get('/api/board/departments/tourism-bureau')).status).toBe(404);
    });
  });

  describe('read-your-writes', () => {
    it('says at once that the views caught up with a version they have seen', async () => {
      const inbox = await get<InboxPage & { consistency: unknown }>('/api/departments/science-tech/tasks?waitFor=task-1-api@10', 'science-tech');
      expect(inbox.body.consistency).toEqual({ caughtUp: true, version: 10 });
      const board = await get<{ consistency: unknown }>('/api/board/fields/tech-support?waitFor=task-1-api@3');
      expect(board.body.consistency).toEqual({ caughtUp: true, version: 10 });
      const plain = await get<Record<string, unknown>>('/api/board');
      expect(plain.body).not.toHaveProperty('consistency');
    });

    it('waits for a version the views have not seen yet, and answers with it included', async () => {
      const late = taskStory('task-late', '2025-03-05T00:00:00.000Z').then({
        type: 'TaskCreated',
        data: { taskId: 'task-late', title: 'Late', field: 'tech-support', dueDate: '2025-08-01T00:00:00.000Z', createdBy: 'social-work' },
      });
      late.wait(1).then({ type: 'TaskAssigned', data: { lead: 'human-resources', supporting: [], assignedAt: late.now() } });
      const before = (await get<{ tasks: number }>('/api/board/fields/tech-support')).body.tasks;

      const inboxRead = get<InboxPage & { consistency: unknown }>('/api/departments/human-resources/tasks?waitFor=task-late@2', 'human-resources');
      const boardRead = get<{ tasks: number; consistency: unknown }>('/api/board/fields/tech-support?waitFor=task-late@2');
      await new Promise((resolve) => setTimeout(resolve, 150));
      await project(late.envelopes);

      const inbox = await inboxRead;
      expect(inbox.body.consistency).toEqual({ caughtUp: true, version: 2 });
      expect(inbox.body.items.map((i) => i.taskId)).toContain('task-late');
      const board = await boardRead;
      expect(board.body).toMatchObject({ consistency: { caughtUp: true, version: 2 }, tasks: before + 1 });
    });

    it('gives up after the bounded wait and says it did not catch up', async () => {
      const inbox = await get<{ consistency: unknown }>('/api/departments/science-tech/tasks?waitFor=task-1-api@11&waitMs=300', 'science-tech');
      expect(inbox.status).toBe(200);
      expect(inbox.body.consistency).toEqual({ caughtUp: false, version: 10 });
      expect(inbox.ms).toBeGreaterThanOrEqual(290);
      expect(inbox.ms).toBeLessThan(1500);
      const unseen = await get<{ consistency: unknown }>('/api/board?waitFor=task-never@1&waitMs=100');
      expect(unseen.body.consistency).toEqual({ caughtUp: false, version: null });
    });

    it('waits at most 2 s when the caller names no bound', async () => {
      const { body, ms } = await get<{ consistency: unknown }>('/api/board/departments/civil-affairs?waitFor=task-never@1');
      expect(body.consistency).toEqual({ caughtUp: false, version: null });
      expect(ms).toBeGreaterThanOrEqual(1990);
      expect(ms).toBeLessThan(3000);
    });

    it('refuses a wait longer than 2 s or a malformed target', async () => {
      expect((await get('/api/board?waitFor=task-1-api@1&waitMs=2001')).status).toBe(400);
      expect((await get('/api/board?waitFor=task-1-api')).status).toBe(400);
      expect((await get('/api/board?waitFor=task-1-api@0')).status).toBe(400);
    });
  });

  it('documents its routes in /openapi.json', async () => {
    const { body } = await get<{ paths: Record<string, unknown> }>('/openapi.json', null);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/departments/{dept}/tasks', '/api/board', '/api/board/fields/{field}', '/api/board/departments/{dept}']),
    );
  });
});
