import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FundPoolOpened } from '@backbone/contracts';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { COORDINATING, directory } from '../domain/testing/taskFixtures.ts';
import { openTaskStoreFixture } from '../projections/testing/taskStoreFixture.ts';
import type { TaskStoreFixture } from '../projections/testing/taskStoreFixture.ts';
import { createTasksApi } from './tasksApi.ts';

// Regression: a stream of another context (e.g. a resources pool) read through the tasks API
// was folded with the task decider; it must be "not found", never a 500 or a write.
describe('tasks API on ids that are not tasks', () => {
  let fixture: TaskStoreFixture;
  let app: TestServiceApp;
  beforeAll(async () => {
    fixture = openTaskStoreFixture(new Date('2025-04-01T00:00:00Z'));
    app = await startTestServiceApp({
      mounts: {
        '/api/tasks': createTasksApi({
          handler: fixture.handler,
          directory: async () => directory,
          clock: () => fixture.clock.now,
          newTaskId: () => `task-${crypto.randomUUID()}`,
        }),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.close();
  });

  it('answers 404 for a read or a command on a non-task id and writes nothing', async () => {
    // A real stream of another context under that id.
    await fixture.store.append(
      'pool-123',
      [
        {
          specversion: '1.0',
          id: crypto.randomUUID(),
          source: '/backbone/resources',
          type: FundPoolOpened.type,
          time: '2025-04-01T00:00:00.000Z',
          subject: 'pool-123',
          datacontenttype: 'application/json',
          data: { poolId: 'pool-123', name: 'Venture pool', openedBy: COORDINATING },
          correlationid: 'c',
          causationid: 'c',
          actor: COORDINATING,
          streamversion: 1,
          prevhash: '',
        },
      ],
      'no_stream',
    );
    const token = await app.token(COORDINATING);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const before = await fixture.store.headPosition();
    for (const [method, path, body] of [
      ['GET', '/api/tasks/pool-123', undefined],
      ['GET', '/api/tasks/pool-123/history', undefined],
      ['POST', '/api/tasks/pool-123/cancel', JSON.stringify({ reason: 'not a task' })],
    ] as const) {
      const answer = await fetch(`${app.url}${path}`, { method, headers, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await fixture.store.headPosition()).toBe(before);
  });
});
