import type { TaskCommandType } from '@backbone/service-tasks';
import type { Random } from './random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One step of a task's life in the demo: who does what, when. */
export interface ScriptedStep {
  readonly at: number;
  readonly taskId: string;
  readonly type: TaskCommandType;
  /** `lead`, `coordinating`, `system`, or a department id. */
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

export interface TaskPlan {
  readonly taskId: string;
  readonly field: string;
  readonly lead: string;
  readonly supporting: readonly string[];
  readonly createdAt: number;
  readonly dueAt: number;
}

const TITLES = [
  'Volunteer service stations for delivery riders',
  'Social-work support desk in the industrial park',
  'Joint service hours ledger for micro-businesses',
  'Community mediation pilot with social workers',
  'Elderly care visits by volunteer teams',
  'Youth mentoring in technology incubators',
  'Service map of town/street platforms',
  'Training scheme for field social workers',
  'Case follow-up for returning migrant workers',
  'Policy briefing for sub-district offices',
];

export const taskTitle = (random: Random) => random.pick(TITLES);

/**
 * The steps of one task after its creation, drawn from the plan's typical paths: done on time,
 * declined and reassigned, blocked waiting for another department, reopened, cancelled,
 * left overdue (then escalated), or still in progress.
 */
export function scriptTask(plan: TaskPlan, random: Random, others: readonly string[], graceHours: number): ScriptedStep[] {
  const { taskId } = plan;
  const steps: ScriptedStep[] = [];
  let t = plan.createdAt + random.int(1, 20) * HOUR;
  const step = (type: TaskCommandType, actor: string, data: Record<string, unknown> = {}, gapHours = random.int(6, 72)) => {
    t += gapHours * HOUR;
    steps.push({ at: t, taskId, type, actor, data });
  };
  const span = plan.dueAt - plan.createdAt;
  const reportProgress = (upTo: number, from = 0) => {
    for (const percent of [20, 45, 70, 90].filter((p) => p > from && p <= upTo)) {
      step('reportProgress', plan.lead, { percent, note: `milestone at ${percent}%` }, Math.max(6, Math.round(span / HOUR / 8)));
    }
  };

  steps.push({ at: t, taskId, type: 'assignTask', actor: 'coordinating', data: { lead: plan.lead, supporting: plan.supporting } });
  const scenario = random.next();

  if (scenario < 0.12) {
    // The first lead declines: not in its remit; the coordinating department reassigns.
    step('declineTask', plan.lead, { reason: 'Outside our statutory remit', citedRule: 'Department duties regulation, art. 3' });
    const newLead = random.pick(others.filter((d) => d !== plan.lead && !plan.supporting.includes(d)));
    step('assignTask', 'coordinating', { lead: newLead, supporting: plan.supporting });
    step('acceptTask', newLead);
    return steps;
  }

  step('acceptTask', plan.lead, {}, random.int(2, 96));
  for (const department of plan.supporting) {
    if (random.chance(0.15)) step('declineTask', department, { reason: 'No capacity this quarter', citedRule: 'Annual work plan, section 2' });
    else step('acceptTask', department);
  }

  if (scenario < 0.22) {
    step('cancelTask', 'coordinating', { reason: 'Merged into a larger key task' });
  } else if (scenario < 0.4) {
    // Left behind: it passes its due date; the deadline watcher marks it, then escalates it.
    reportProgress(45);
    steps.push({ at: plan.dueAt + HOUR, taskId, type: 'markOverdue', actor: 'system', data: {} });
    steps.push({ at: plan.dueAt + (graceHours + 1) * HOUR, taskId, type: 'escalate', actor: 'system', data: { graceHours } });
  } else if (scenario < 0.55) {
    // Blocked waiting for another department's help, then unblocked and finished.
    reportProgress(45);
    const helper = random.pick(others.filter((d) => d !== plan.lead));
    step('blockTask', plan.lead, { reason: 'Needs venue data from another department', needsHelpFrom: helper });
    step('unblockTask', plan.lead, { note: 'Data received' }, random.int(24, 240));
    reportProgress(90, 45);
    step('completeTask', plan.lead, { summary: 'Delivered after the block was lifted' });
    step('verifyTask', 'coordinating', { outcome: 'accept', rating: random.int(3, 5) });
  } else if (scenario < 0.65) {
    // Completed, sent back, completed again.
    reportProgress(90);
    step('completeTask', plan.lead, { summary: 'First delivery' });
    step('verifyTask', 'coordinating', { outcome: 'reopen', reason: 'Service records incomplete', rating: 2 });
    step('reportProgress', plan.lead, { percent: 95, note: 'Records completed', decreaseReason: 'Reopened for missing records' });
    step('completeTask', plan.lead, { summary: 'Records completed and delivered' });
    step('verifyTask', 'coordinating', { outcome: 'accept', rating: random.int(3, 4) });
  } else if (scenario < 0.85) {
    reportProgress(90);
    step('completeTask', plan.lead, { summary: 'Delivered as planned' });
    step('verifyTask', 'coordinating', { outcome: 'accept', rating: random.int(4, 5) });
  } else {
    // Still in progress at the end of the quarter; some of it waits for another department.
    reportProgress(random.pick([20, 45, 70]));
    if (random.chance(0.4)) {
      const helper = random.pick(others.filter((d) => d !== plan.lead));
      step('blockTask', plan.lead, { reason: 'Waiting for the other department to sign off', needsHelpFrom: helper });
    }
  }
  return steps;
}

export const DEMO_DAY_MS = DAY;
export const DEMO_HOUR_MS = HOUR;
