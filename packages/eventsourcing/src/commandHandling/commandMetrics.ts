import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import { BackboneError } from '@backbone/contracts';

/** What a command handler reports: each command's outcome and each event it appended. */
export interface CommandMetrics {
  command(context: string, command: string, outcome: string, department: string): void;
  appended(context: string, types: readonly string[]): void;
}

const byRegistry = new WeakMap<Registry, CommandMetrics>();

function counter(registry: Registry, name: string, help: string, labelNames: string[]): Counter {
  const existing = registry.getSingleMetric(name);
  return existing instanceof Counter ? existing : new Counter({ name, help, labelNames, registers: [registry] });
}

/** The command metrics of a registry, created once so every handler of a process shares them. */
export function commandMetrics(registry: Registry): CommandMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const commands = counter(registry, 'backbone_commands_total', 'Commands handled, by context, command and outcome', ['context', 'command', 'outcome']);
  const events = counter(registry, 'backbone_events_appended_total', 'Events appended to the store, by context and type', ['context', 'type']);
  // Apart from the counter above so its series do not multiply by the departments (a bounded
  // list: credentials must name a department of the directory). Shows who is active, and who is silent.
  const byDepartment = counter(registry, 'backbone_department_commands_total', 'Commands sent, by acting department, context and outcome', [
    'department',
    'context',
    'outcome',
  ]);
  const metrics: CommandMetrics = {
    command: (context, command, outcome, department) => {
      commands.inc({ context, command, outcome });
      byDepartment.inc({ department, context, outcome });
    },
    appended: (context, types) => {
      for (const type of types) events.inc({ context, type });
    },
  };
  byRegistry.set(registry, metrics);
  return metrics;
}

/** `accepted`, `unchanged` (no events), `replayed` (idempotent repeat), or the error's code. */
export function outcomeOf(result: { eventIds: readonly string[]; replayed: boolean } | undefined, error?: unknown): string {
  if (error !== undefined) return error instanceof BackboneError ? error.code : 'internal';
  if (!result) return 'internal';
  if (result.replayed) return 'replayed';
  return result.eventIds.length === 0 ? 'unchanged' : 'accepted';
}

/** The command's name for metrics: its `type` when it has one. */
export function commandNameOf(command: unknown): string {
  if (typeof command === 'object' && command !== null && 'type' in command && typeof command.type === 'string') return command.type;
  return 'command';
}
