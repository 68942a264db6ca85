import type { SqliteDatabase } from './sqliteDatabase.ts';

/** Writes waiting for the next group commit; each resolves once the COMMIT holding it returned. */
export interface GroupCommit<Job, Result> {
  submit(job: Job): Promise<Result>;
  /** Writes what is waiting now (before a connection closes). */
  flush(): void;
}

export interface GroupCommitOptions {
  /** Runs before each group's transaction (e.g. dropping caches another connection may have outdated). */
  readonly beforeGroup?: () => void;
}

/**
 * Group commit over one better-sqlite3 connection: the jobs submitted during one turn of the
 * event loop are written in ONE transaction (BEGIN IMMEDIATE: the write lock is taken before
 * anything is read, so no other writer slips in between a check and its insert), each in a
 * savepoint of its own. They share one fsync instead of taking one each; a job whose `write`
 * throws is rolled back to its savepoint and fails alone; every caller is answered only after
 * the COMMIT holding its write returned (or the whole transaction failed).
 */
export function groupCommit<Job, Result>(
  db: SqliteDatabase,
  write: (job: Job) => Result,
  options: GroupCommitOptions = {},
): GroupCommit<Job, Result> {
  type Outcome = { readonly done: Result } | { readonly failed: unknown };
  interface Waiting {
    readonly job: Job;
    readonly resolve: (result: Result) => void;
    readonly reject: (error: unknown) => void;
  }

  const writeOne = db.transaction(write);
  const writeGroup = db.transaction((group: readonly Waiting[]): Outcome[] =>
    group.map(({ job }) => {
      try {
        return { done: writeOne(job) };
      } catch (error) {
        return { failed: error };
      }
    }),
  );

  let waiting: Waiting[] = [];
  const flush = () => {
    const group = waiting;
    waiting = [];
    if (group.length === 0) return;
    options.beforeGroup?.();
    let outcomes: Outcome[];
    try {
      outcomes = writeGroup.immediate(group);
    } catch (error) {
      for (const { reject } of group) reject(error);
      return;
    }
    group.forEach(({ resolve, reject }, index) => {
      const outcome = outcomes[index]!;
      if ('done' in outcome) resolve(outcome.done);
      else reject(outcome.failed);
    });
  };

  return {
    submit: (job) =>
      new Promise<Result>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ job, resolve, reject });
      }),
    flush,
  };
}
