/** What `reserve` found for a (scope, key). */
export type Reservation =
  /** Nobody used the key (or its reservation expired): the caller now holds it and must complete or release it. */
  | { readonly state: 'new' }
  /** A request with the same hash completed: answer with its result, do nothing. */
  | { readonly state: 'done'; readonly result: unknown }
  /** A request with the same hash holds the key right now. */
  | { readonly state: 'in_flight' }
  /** The key was used for a different request (another hash). */
  | { readonly state: 'mismatch' };

/**
 * The idempotency-key port: a key, within a scope (e.g. a department), names one request.
 * Adapters: SQLite (shares the event store's file) and Redis. Both pass `idempotencyStore.contract.ts`.
 */
export interface IdempotencyStore {
  /** Atomically claims the key for a request, or says who has it. */
  reserve(scope: string, key: string, requestHash: string): Promise<Reservation>;
  /** Stores the result (JSON-serialisable) of the request holding the key; later repeats get it back. */
  complete(scope: string, key: string, result: unknown): Promise<void>;
  /** Gives up an in-flight reservation (the request failed), so the key can be used again. */
  release(scope: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export interface IdempotencyTtlOptions {
  /** How long an in-flight reservation holds before it is taken as abandoned (ms). */
  readonly inFlightTtlMs?: number;
  /** How long a completed result is kept for repeats (ms). */
  readonly resultTtlMs?: number;
}

export const DEFAULT_IN_FLIGHT_TTL_MS = 60_000;
export const DEFAULT_RESULT_TTL_MS = 24 * 60 * 60 * 1000;
