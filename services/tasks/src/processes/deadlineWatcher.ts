import { BackboneError } from '@backbone/contracts';
import type { CommandHandler } from '@backbone/eventsourcing';
import type { ViewReader } from '@backbone/views';
import type { Logger } from 'pino';
import { SYSTEM_ACTOR, deadlineCommandFor } from '../domain/index.ts';
import type { TaskCommand, TaskDirectory, TaskState } from '../domain/index.ts';
import { readOpenTaskDeadlines } from '../projections/taskDeadlinesProjection.ts';
import type { TaskDeadline } from '../projections/taskDeadlinesProjection.ts';

export interface DeadlineWatcherOptions {
  readonly handler: CommandHandler<TaskCommand, TaskState>;
  /** A reader of the `task-deadlines` projection: where the open tasks are found. */
  readonly deadlines: ViewReader;
  /** The reference directory as the tasks context knows it (escalation goes to its coordinating department). */
  readonly directory: () => Promise<TaskDirectory>;
  readonly clock: () => Date;
  /** Hours after the due date before an overdue task is escalated. */
  readonly graceHours: number;
  /** Pause between scans; the first scan runs one interval after the start. */
  readonly intervalMs: number;
  readonly logger?: Logger;
}

/** What one scan wrote. */
export interface DeadlineScan {
  readonly overdue: number;
  readonly escalated: number;
}

export interface DeadlineWatcher {
  /** Scans once now (after any scan in hand) and says what it wrote. */
  runOnce(): Promise<DeadlineScan>;
  /** Stops the schedule and waits for the scan in hand. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
// A task found both overdue and past its grace period gets both commands in one scan.
const MAX_COMMANDS_PER_TASK = 2;

/**
 * The process manager of deadlines: every interval it looks for open tasks whose due date (or
 * due date + grace) has passed, loads each and issues `markOverdue` / `escalate` as `system`.
 * The decider writes each event once, so restarts and concurrent watchers are harmless: a
 * watcher that loses the race gets a `rule_violation` and moves on.
 */
export function startDeadlineWatcher(options: DeadlineWatcherOptions): DeadlineWatcher {
  const { handler, clock, graceHours, logger } = options;
  if (!Number.isFinite(graceHours) || graceHours < 0) {
    throw new BackboneError('invalid_input', `graceHours must be zero or more, got ${graceHours}`);
  }
  if (!Number.isInteger(options.intervalMs) || options.intervalMs < 1) {
    throw new BackboneError('invalid_input', `intervalMs must be a positive whole number, got ${options.intervalMs}`);
  }
  let cycle: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function scan(): Promise<DeadlineScan> {
    const now = clock();
    const due = (await readOpenTaskDeadlines(options.deadlines)).filter((d) => mayBeDue(d, now, graceHours));
    const written = { overdue: 0, escalated: 0 };
    if (due.length === 0) return written;
    const directory = await options.directory();
    for (const { taskId } of due) {
      if (stopped) break;
      try {
        await settle(taskId, now, directory, written);
      } catch (error) {
        if (error instanceof BackboneError && error.code === 'rule_violation') {
          // Another watcher, or a due-date change, got there first.
          logger?.debug({ taskId, rule: error.rule }, 'deadline command no longer applies');
        } else {
          logger?.error({ err: error, taskId }, 'deadline command failed; the next scan tries again');
        }
      }
    }
    return written;
  }

  async function settle(taskId: string, now: Date, directory: TaskDirectory, written: { overdue: number; escalated: number }) {
    for (let step = 0; step < MAX_COMMANDS_PER_TASK; step++) {
      const { state } = await handler.load(taskId);
      const command = deadlineCommandFor(state, { now, graceHours, directory });
      if (!command) return;
      const result = await handler.handle({ aggregateId: taskId, command, actor: SYSTEM_ACTOR });
      if (result.eventIds.length === 0) return;
      if (command.type === 'markOverdue') written.overdue += 1;
      else written.escalated += 1;
      logger?.info({ taskId, command: command.type, version: result.version }, 'deadline command written');
    }
  }

  function runOnce(): Promise<DeadlineScan> {
    const run = cycle.then(scan);
    cycle = run.catch(() => undefined);
    return run;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => logger?.error({ err: error }, 'deadline scan failed'))
        .finally(schedule);
    }, options.intervalMs);
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await cycle;
    },
  };
}

/** Whether the view says a deadline command may be due; the task itself decides. */
function mayBeDue(deadline: TaskDeadline, now: Date, graceHours: number): boolean {
  const dueAt = Date.parse(deadline.dueDate);
  if (!deadline.overdue) return now.getTime() > dueAt;
  return !deadline.escalated && now.getTime() > dueAt + graceHours * HOUR_MS;
}
