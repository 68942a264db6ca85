import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, createEventRegistry, referenceEvents } from '@backbone/contracts';
import { createCommandHandler, createSqliteEventStore, createSqliteIdempotencyStore } from '@backbone/eventsourcing';
import type { EventStore } from '@backbone/eventsourcing';
import type { DirectoryCommandHandler } from '../api/referenceApi.ts';
import { parseReferenceConfig } from '../domain/config.ts';
import type { ReferenceConfig } from '../domain/config.ts';
import { directoryDecider } from '../domain/directoryDecider.ts';
import { DIRECTORY_ID } from '../domain/state.ts';

// Test-only: directory command handlers over a SQLite event store in a temp file.

/** The shipped config/reference.json, parsed. */
export const shippedConfig = (): ReferenceConfig =>
  parseReferenceConfig(readFileSync(new URL('../../../../config/reference.json', import.meta.url), 'utf8'));

export interface OpenDirectoryHandler {
  readonly store: EventStore;
  readonly handler: DirectoryCommandHandler;
  close(): Promise<void>;
}

/**
 * A directory command handler with its own connections to `file`, wired like the backbone
 * wires it (aggregate id = stream name), optionally holding every append until `beforeAppend` resolves.
 */
export function openDirectoryHandler(file: string, beforeAppend?: () => Promise<void>): OpenDirectoryHandler {
  const sqlite = createSqliteEventStore({ path: file });
  const store: EventStore = beforeAppend
    ? { ...sqlite, append: async (...args) => (await beforeAppend(), sqlite.append(...args)) }
    : sqlite;
  const idempotency = createSqliteIdempotencyStore({ path: file });
  const handler = createCommandHandler({
    store,
    idempotency,
    decider: directoryDecider,
    context: 'reference',
    streamName: (id) => id,
    events: referenceEvents,
    registry: createEventRegistry(allEventDefinitions),
    clock: () => new Date(),
    newId: randomUUID,
  });
  return { store, handler, close: async () => void (await Promise.all([sqlite.close(), idempotency.close()])) };
}

export interface DirectoryFixture extends OpenDirectoryHandler {
  readonly file: string;
  /** Another handler over the same file (own connections), like a second process would have. */
  another(beforeAppend?: () => Promise<void>): DirectoryCommandHandler;
  /** The directory stream's version, read from the store. */
  streamVersion(): Promise<number>;
}

/** Opens a fresh SQLite file; `close` closes every connection and deletes the file. */
export function openDirectoryFixture(): DirectoryFixture {
  const dir = mkdtempSync(join(tmpdir(), 'backbone-reference-'));
  const file = join(dir, 'events.db');
  const first = openDirectoryHandler(file);
  const others: OpenDirectoryHandler[] = [];
  return {
    ...first,
    file,
    another(beforeAppend) {
      const opened = openDirectoryHandler(file, beforeAppend);
      others.push(opened);
      return opened.handler;
    },
    streamVersion: async () => (await first.store.readStream(DIRECTORY_ID)).length,
    async close() {
      await Promise.all([first, ...others.splice(0)].map((o) => o.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
