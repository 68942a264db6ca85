/**
 * The view store port: where projections keep read models. A projection keeps versions of
 * its models side by side (`<projection>:<version>`); one of them is live, the others are
 * being rebuilt. An event's writes, the dedupe check and the new mark are applied in one
 * atomic step, and an event of an aggregate at or below the last applied `streamversion` of
 * that aggregate is refused, so a redelivered event changes nothing.
 * Adapters: Redis (ioredis) and SQLite (embedded mode). Both pass `viewStore.contract.ts`.
 */
import { BackboneError } from '@backbone/contracts';

/** A write a projection wants; documents are JSON, sets hold ids, counters are integers. */
export type ViewWrite =
  | { readonly op: 'put'; readonly collection: string; readonly id: string; readonly doc: unknown }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string }
  | { readonly op: 'addToSet'; readonly set: string; readonly member: string }
  | { readonly op: 'removeFromSet'; readonly set: string; readonly member: string }
  | { readonly op: 'increment'; readonly counter: string; readonly by: number };

/** What identifies an event for the dedupe: its aggregate and its place in that aggregate's stream. */
export interface ApplyMark {
  /** The aggregate id (the envelope's `subject`). */
  readonly subject: string;
  /** The event's 1-based `streamversion` in its aggregate's stream. */
  readonly streamversion: number;
  /** Where the event came from (`topic:partition:offset` or a log position); kept for operators. */
  readonly position?: string;
}

/** One event of a batch: its dedupe mark and its writes. */
export interface ApplyItem {
  readonly mark: ApplyMark;
  readonly writes: readonly ViewWrite[];
}

/**
 * A batch already folded into what it changes in the end (a rebuild's overlay does the folding as
 * it projects): one write per document and set member it touched (the last), one increment per
 * counter (the sum), and for each aggregate it moves the mark it was projected from and the one it
 * ends at.
 */
export interface NetBatch {
  /** By aggregate: `from`, the mark the batch was projected from (0: none), and `to`, the mark after it. */
  readonly marks: ReadonlyMap<string, { readonly from: number; readonly to: number }>;
  readonly writes: readonly ViewWrite[];
  /** The position of the batch's last event that carried one. */
  readonly position: string | undefined;
}

/** A read-only view of one version of a projection's models. */
export interface ViewReader {
  get<T>(collection: string, id: string): Promise<T | undefined>;
  getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]>;
  members(set: string): Promise<string[]>;
  counter(counter: string): Promise<number>;
  /** Every document of a collection (used for boards and small lists). */
  all<T>(collection: string): Promise<T[]>;
  /** The last `streamversion` applied for an aggregate (read-your-writes), undefined if none. */
  appliedVersion(subject: string): Promise<number | undefined>;
  /** `appliedVersion` of many aggregates in one read (one round trip), in the order given. */
  appliedVersions(subjects: readonly string[]): Promise<(number | undefined)[]>;
  /** The `position` of the last applied mark that carried one (informational). */
  lastPosition(): Promise<string | undefined>;
}

export interface PromoteOptions {
  /**
   * Holds live consumers off the promoted version for at most this long (ms), until
   * `release` — the rebuild's catch-up pass runs meanwhile, so no live consumer applies a
   * later event of an aggregate before the catch-up applied the earlier one.
   */
  readonly holdMs?: number;
}

export interface ViewStore {
  /** A reader that resolves the live version of `projection` at every read. */
  reader(projection: string): ViewReader;
  /** A reader of one fixed version (a rebuild reads the version it builds). */
  readerOf(projection: string, version: string): ViewReader;
  /**
   * Applies `writes` iff `mark.streamversion` is the NEXT one of `mark.subject` in this version
   * (last applied + 1; an aggregate's first event is 1); the check, the writes and the new mark
   * are one atomic step. Returns whether it applied. A redelivered event (at or below the mark)
   * is refused, and so is one that skips ahead: a view that lost the aggregate's earlier events
   * (e.g. a flushed Redis) must never fold a later event onto a missing history — it stays
   * behind until the earlier events arrive again (the relay republishes) or a rebuild.
   * Throws `version_conflict` (retryable) when `version` was retired by a promote: the caller
   * resolves the live version again.
   */
  apply(projection: string, version: string, mark: ApplyMark, writes: readonly ViewWrite[]): Promise<boolean>;
  /**
   * `apply` for many events in one go (a rebuild): each item is checked against the marks as the
   * items before it in the batch left them, and a refused item writes nothing. Returns how many
   * applied. SQLite: one transaction (all or nothing on an error); Redis: one pipeline, each item
   * atomic on its own. Throws `version_conflict` when `version` is retired.
   */
  applyBatch(projection: string, version: string, items: readonly ApplyItem[]): Promise<number>;
  /**
   * Writes a net batch in one atomic step iff every aggregate it moves still has its `from` mark;
   * otherwise writes nothing and returns false. For a writer that holds the net of its events
   * already (a rebuild's first pass, a live chunk): it sends no event twice. A caller that may
   * race another writer takes its events again one by one (`apply`) when it is refused.
   * Throws `version_conflict` when `version` is retired.
   */
  applyNet(projection: string, version: string, net: NetBatch): Promise<boolean>;
  liveVersion(projection: string): Promise<string | undefined>;
  /** Makes `version` live when no version is yet; returns the live version either way. */
  ensureLive(projection: string, version: string): Promise<string>;
  /**
   * Makes `version` the one readers see, atomically, retires the previous one (later applies
   * to it throw) and then deletes the previous one's data.
   */
  promote(projection: string, version: string, options?: PromoteOptions): Promise<void>;
  /** Whether live consumers must wait before applying to `version` (see `PromoteOptions.holdMs`). */
  isHeld(projection: string, version: string): Promise<boolean>;
  /** Ends a hold set by `promote`. */
  release(projection: string, version: string): Promise<void>;
  /** Deletes every model and mark of a version that is not live (e.g. a failed rebuild). */
  drop(projection: string, version: string): Promise<void>;
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Projection and version names become key segments, so they are kept to a safe alphabet. */
export function assertViewName(kind: 'projection' | 'version', name: string): void {
  if (!NAME.test(name)) {
    throw new BackboneError('invalid_input', `${kind} name ${JSON.stringify(name)} must match ${NAME.source}`);
  }
}

/**
 * Checks the mark and the increments, before anything is written. Documents are checked where
 * their JSON is taken (`documentJson`), which the adapters do before they send or commit anything.
 */
export function assertApplicable(mark: ApplyMark, writes: readonly ViewWrite[]): void {
  if (!Number.isSafeInteger(mark.streamversion) || mark.streamversion < 1) {
    throw new BackboneError('internal', `mark of ${mark.subject} has streamversion ${mark.streamversion}`);
  }
  for (const write of writes) {
    if (write.op === 'increment' && !Number.isSafeInteger(write.by)) {
      throw new BackboneError('internal', `counter ${write.counter} incremented by ${write.by}, not an integer`);
    }
  }
}

/** `assertApplicable` for a net batch: its marks move forward, its increments are integers. */
export function assertNetApplicable(net: NetBatch): void {
  for (const [subject, { from, to }] of net.marks) {
    if (!Number.isSafeInteger(from) || from < 0 || !Number.isSafeInteger(to) || to <= from) {
      throw new BackboneError('internal', `net batch moves the mark of ${subject} from ${from} to ${to}`);
    }
  }
  for (const write of net.writes) {
    if (write.op === 'increment' && !Number.isSafeInteger(write.by)) {
      throw new BackboneError('internal', `counter ${write.counter} incremented by ${write.by}, not an integer`);
    }
  }
}

type PutWrite = Extract<ViewWrite, { op: 'put' }>;
const jsonOfPut = new WeakMap<PutWrite, string>();

/**
 * A put's document as JSON, worked out once per write; throws `internal` when the document is
 * not JSON. Adapters take it before they send or commit anything, and only for the puts they
 * write: of a batch, the last put of each document. A write is not changed once a projection
 * returned it.
 */
export function documentJson(write: PutWrite): string {
  let json = jsonOfPut.get(write);
  if (json !== undefined) return json;
  try {
    json = JSON.stringify(write.doc);
  } catch (error) {
    throw notJson(write, error);
  }
  if (json === undefined) throw notJson(write);
  jsonOfPut.set(write, json);
  return json;
}

function notJson(write: PutWrite, cause?: unknown): BackboneError {
  return new BackboneError('internal', `document ${write.collection}/${write.id} is not JSON`, cause === undefined ? {} : { cause });
}

/** The error an adapter throws when a write targets a retired version. */
export function retiredVersion(projection: string, version: string): BackboneError {
  return new BackboneError('version_conflict', `version ${version} of projection ${projection} is retired`, {
    rule: RETIRED_RULE,
    canRetry: true,
  });
}

/** The error an adapter throws when asked to promote a retired version again. */
export function retiredCannotReturn(projection: string, version: string): BackboneError {
  return new BackboneError('rule_violation', `version ${version} of projection ${projection} was retired`, {
    rule: 'retired-view-version-cannot-be-promoted',
  });
}

/** Whether an error says the target version was retired by a promote. */
export function isRetiredVersion(error: unknown): boolean {
  return error instanceof BackboneError && error.rule === RETIRED_RULE;
}

const RETIRED_RULE = 'view-version-retired';
