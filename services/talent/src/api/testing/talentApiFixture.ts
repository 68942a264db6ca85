import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, createEventRegistry } from '@backbone/contracts';
import { createSqliteEventStore, createSqliteIdempotencyStore, openSqliteDatabase } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import { startTestServiceApp } from '@backbone/service-kit';
import type { TestServiceApp } from '@backbone/service-kit';
import { createTalentCommandHandlers } from '../../commandHandling/talentCommandHandlers.ts';
import type { TalentCommandHandlers } from '../../commandHandling/talentCommandHandlers.ts';
import { directory } from '../../domain/testing/talentFixtures.ts';
import { openSqlitePersonalData } from '../../personalData/sqlitePersonalData.ts';
import type { SqlitePersonalData } from '../../personalData/sqlitePersonalData.ts';
import { createTalentApi } from '../talentApi.ts';

// Test-only: the talent API in the real service app over a SQLite event store, idempotency
// store and personal-data file in a temp directory, with a clock the test moves.

export const TEST_KEY = 'talent-api-test-key-0123456789abcdef';

export interface ApiAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

export interface CallOptions {
  /** The department whose credential is sent; none when absent. */
  readonly as?: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly ifMatch?: string;
}

/** Everything the talent service has written so far, by store. */
export interface Written {
  readonly events: number;
  readonly personalRecords: number;
  readonly externalRefs: number;
}

export interface TalentApiFixture {
  readonly app: TestServiceApp;
  readonly store: EventStore;
  readonly handlers: TalentCommandHandlers;
  readonly personal: SqlitePersonalData;
  readonly clock: { now: Date };
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  written(): Promise<Written>;
  close(): Promise<void>;
}

/** Starts the API on a fresh temp directory; `close` stops it and deletes the files. */
export async function startTalentApiFixture(start: Date, options: { claimTimeoutMs?: number } = {}): Promise<TalentApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'talent-api-'));
  const personalPath = join(dir, 'talent-personal.db');
  const clock = { now: start };
  const store = createSqliteEventStore({ path: join(dir, 'events.db') });
  const idempotency = createSqliteIdempotencyStore({ path: join(dir, 'local.db') });
  const personal = openSqlitePersonalData({ path: personalPath });
  const counter = openSqliteDatabase({ path: personalPath });
  const handlers = createTalentCommandHandlers({
    store,
    idempotency,
    registry: createEventRegistry(allEventDefinitions),
    clock: () => clock.now,
    newId: randomUUID,
  });
  const api = createTalentApi({
    handlers,
    personalData: personal.personalData,
    externalRefs: personal.externalRefs,
    externalRefKey: TEST_KEY,
    directory: async () => directory,
    clock: () => clock.now,
    newId: randomUUID,
    ...options,
  });
  const app = await startTestServiceApp({ mounts: { '/api/talent': api } });
  const count = (table: string) => counter.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;

  return {
    app,
    store,
    handlers,
    personal,
    clock,
    async call(method, path, callOptions = {}) {
      const headers: Record<string, string> = {};
      if (callOptions.as) headers.authorization = `Bearer ${await app.token(callOptions.as)}`;
      if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
      if (callOptions.idempotencyKey) headers['idempotency-key'] = callOptions.idempotencyKey;
      if (callOptions.ifMatch) headers['if-match'] = callOptions.ifMatch;
      const response = await fetch(`${app.url}/api/talent${path}`, {
        method,
        headers,
        ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
      });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
    },
    async written() {
      return {
        events: (await store.headPosition()) ?? 0,
        personalRecords: count('talent_personal_data'),
        externalRefs: count('talent_external_refs'),
      };
    },
    async close() {
      await app.close();
      await Promise.all([store.close(), idempotency.close()]);
      personal.close();
      counter.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
