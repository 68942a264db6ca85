import type { Envelope } from '@backbone/contracts';

/**
 * What the writer believes about a stream before appending:
 * `no_stream` (it must not exist), `any` (no check), or the exact number of events in it.
 * A stream's version is the number of events in it; its first event has `streamversion` 1.
 */
export type ExpectedVersion = 'no_stream' | 'any' | number;

/** An event as the store holds it: its envelope plus where it sits in the global log. */
export interface StoredEvent {
  readonly stream: string;
  /** Position in the store's global log; strictly increasing in append order. */
  readonly position: number;
  readonly envelope: Envelope;
}

export interface AppendResult {
  /** The stream's version after the append (the last event's `streamversion`). */
  readonly nextVersion: number;
  /** Global position of the last appended event. */
  readonly lastPosition: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this global position; omitted = from the start of the log. */
  readonly after?: number;
  /** At most this many events (adapters cap it). */
  readonly limit?: number;
}

/**
 * The event store port. Adapters: SQLite (embedded default) and EventStoreDB (production).
 * All of them pass `eventStore.contract.ts`.
 */
export interface EventStore {
  /**
   * Appends envelopes atomically. Each envelope's `streamversion` must already be set to
   * its place in the stream (the command handler does it from the loaded version).
   * Throws `VersionConflictError` when `expected` does not hold.
   */
  append(stream: string, events: readonly Envelope[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Every event of one stream in order; an empty array when it does not exist. */
  readStream(stream: string, options?: { fromVersion?: number }): Promise<StoredEvent[]>;
  /** A page of the global log in order. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** The position of the last event in the log, or undefined when empty. */
  headPosition(): Promise<number | undefined>;
  close(): Promise<void>;
}

/** Thrown by `append` when the stream is not at the expected version. */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${String(expected)}`);
  }
}
