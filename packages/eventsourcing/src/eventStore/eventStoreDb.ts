import type { EventStore } from './eventStore.ts';

/** The largest page `readAll` returns, whatever `limit` asks for. */
export const EVENTSTOREDB_READ_ALL_MAX_PAGE = 1000;

export interface EventStoreDbStoreOptions {
  /** e.g. `esdb://127.0.0.1:2113?tls=false`. */
  readonly connectionString: string;
}

/**
 * The production event store on EventStoreDB (see `eventStoreDbStore.ts`). Its client library
 * (gRPC, protobufs: some 20 MB of heap and code) is loaded on first use, so a process that
 * runs on SQLite — the embedded mode, the operator CLI on SQLite — never loads it.
 */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStore {
  const store = import('./eventStoreDbStore.ts').then((m) => m.connectEventStoreDbStore(options));
  // A failed load surfaces on the first call; it must not also crash the process as unhandled.
  store.catch(() => undefined);
  return {
    append: async (stream, events, expected) => (await store).append(stream, events, expected),
    readStream: async (stream, readOptions) => (await store).readStream(stream, readOptions),
    readAll: async (readOptions) => (await store).readAll(readOptions),
    headPosition: async () => (await store).headPosition(),
    close: async () => (await store).close(),
  };
}
