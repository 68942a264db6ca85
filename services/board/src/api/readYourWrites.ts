import { MAX_WAIT_MS, waitForVersion } from '@backbone/views';
import type { ViewReader } from '@backbone/views';
import { z } from 'zod';

/** A task version a read waits for: `<taskId>@<version>`, as a command answered `{ id, version }`. */
export const WaitFor = z
  .string()
  .max(220)
  .regex(/^.+@[1-9][0-9]{0,14}$/, 'expected <taskId>@<version>, e.g. task-42@3')
  .transform((value) => {
    const at = value.lastIndexOf('@');
    return { taskId: value.slice(0, at), version: Number(value.slice(at + 1)) };
  });

/** The query parameters of read-your-writes, shared by every board read. */
export const readYourWritesQuery = {
  /** Wait until the view has seen this task version (`<taskId>@<version>`). */
  waitFor: WaitFor.optional().describe('Wait until the view has seen this task version: <taskId>@<version>'),
  /** How long to wait at most, in ms (default and maximum 2000). */
  waitMs: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(MAX_WAIT_MS).describe('Longest wait in ms (≤ 2000)'),
};

/** Whether the view had seen the awaited task version when it answered. */
export interface Consistency {
  readonly caughtUp: boolean;
  /** The task version the view had seen; null when it had seen nothing of the task. */
  readonly version: number | null;
}

/** Waits (bounded) until the view has applied the task version; undefined when nothing was asked. */
export async function awaitTaskVersion(
  reader: ViewReader,
  waitFor: z.output<typeof WaitFor> | undefined,
  waitMs: number,
): Promise<Consistency | undefined> {
  if (!waitFor) return undefined;
  const { caughtUp, version } = await waitForVersion({
    read: () => reader.appliedVersion(waitFor.taskId),
    atLeast: waitFor.version,
    timeoutMs: waitMs,
  });
  return { caughtUp, version: version ?? null };
}
