import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import { createSqliteEventStore, createSqliteIdempotencyStore, openSqliteDatabase } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { createSqliteViewStore, markOf } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { createResourceCommands } from '../../commands/resourceCommands.ts';
import type { ResourceCommands } from '../../commands/resourceCommands.ts';
import { createResourceHandlers } from '../../commands/resourceHandlers.ts';
import type { ResourceHandlers } from '../../commands/resourceHandlers.ts';
import { CLOSES, COORDINATING, ENDS, FIELD, NOW, OPENS, REVIEWER_DEPARTMENT, SCORES, SPONSOR, WEIGHTS, directory } from '../../domain/testing/resourceFixtures.ts';
import { RESOURCES_BOARD, resourcesBoardProjection } from '../../projections/resourcesBoardProjection.ts';
import { createResourceReads } from '../resourceReads.ts';
import { createResourcesApi } from '../resourcesApi.ts';

// Test-only: the resources API through the real service app, over a SQLite event store, a
// SQLite idempotency store and a SQLite view store in a temp directory, on a clock the test moves.

export interface HttpAnswer<T = Record<string, unknown>> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly rule?: string;
  readonly issues?: readonly { path: string; message: string }[];
}

/** Ids of a pool funded with 1 000 000 yuan, a call of 800 000 yuan in FIELD, and an application scored once. */
export interface Venture {
  readonly poolId: string;
  readonly callId: string;
  readonly applicationId: string;
}

export interface ResourcesApiFixture {
  readonly app: TestServiceApp;
  readonly store: EventStore;
  readonly handlers: ResourceHandlers;
  readonly commands: ResourceCommands;
  readonly views: ViewStore;
  /** The time the API sees; tests move it. */
  readonly clock: { now: Date };
  post<T = Record<string, unknown>>(path: string, department: string, body: unknown, headers?: Record<string, string>): Promise<HttpAnswer<T>>;
  get<T = Record<string, unknown>>(path: string, department: string): Promise<HttpAnswer<T>>;
  /** The position of the last event in the log (0 when empty): unchanged means nothing was written. */
  head(): Promise<number>;
  /** Opens, funds and fills a venture through the commands (not HTTP). */
  venture(options?: { budgetFen?: number; requestedFen?: number; field?: string }): Promise<Venture>;
  /** Projects every event of the log into the resources-board view. */
  project(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the API over fresh SQLite files; `close` stops it and deletes them. */
export async function startResourcesApiFixture(): Promise<ResourcesApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'resources-api-'));
  const clock = { now: NOW };
  const database = openSqliteDatabase({ path: join(dir, 'events.db') });
  const store = createSqliteEventStore({ database });
  const idempotency = createSqliteIdempotencyStore({ database });
  const views = createSqliteViewStore({ path: join(dir, 'views.db') });
  const handlers = createResourceHandlers({ store, idempotency, registry: createEventRegistry(allEventDefinitions), clock: () => clock.now, newId: randomUUID });
  const commands = createResourceCommands({ handlers, directory: async () => directory, clock: () => clock.now, newId: randomUUID });
  const reads = createResourceReads({ handlers, directory: async () => directory, board: views.reader(RESOURCES_BOARD) });
  const app = await startTestServiceApp({ mounts: { '/api/resources': createResourcesApi({ commands, reads }) } });
  const projection = resourcesBoardProjection();
  let projected: number | undefined;

  async function call<T>(method: string, path: string, department: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${app.url}/api/resources${path}`, {
      method,
      headers: { authorization: `Bearer ${await app.token(department)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as T };
  }

  return {
    app,
    store,
    handlers,
    commands,
    views,
    clock,
    post: (path, department, body, headers) => call('POST', path, department, body, headers),
    get: (path, department) => call('GET', path, department),
    head: async () => (await store.headPosition()) ?? 0,
    async venture(options = {}) {
      const as = (actor: string) => ({ actor });
      const { id: poolId } = await commands.openPool({ name: 'Venture' }, as(COORDINATING));
      await commands.contributeFunds(poolId, { amountFen: 60_000_000 }, as(COORDINATING));
      await commands.contributeFunds(poolId, { amountFen: 40_000_000 }, as(SPONSOR));
      const field = options.field ?? FIELD;
      const call = { poolId, field, budgetFen: options.budgetFen ?? 80_000_000, opensAt: OPENS, closesAt: CLOSES, weights: WEIGHTS };
      const { id: callId } = await commands.openCall(call, as(COORDINATING));
      const application = { applicantOrganisationId: 'org-1', field, title: 'Mentors', requestedFen: options.requestedFen ?? 30_000_000 };
      const { id: applicationId } = await commands.submitApplication(callId, application, as(SPONSOR));
      await commands.scoreApplication(applicationId, { reviewerId: 'reviewer-1', scores: SCORES }, as(REVIEWER_DEPARTMENT));
      return { poolId, callId, applicationId };
    },
    async project() {
      const version = await views.ensureLive(RESOURCES_BOARD, '1');
      for (;;) {
        const page = await store.readAll({ after: projected, limit: 500 });
        if (page.length === 0) return;
        for (const { envelope, position } of page) {
          await views.apply(RESOURCES_BOARD, version, markOf(envelope), await projection.project(envelope, views.readerOf(RESOURCES_BOARD, version)));
          projected = position;
        }
      }
    },
    async close() {
      await app.close();
      await Promise.all([store.close(), idempotency.close(), views.close()]);
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { CLOSES, COORDINATING, ENDS, FIELD, NOW, OPENS, REVIEWER_DEPARTMENT, SCORES, SPONSOR, WEIGHTS };
