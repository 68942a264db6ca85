import { BackboneError } from '@backbone/contracts';
import { DIRECTORY_ID, readDirectory, REFERENCE_DIRECTORY } from '@backbone/service-reference';
import { createTaskDirectory } from '@backbone/service-tasks';
import type { TaskDirectory } from '@backbone/service-tasks';
import type { ViewStore } from '@backbone/views';

/** Lists of departments and fields, as the board shows them. */
export interface DirectoryLists {
  readonly coordinating: string;
  readonly departments: readonly { readonly id: string; readonly name: string }[];
  readonly fields: readonly { readonly id: string; readonly name: string }[];
}

export interface DirectorySource {
  /** The directory as the reference events built it; 503 while it is not projected yet. */
  require(): Promise<DirectoryLists>;
  /** The same, shaped for the tasks decider. */
  forTasks(): Promise<TaskDirectory>;
}

const CACHE_MS = 1000;

/**
 * The reference data every context reads from its local projection of the reference events
 * (never by calling the reference service). Cached for a second: it changes rarely, and a
 * command path should not read it from Redis on every request.
 *
 * The seed is many events, so a projection halfway through it would show a directory with
 * some departments missing; unless the view has caught up with the directory stream's version
 * in the log (`logVersion`), it counts as not projected yet. Checked at every refresh, not once:
 * a view can fall behind again (a flushed Redis is re-projected from the start).
 */
export function directorySource(views: ViewStore, logVersion: () => Promise<number>): DirectorySource {
  const reader = views.reader(REFERENCE_DIRECTORY);
  let cached: { at: number; value: DirectoryLists } | undefined;
  async function caughtUp(): Promise<boolean> {
    const [applied, written] = await Promise.all([reader.appliedVersion(DIRECTORY_ID), logVersion()]);
    return written > 0 && (applied ?? 0) >= written;
  }
  async function require(): Promise<DirectoryLists> {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
    const value = (await caughtUp()) ? await readDirectory(reader) : undefined;
    if (!value) {
      throw new BackboneError('unavailable', 'the reference directory has not been projected yet', { retryAfterSeconds: 1 });
    }
    cached = { at: Date.now(), value };
    return value;
  }
  return {
    require,
    async forTasks() {
      const d = await require();
      return createTaskDirectory({ coordinating: d.coordinating, departments: d.departments.map((x) => x.id), fields: d.fields.map((x) => x.id) });
    },
  };
}
