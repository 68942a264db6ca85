import { BackboneError } from '@backbone/contracts';
import { DIRECTORY_ID, listDepartments, listFields, parseReferenceConfig, seedDirectoryIfEmpty } from '@backbone/service-reference';
import { createTaskDirectory } from '@backbone/service-tasks';
import type { TaskCommand } from '@backbone/service-tasks';
import type { Infrastructure } from '../composition/infrastructure.ts';
import { createCommandHandlers } from '../composition/contexts.ts';
import { contextModules } from '../composition/modules.ts';
import type { Runtime } from '../composition/contexts.ts';
import { seededRandom } from './random.ts';
import { DEMO_DAY_MS, scriptTask, taskTitle } from './taskScenarios.ts';
import type { ScriptedStep, TaskPlan } from './taskScenarios.ts';

export interface QuarterDemoOptions {
  readonly infra: Infrastructure;
  readonly referenceConfig: unknown;
  readonly seed: number;
  /** The quarter ends here (default: now); it starts 91 days earlier. */
  readonly end: Date;
  readonly tasks: number;
  readonly graceHours: number;
  readonly newId: () => string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface QuarterDemoResult {
  readonly tasks: number;
  readonly commands: number;
  readonly events: number;
  /** Deadline commands that found nothing to do (e.g. the task was finished in time). */
  readonly skipped: number;
  /** One line per other context's demo share. */
  readonly contexts: readonly string[];
}

/**
 * Writes a realistic quarter of key tasks through the real command handlers, with a clock
 * that walks through the quarter: every department and field gets work, and some tasks are
 * declined, blocked, reopened, cancelled, overdue and escalated.
 */
export async function runQuarterDemo(options: QuarterDemoOptions): Promise<QuarterDemoResult> {
  const random = seededRandom(options.seed);
  let now = options.end.getTime() - 91 * DEMO_DAY_MS;
  const runtime: Runtime = { clock: () => new Date(now), newId: options.newId };
  const handlers = createCommandHandlers(options.infra.store, options.infra.idempotency, runtime);

  await seedDirectoryIfEmpty({ handler: handlers.reference, config: parseReferenceConfig(options.referenceConfig) });
  const { state } = await handlers.reference.load(DIRECTORY_ID);
  const departments = listDepartments(state);
  const coordinating = departments.find((d) => d.coordinating)!.id;
  const others = departments.filter((d) => !d.coordinating).map((d) => d.id);
  const fields = listFields(state).map((f) => f.id);
  const directory = createTaskDirectory({ coordinating, departments: departments.map((d) => d.id), fields });

  const start = now;
  const steps: ScriptedStep[] = [];
  for (let i = 0; i < options.tasks; i++) {
    const createdAt = start + Math.floor((i / options.tasks) * 75 * DEMO_DAY_MS) + random.int(0, 23) * 3_600_000;
    // Every field and every department gets tasks: walk them in turn, then at random.
    const lead = i < others.length ? others[i]! : random.pick(others);
    const supporting = others.filter((d) => d !== lead && random.chance(0.2)).slice(0, 2);
    const plan: TaskPlan = {
      taskId: `task-${options.newId()}`,
      field: i < fields.length ? fields[i]! : random.pick(fields),
      lead,
      supporting,
      createdAt,
      dueAt: createdAt + random.int(14, 45) * DEMO_DAY_MS,
    };
    steps.push({ at: createdAt, taskId: plan.taskId, type: 'createTask', actor: 'coordinating', data: { title: taskTitle(random), field: plan.field, dueDate: new Date(plan.dueAt).toISOString() } });
    steps.push(...scriptTask(plan, random, others, options.graceHours));
  }

  const due = steps.filter((s) => s.at <= options.end.getTime()).sort((a, b) => a.at - b.at);
  let events = 0;
  let skipped = 0;
  for (const [index, step] of due.entries()) {
    now = step.at;
    const actor = step.actor === 'coordinating' ? coordinating : step.actor;
    const command = { type: step.type, taskId: step.taskId, actor, now: new Date(now), directory, data: step.data } as TaskCommand;
    try {
      const result = await handlers.tasks.handle({ aggregateId: step.taskId, command, actor });
      events += result.eventIds.length;
    } catch (error) {
      // A deadline that no longer applies is the one refusal the script expects.
      if (!(error instanceof BackboneError && error.code === 'rule_violation' && actor === 'system')) throw error;
      skipped += 1;
    }
    options.onProgress?.(index + 1, due.length);
  }
  // Each context adds its share of the quarter on the same clock, restarted at the quarter's start.
  const summaries: string[] = [];
  for (const module of contextModules) {
    if (!module.demo) continue;
    now = start;
    summaries.push(
      await module.demo({
        infra: options.infra,
        runtime,
        advanceTo: (instant) => {
          now = Math.max(now, Math.min(instant, options.end.getTime()));
        },
        start,
        end: options.end.getTime(),
        coordinating,
        departments: departments.map((d) => d.id),
        fields,
        handlers,
        random,
      }),
    );
  }
  return { tasks: options.tasks, commands: due.length, events, skipped, contexts: summaries };
}
