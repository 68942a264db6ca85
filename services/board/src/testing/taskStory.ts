import { randomUUID } from 'node:crypto';
import { taskEvents } from '@backbone/contracts';
import type { Envelope, TaskEvent } from '@backbone/contracts';

/** The envelopes of one task's stream, written as the tasks service would. */
export interface TaskStory {
  readonly taskId: string;
  readonly envelopes: readonly Envelope[];
  /** The clock of the story now (ISO). */
  now(): string;
  /** Moves the clock on by `hours`. */
  wait(hours: number): TaskStory;
  /** Appends the event at the story's clock. */
  then(event: TaskEvent): TaskStory;
}

/** Starts a task's stream at `start` (the task is not created until a `TaskCreated` is appended). */
export function taskStory(taskId: string, start: string): TaskStory {
  const envelopes: Envelope[] = [];
  let clock = Date.parse(start);
  const story: TaskStory = {
    taskId,
    envelopes,
    now: () => new Date(clock).toISOString(),
    wait(hours) {
      clock += hours * 3_600_000;
      return story;
    },
    then(event) {
      const correlationid = randomUUID();
      envelopes.push({
        specversion: '1.0',
        id: randomUUID(),
        source: '/backbone/tasks',
        type: taskEvents[event.type].type,
        time: new Date(clock).toISOString(),
        subject: taskId,
        datacontenttype: 'application/json',
        data: event.data,
        correlationid,
        causationid: correlationid,
        actor: 'system',
        streamversion: envelopes.length + 1,
      });
      return story;
    },
  };
  return story;
}

/** Interleaves streams at random (seeded) while keeping each stream's own order. */
export function interleave(streams: readonly (readonly Envelope[])[], seed: number): Envelope[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    // xorshift32: a small deterministic generator, so a failing order can be replayed.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const queues = streams.map((s) => [...s]).filter((q) => q.length > 0);
  const out: Envelope[] = [];
  while (queues.length > 0) {
    const i = Math.floor(random() * queues.length);
    const queue = queues[i]!;
    out.push(queue.shift()!);
    if (queue.length === 0) queues.splice(i, 1);
  }
  return out;
}
