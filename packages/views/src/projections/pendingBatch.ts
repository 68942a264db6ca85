import { assertApplicable, type ApplyItem, type ApplyMark, type NetBatch, type ViewReader, type ViewWrite } from '../viewStore/viewStore.ts';

/** Thrown by the overlay when a read cannot be answered exactly before the batch is applied. */
export class FlushNeeded extends Error {
  constructor(collection: string) {
    super(`all(${collection}) needs the pending batch applied first`);
  }
}

/**
 * The events a batch (a rebuild's page, a live chunk) projected but has not applied yet, and a
 * `ViewReader` that sees their writes over the version written to — so `project` reads what it
 * would have read had each event been applied on its own. Only items the store will apply (the
 * next of their aggregate) change what it sees.
 */
export interface PendingBatch {
  readonly reader: ViewReader;
  /** Adds an event; returns whether the store will apply it. */
  add(item: ApplyItem): Promise<boolean>;
  /** How many items were added since the last `clear`. */
  readonly size: number;
  /** What the items that apply change in the end, for `ViewStore.applyNet`. */
  net(): NetBatch;
  /** Forgets what was added, once the store applied the net. */
  clear(): void;
}

/** What the overlay holds for a document a pending delete removed. */
const DELETED = Symbol('deleted');

/** Freezes a document and everything in it; parts already frozen (shared with an earlier version) are not walked again. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // for…in, not Object.values, and no call for a field that holds no object: every document a
  // batch hands to a reader is walked, and most of its fields are strings and numbers.
  for (const key in value) {
    const field = value[key];
    if (typeof field === 'object' && field !== null) deepFreeze(field);
  }
  return value;
}

/**
 * A pending batch over `base`, the reader of the version written to. It keeps no item: only their
 * net effect, which is what `applyNet` writes, so the collector does not copy every event's
 * writes while the batch grows.
 */
export function pendingBatch(base: ViewReader): PendingBatch {
  let size = 0;
  // The documents pending puts wrote, as the objects the projections returned. A read gets that
  // very object, frozen (with all it holds), so no reader can change what the store will write or
  // what the next read sees: no JSON is taken until the store writes the batch, and then only of
  // each document's last put. Projections read documents and never change them.
  const docs = new Map<string, Map<string, unknown>>();
  const sets = new Map<string, Map<string, boolean>>();
  const counters = new Map<string, number>();
  const marks = new Map<string, number>();
  /** The mark each aggregate with pending writes had before the batch (0: none). */
  const startMarks = new Map<string, number>();
  let position: string | undefined;

  const nested = <V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> => {
    let inner = outer.get(key);
    if (inner === undefined) outer.set(key, (inner = new Map()));
    return inner;
  };
  const hand = <T>(doc: unknown): T | undefined => (doc === DELETED ? undefined : (deepFreeze(doc) as T));
  // The reads of every event (its mark, its document) are plain functions handing back a promise,
  // not async ones: a batch makes several per event, and an async function around a promise costs
  // a promise and two turns more.
  const appliedVersion = (subject: string): Promise<number | undefined> => {
    const pending = marks.get(subject);
    return pending === undefined ? base.appliedVersion(subject) : Promise.resolve(pending);
  };

  function record(mark: ApplyMark, writes: readonly ViewWrite[]): void {
    for (const write of writes) {
      switch (write.op) {
        case 'put':
          nested(docs, write.collection).set(write.id, write.doc);
          break;
        case 'delete':
          nested(docs, write.collection).set(write.id, DELETED);
          break;
        case 'addToSet':
          nested(sets, write.set).set(write.member, true);
          break;
        case 'removeFromSet':
          nested(sets, write.set).set(write.member, false);
          break;
        case 'increment':
          counters.set(write.counter, (counters.get(write.counter) ?? 0) + write.by);
          break;
      }
    }
    marks.set(mark.subject, mark.streamversion);
    if (mark.position !== undefined) position = mark.position;
  }

  const reader: ViewReader = {
    get<T>(collection: string, id: string): Promise<T | undefined> {
      const pending = docs.get(collection);
      return pending?.has(id) ? Promise.resolve(hand<T>(pending.get(id))) : base.get<T>(collection, id);
    },
    async getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
      const pending = docs.get(collection);
      if (pending === undefined) return base.getMany<T>(collection, ids);
      const stored = await base.getMany<T>(collection, ids.filter((id) => !pending.has(id)));
      let next = 0;
      return ids.map((id) => (pending.has(id) ? hand<T>(pending.get(id)) : stored[next++]));
    },
    async members(set: string): Promise<string[]> {
      const stored = await base.members(set);
      const pending = sets.get(set);
      if (pending === undefined) return stored;
      const members = new Set(stored);
      for (const [member, present] of pending) {
        if (present) members.add(member);
        else members.delete(member);
      }
      return [...members].sort();
    },
    async counter(counter: string): Promise<number> {
      return (await base.counter(counter)) + (counters.get(counter) ?? 0);
    },
    async all<T>(collection: string): Promise<T[]> {
      // The stores list documents without their ids, so pending ones cannot be merged in.
      if (docs.has(collection)) throw new FlushNeeded(collection);
      return base.all<T>(collection);
    },
    appliedVersion,
    async appliedVersions(subjects: readonly string[]): Promise<(number | undefined)[]> {
      const stored = await base.appliedVersions(subjects.filter((subject) => !marks.has(subject)));
      let next = 0;
      return subjects.map((subject) => (marks.has(subject) ? marks.get(subject) : stored[next++]));
    },
    async lastPosition(): Promise<string | undefined> {
      return position ?? (await base.lastPosition());
    },
  };

  return {
    reader,
    get size() {
      return size;
    },
    async add(item) {
      assertApplicable(item.mark, item.writes);
      size++;
      const { subject, streamversion } = item.mark;
      const pending = marks.get(subject);
      const last = pending ?? (await base.appliedVersion(subject)) ?? 0;
      const applies = streamversion === last + 1;
      if (applies) {
        if (pending === undefined) startMarks.set(subject, last);
        record(item.mark, item.writes);
      }
      return applies;
    },
    net() {
      const writes: ViewWrite[] = [];
      for (const [collection, byId] of docs) {
        for (const [id, doc] of byId) writes.push(doc === DELETED ? { op: 'delete', collection, id } : { op: 'put', collection, id, doc });
      }
      for (const [set, byMember] of sets) {
        for (const [member, present] of byMember) writes.push(present ? { op: 'addToSet', set, member } : { op: 'removeFromSet', set, member });
      }
      for (const [counter, by] of counters) writes.push({ op: 'increment', counter, by });
      const moved = new Map<string, { from: number; to: number }>();
      for (const [subject, to] of marks) moved.set(subject, { from: startMarks.get(subject)!, to });
      return { marks: moved, writes, position };
    },
    clear() {
      size = 0;
      docs.clear();
      sets.clear();
      counters.clear();
      marks.clear();
      startMarks.clear();
      position = undefined;
    },
  };
}
