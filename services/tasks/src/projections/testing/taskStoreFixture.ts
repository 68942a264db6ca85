import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, createEventRegistry, taskEvents } from '@backbone/contracts';
import type { Envelope, TaskEvent } from '@backbone/contracts';
import { createCommandHandler, createSqliteEventStore } from '@backbone/eventsourcing';
import type { CommandHandler, CommandResult, EventStore } from '@backbone/eventsourcing';
import { createSqliteViewStore, markOf } from '@backbone/views';
import type { ViewReader, ViewStore } from '@backbone/views';
import { taskDecider } from '../../domain/index.ts';
import type { TaskCommand, TaskCommandOf, TaskCommandType, TaskState } from '../../domain/index.ts';
import { COORDINATING, FIELD, LEAD, directory } from '../../domain/testing/taskFixtures.ts';
import { TASK_DEADLINES, taskDeadlinesProjection } from '../taskDeadlinesProjection.ts';

// Test-only: task command handlers over a SQLite event store in a temp file, a clock the test
// moves, and the task-deadlines projection kept in a SQLite view store by reading the log.

export type TaskHandler = CommandHandler<TaskCommand, TaskState>;

export interface TaskStoreFixture {
  readonly store: EventStore;
  readonly handler: TaskHandler;
  /** The time every handler and command sees; tests move it. */
  readonly clock: { now: Date };
  readonly deadlines: ViewReader;
  /**
   * Another handler with its own connection to the same file, like a second process; it may
   * hold each append until `beforeAppend` resolves.
   */
  anotherHandler(beforeAppend?: () => Promise<void>): TaskHandler;
  /** Issues a command as `actor` at the fixture's time. */
  run<T extends TaskCommandType>(type: T, taskId: string, actor: string, data: TaskCommandOf<T>['data']): Promise<CommandResult>;
  /** Creates a task due at `dueDate`, assigned to LEAD, who accepted. */
  openTask(dueDate: Date, taskId?: string): Promise<string>;
  /** Projects one event into the task-deadlines view; says whether the view store applied it. */
  project(envelope: Envelope, position?: number): Promise<boolean>;
  /** Projects every event of the log not seen yet into the task-deadlines view. */
  catchUp(): Promise<void>;
  /** The names of a task's events, in order. */
  eventsOf(taskId: string): Promise<TaskEvent['type'][]>;
  close(): Promise<void>;
}

/** Opens a fresh SQLite event store and view store; `close` closes them and deletes the files. */
export function openTaskStoreFixture(start: Date): TaskStoreFixture {
  const dir = mkdtempSync(join(tmpdir(), 'backbone-tasks-'));
  const file = join(dir, 'events.db');
  const registry = createEventRegistry(allEventDefinitions);
  const clock = { now: start };
  const stores: EventStore[] = [];
  const openHandler = (beforeAppend?: () => Promise<void>) => {
    const sqlite = createSqliteEventStore({ path: file });
    stores.push(sqlite);
    const store: EventStore = beforeAppend
      ? { ...sqlite, append: async (...args) => (await beforeAppend(), sqlite.append(...args)) }
      : sqlite;
    const handler: TaskHandler = createCommandHandler({
      store,
      decider: taskDecider,
      context: 'tasks',
      streamName: (id) => id,
      events: taskEvents,
      registry,
      clock: () => clock.now,
      newId: randomUUID,
    });
    return { store, handler };
  };
  const { store, handler } = openHandler();
  const viewStore: ViewStore = createSqliteViewStore({ path: join(dir, 'views.db') });
  const projection = taskDeadlinesProjection();
  let projected: number | undefined;

  const run: TaskStoreFixture['run'] = (type, taskId, actor, data) =>
    handler.handle({
      aggregateId: taskId,
      command: { type, taskId, actor, now: clock.now, directory, data } as TaskCommand,
      actor,
    });

  async function project(envelope: Envelope, position?: number): Promise<boolean> {
    const version = await viewStore.ensureLive(TASK_DEADLINES, '1');
    const writes = await projection.project(envelope, viewStore.readerOf(TASK_DEADLINES, version));
    return viewStore.apply(TASK_DEADLINES, version, markOf(envelope, position === undefined ? undefined : String(position)), writes);
  }

  return {
    store,
    handler,
    clock,
    deadlines: viewStore.reader(TASK_DEADLINES),
    anotherHandler: (beforeAppend) => openHandler(beforeAppend).handler,
    run,
    async openTask(dueDate, taskId = `task-${randomUUID()}`) {
      await run('createTask', taskId, COORDINATING, { title: 'Volunteer support', field: FIELD, dueDate: dueDate.toISOString() });
      await run('assignTask', taskId, COORDINATING, { lead: LEAD, supporting: [] });
      await run('acceptTask', taskId, LEAD, {});
      return taskId;
    },
    project,
    async catchUp() {
      for (;;) {
        const page = await store.readAll({ after: projected, limit: 500 });
        if (page.length === 0) return;
        for (const { envelope, position } of page) {
          await project(envelope, position);
          projected = position;
        }
      }
    },
    async eventsOf(taskId) {
      const loaded = await handler.load(taskId);
      return loaded.events.map((e) => registry.byType(e.envelope.type)?.name as TaskEvent['type']);
    },
    async close() {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      await viewStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
