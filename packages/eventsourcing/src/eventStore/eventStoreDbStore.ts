import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { BackboneError, type Envelope } from '@backbone/contracts';
import { VersionConflictError, type EventStore, type ExpectedVersion, type StoredEvent } from './eventStore.ts';
import { EVENTSTOREDB_READ_ALL_MAX_PAGE, type EventStoreDbStoreOptions } from './eventStoreDb.ts';
import { checkConsecutive } from './streamVersions.ts';

/**
 * The production event store on EventStoreDB (server ≥ 22.6, which reports positions on
 * stream reads). An event's data is the envelope's `data`; its metadata is the rest of
 * the envelope; its id and type are the envelope's. Global position = commit position.
 */
export function connectEventStoreDbStore(options: EventStoreDbStoreOptions): EventStore {
  const client = EventStoreDBClient.connectionString(options.connectionString);

  async function lastEventOf(stream: string): Promise<StoredEvent | undefined> {
    const [last] = await readStreamEvents(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last;
  }

  async function readStreamEvents(
    stream: string,
    readOptions: Parameters<EventStoreDBClient['readStream']>[1],
  ): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of client.readStream(stream, readOptions)) events.push(toStored(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  return {
    async append(stream, events, expected) {
      checkConsecutive(stream, events);
      const expectedRevision = toExpectedRevision(expected, events[0]?.streamversion);
      if (events.length === 0) {
        const last = await lastEventOf(stream);
        const actual = last?.envelope.streamversion ?? 0;
        if (expected !== 'any' && toNumber(expected) !== actual) throw new VersionConflictError(stream, expected, actual);
        return { nextVersion: actual, lastPosition: last?.position ?? 0 };
      }
      try {
        await client.appendToStream(stream, events.map(toEventData), { expectedRevision });
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          const actual = error.actualVersion === NO_STREAM ? 0 : Number(error.actualVersion) + 1;
          throw new VersionConflictError(stream, expected, actual);
        }
        if (error instanceof MaxAppendSizeExceededError) {
          throw new BackboneError('payload_too_large', `append to ${stream} exceeds the server's max append size`, {
            cause: error,
          });
        }
        throw error;
      }
      // Read back rather than trust the append result: its position is not documented as the last event's.
      const last = await lastEventOf(stream);
      return { nextVersion: events[events.length - 1]!.streamversion, lastPosition: last?.position ?? 0 };
    },

    async readStream(stream, readOptions) {
      const fromVersion = Math.max(1, Math.trunc(readOptions?.fromVersion ?? 1));
      return readStreamEvents(stream, { direction: FORWARDS, fromRevision: BigInt(fromVersion - 1) });
    },

    async readAll(readOptions = {}) {
      const requested = Math.trunc(readOptions.limit ?? EVENTSTOREDB_READ_ALL_MAX_PAGE);
      const limit = Math.min(Math.max(0, requested), EVENTSTOREDB_READ_ALL_MAX_PAGE);
      const page: StoredEvent[] = [];
      let seen = readOptions.after ?? -1;
      let from: ReadPosition = readOptions.after === undefined ? START : position(readOptions.after);
      // This client's readAll takes no server-side filter, so system events are skipped
      // here and a page may take several reads. A read starts at `from` inclusive.
      while (page.length < limit) {
        const batch: AllStreamResolvedEvent[] = await collect(client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: limit + 1 }));
        for (const resolved of batch) {
          const at = resolved.event ? Number(resolved.event.position.commit) : undefined;
          if (at === undefined || at <= seen) continue;
          seen = at;
          const stored = toStoredFromAll(resolved);
          if (stored && page.length < limit) page.push(stored);
        }
        if (batch.length < limit + 1) break;
        from = position(seen);
      }
      return page;
    },

    async headPosition() {
      let from: ReadPosition = END;
      for (;;) {
        const batch: AllStreamResolvedEvent[] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 100 }));
        for (const resolved of batch) {
          const stored = toStoredFromAll(resolved);
          if (stored) return stored.position;
        }
        const oldest: Position | undefined = batch[batch.length - 1]?.event?.position;
        if (batch.length < 100 || !oldest) return undefined;
        from = oldest;
      }
    },

    async close() {
      await client.dispose();
    },
  };
}

function toExpectedRevision(expected: ExpectedVersion, firstVersion: number | undefined): AppendExpectedRevision {
  if (expected === 'any') {
    // The envelopes already name their place; holding the server to it keeps them honest.
    if (firstVersion === undefined) return ANY;
    return firstVersion === 1 ? NO_STREAM : BigInt(firstVersion - 2);
  }
  const version = toNumber(expected);
  if (firstVersion !== undefined && firstVersion !== version + 1) {
    throw new BackboneError('internal', `events start at streamversion ${firstVersion}, expected version is ${version}`);
  }
  return version === 0 ? NO_STREAM : BigInt(version - 1);
}

function position(commit: number): Position {
  return { commit: BigInt(commit), prepare: BigInt(commit) };
}

function toNumber(expected: 'no_stream' | number): number {
  return expected === 'no_stream' ? 0 : expected;
}

function toEventData(envelope: Envelope) {
  const { data, ...metadata } = envelope;
  if (typeof data !== 'object' || data === null) {
    throw new BackboneError('internal', `event ${envelope.id} has data that is not a JSON object or array`);
  }
  return jsonEvent({ id: envelope.id, type: envelope.type, data: data as JSONType, metadata });
}

function toEnvelope(recorded: RecordedEvent): Envelope {
  const metadata = recorded.metadata;
  if (!recorded.isJson || typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) {
    throw new BackboneError('internal', `event ${recorded.id} in ${recorded.streamId} is not a backbone envelope`);
  }
  return { ...metadata, data: recorded.data } as Envelope;
}

function toStored(resolved: ResolvedEvent): StoredEvent {
  const recorded = resolved.event;
  const commit = recorded?.position?.commit ?? resolved.commitPosition;
  if (!recorded || commit === undefined) {
    throw new BackboneError('internal', 'EventStoreDB returned an event without a position (server older than 22.6?)');
  }
  return { stream: recorded.streamId, position: Number(commit), envelope: toEnvelope(recorded) };
}

/** A user event of `$all` as a stored event; undefined for system events (type or stream starting with `$`). */
function toStoredFromAll(resolved: AllStreamResolvedEvent): StoredEvent | undefined {
  const recorded = resolved.event;
  if (!recorded || recorded.type.startsWith('$') || recorded.streamId.startsWith('$')) return undefined;
  return { stream: recorded.streamId, position: Number(recorded.position.commit), envelope: toEnvelope(recorded) };
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}
