/**
 * The view store port: where projections keep read models. A projection's writes for one
 * event and its checkpoint are applied in one atomic step (Redis MULTI, SQLite transaction),
 * and an event id already applied is refused, so a redelivered event changes nothing.
 * Adapters: Redis (ioredis) and SQLite (embedded mode).
 */

/** A write a projection wants; documents are JSON, sets hold ids, counters are integers. */
export type ViewWrite =
  | { readonly op: 'put'; readonly collection: string; readonly id: string; readonly doc: unknown }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string }
  | { readonly op: 'addToSet'; readonly set: string; readonly member: string }
  | { readonly op: 'removeFromSet'; readonly set: string; readonly member: string }
  | { readonly op: 'increment'; readonly counter: string; readonly by: number };

/** A read-only view of one version of a projection's models. */
export interface ViewReader {
  get<T>(collection: string, id: string): Promise<T | undefined>;
  getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]>;
  members(set: string): Promise<string[]>;
  counter(counter: string): Promise<number>;
  /** Every document of a collection (used for boards and small lists). */
  all<T>(collection: string): Promise<T[]>;
}

export interface Checkpoint {
  /** Opaque position the projection has applied up to (e.g. `topic:partition:offset` or a log position). */
  readonly position: string;
  readonly updatedAt: string;
}

export interface ViewStore {
  /** The live version of `projection`, for reads. */
  reader(projection: string): ViewReader;
  /**
   * Applies `writes` for event `eventId` and records the event as applied, atomically.
   * Returns false (and writes nothing) when `eventId` was already applied to this version.
   */
  apply(projection: string, version: string, eventId: string, writes: readonly ViewWrite[]): Promise<boolean>;
  readerOf(projection: string, version: string): ViewReader;
  liveVersion(projection: string): Promise<string | undefined>;
  /** Makes `version` the one readers see, atomically, and drops the previous one. */
  promote(projection: string, version: string): Promise<void>;
  close(): Promise<void>;
}
