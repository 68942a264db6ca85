import type { NetBatch, ViewReader } from '../viewStore/viewStore.ts';

/**
 * A cache in front of the reader of the version a batch is written to, for the length of one
 * batch: a document or a mark costs one store read however often the batch's projections read
 * it, and `prefetch` reads the marks of the batch's aggregates, then (one more round trip) their
 * documents in every collection a projection was seen to read by its event's subject (the board
 * reads `tasks/<the task of the event>`). It is only right while nobody else writes what it
 * holds, so the batch clears it whenever it applied what was pending.
 */
export interface ReadCache {
  readonly reader: ViewReader;
  /** Reads the marks of `subjects` and their documents in the collections learnt so far. */
  prefetch(subjects: readonly string[]): Promise<void>;
  /** The aggregate whose event is being projected: a `get` by its id teaches a collection to prefetch. */
  projecting(subject: string | undefined): void;
  /** Forgets what was read (not the collections learnt). */
  clear(): void;
  /**
   * Takes in a net batch the store is writing (`written` settles when it has): its documents and
   * marks are then answered from here, as the store will hold them, so a batch can be projected
   * while the one before it is still being written. What else it changed (counters, set members,
   * listings) is read from the store once `written` settled. Call after `clear`.
   */
  writing(net: NetBatch, written: Promise<unknown>): void;
}

/**
 * A read cache over `base`. `learnt` holds the collections read by subject; pass the same set to
 * the caches of later batches so they prefetch from the first of their reads on.
 */
export function readCache(base: ViewReader, learnt: Set<string>): ReadCache {
  /** Documents read, by collection and id; `lent` once a reader was handed the object itself. */
  const docs = new Map<string, Map<string, { doc: unknown; lent: boolean }>>();
  const marks = new Map<string, number | undefined>();
  let current: string | undefined;
  /** A net batch being written, which the store's counters, sets and listings may not show yet. */
  let beingWritten: Promise<unknown> | undefined;
  /** A read of the store that a net batch being written may change: after that batch (failed or not). */
  const afterWrite = <T>(read: () => Promise<T>): Promise<T> => (beingWritten === undefined ? read() : beingWritten.then(read, read));

  const cached = (collection: string): Map<string, { doc: unknown; lent: boolean }> => {
    let inner = docs.get(collection);
    if (inner === undefined) docs.set(collection, (inner = new Map()));
    return inner;
  };
  // As from the store, each read gets an object of its own, so a projection that changes what it
  // read cannot change what the next read sees: the first reader gets the object read, later ones
  // a copy (most documents are read once: the overlay answers once the batch wrote them).
  const hand = <T>(entry: { doc: unknown; lent: boolean } | undefined): T | undefined => {
    if (entry === undefined || entry.doc === undefined) return undefined;
    if (entry.lent) return structuredClone(entry.doc) as T;
    entry.lent = true;
    return entry.doc as T;
  };

  async function getMany<T>(collection: string, ids: readonly string[]): Promise<(T | undefined)[]> {
    const known = cached(collection);
    const missing = [...new Set(ids.filter((id) => !known.has(id)))];
    if (missing.length > 0) {
      const read = await base.getMany<T>(collection, missing);
      missing.forEach((id, i) => known.set(id, { doc: read[i], lent: false }));
    }
    return ids.map((id) => hand<T>(known.get(id)));
  }

  async function appliedVersions(subjects: readonly string[]): Promise<(number | undefined)[]> {
    const missing = [...new Set(subjects.filter((subject) => !marks.has(subject)))];
    if (missing.length > 0) {
      const read = await base.appliedVersions(missing);
      missing.forEach((subject, i) => marks.set(subject, read[i]));
    }
    return subjects.map((subject) => marks.get(subject));
  }

  const reader: ViewReader = {
    // Plain functions handing back a promise, as in the overlay: they run for every event of a batch.
    get<T>(collection: string, id: string): Promise<T | undefined> {
      if (id === current) learnt.add(collection);
      const entry = docs.get(collection)?.get(id);
      return entry === undefined ? getMany<T>(collection, [id]).then((read) => read[0]) : Promise.resolve(hand<T>(entry));
    },
    getMany,
    members: (set) => afterWrite(() => base.members(set)),
    counter: (counter) => afterWrite(() => base.counter(counter)),
    all: (collection) => afterWrite(() => base.all(collection)),
    appliedVersion(subject: string): Promise<number | undefined> {
      return marks.has(subject) ? Promise.resolve(marks.get(subject)) : appliedVersions([subject]).then((read) => read[0]);
    },
    appliedVersions,
    lastPosition: () => afterWrite(() => base.lastPosition()),
  };

  return {
    reader,
    async prefetch(subjects) {
      // The marks first, the documents after them (a second round trip): a document is then never
      // older than the mark it was read with, which the check before a live batch is applied needs.
      await appliedVersions(subjects);
      await Promise.all([...learnt].map((collection) => getMany(collection, subjects)));
    },
    projecting(subject) {
      current = subject;
    },
    clear() {
      docs.clear();
      marks.clear();
    },
    writing(net, written) {
      beingWritten = written;
      for (const write of net.writes) {
        if (write.op === 'put') cached(write.collection).set(write.id, { doc: write.doc, lent: false });
        else if (write.op === 'delete') cached(write.collection).set(write.id, { doc: undefined, lent: false });
      }
      for (const [subject, { to }] of net.marks) marks.set(subject, to);
    },
  };
}
