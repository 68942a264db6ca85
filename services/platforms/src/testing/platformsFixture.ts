import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, createEventRegistry, platformEvents } from '@backbone/contracts';
import { createCommandHandler, createSqliteEventStore, createSqliteIdempotencyStore } from '@backbone/eventsourcing';
import type { CommandHandler, EventStore } from '@backbone/eventsourcing';
import { createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { platformsBoardProjection } from '../board/platformsBoardProjection.ts';
import { platformDecider } from '../domain/index.ts';
import type { PlatformCommand, PlatformState } from '../domain/index.ts';
import { platformResourceReferencesProjection, platformTalentReferencesProjection } from '../references/referenceProjections.ts';
import { otherContexts } from './otherContexts.ts';
import { projectAll } from './projectAll.ts';

// Test-only: the platforms context over SQLite files in a temp directory, wired as the
// backbone wires it (aggregate id = stream name), with its projections run by hand.

export interface PlatformsFixture {
  readonly store: EventStore;
  readonly views: ViewStore;
  readonly handler: CommandHandler<PlatformCommand, PlatformState>;
  /** Writes resources and talent events into the same store. */
  readonly others: ReturnType<typeof otherContexts>;
  /** Runs the references and board projections over what the store holds and they have not seen. */
  project(): Promise<void>;
  /** The position of the last event in the store (what "nothing written" compares). */
  head(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Opens fresh SQLite files; `close` closes every connection and deletes them. */
export function openPlatformsFixture(clock: () => Date = () => new Date()): PlatformsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'backbone-platforms-'));
  const store = createSqliteEventStore({ path: join(dir, 'events.db') });
  const idempotency = createSqliteIdempotencyStore({ path: join(dir, 'local.db') });
  const views = createSqliteViewStore({ path: join(dir, 'views.db') });
  const handler = createCommandHandler({
    store,
    idempotency,
    context: 'platforms',
    decider: platformDecider,
    events: platformEvents,
    registry: createEventRegistry(allEventDefinitions),
    streamName: (id) => id,
    clock,
    newId: randomUUID,
  });
  const projections = [platformResourceReferencesProjection(), platformTalentReferencesProjection(), platformsBoardProjection()];
  let projected: number | undefined;
  return {
    store,
    views,
    handler,
    others: otherContexts(store, clock),
    async project() {
      projected = await projectAll(store, views, projections, projected);
    },
    head: () => store.headPosition(),
    async close() {
      await Promise.all([store.close(), idempotency.close(), views.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
