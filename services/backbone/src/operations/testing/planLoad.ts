// A small, bounded piece of the plan's work over HTTP, so every metric the dashboards and
// alerts read has real data behind it: commands of every context (tasks, talent, resources,
// platforms) accepted and refused, and the events they append.
import { createLoadClient } from './load/loadClient.ts';
import { drivePlatforms } from './load/platformsLoad.ts';
import { driveResources } from './load/resourcesLoad.ts';
import { driveTalent } from './load/talentLoad.ts';
import { driveTasks } from './load/tasksLoad.ts';

export interface PlanLoadOptions {
  /** URL of the process serving /api/reference and every context's API. */
  readonly api: string;
  /** Bearer tokens by department id. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly coordinating: string;
  /** Two departments that take the work. */
  readonly assignees: readonly [string, string];
  readonly clock?: () => Date;
}

export interface PlanLoadResult {
  readonly tasks: number;
  /** Commands accepted, over every context. */
  readonly commands: number;
  /** The task left to pass its due date (the deadline watcher marks it overdue, then escalates it). */
  readonly overdueTaskId: string;
  /** HTTP statuses of the calls meant to be refused. */
  readonly refused: readonly number[];
  readonly platformId: string;
}

/** Drives the load; throws on the first command the backbone did not accept. */
export async function drivePlanLoad(options: PlanLoadOptions): Promise<PlanLoadResult> {
  const clock = options.clock ?? (() => new Date());
  const client = createLoadClient({ api: options.api, tokens: options.tokens });
  const [first, second] = options.assignees;

  const fieldsAnswer = await client.call('GET', '/api/reference/fields', undefined);
  const fields = ((await fieldsAnswer.json()) as { id: string; placeholder: boolean }[]).filter((f) => !f.placeholder).map((f) => f.id);
  const [field, otherField] = fields;
  if (!field || !otherField) throw new Error('the reference directory needs two key fields that are not placeholders');

  const tasks = await driveTasks(client, { coordinating: options.coordinating, assignees: options.assignees, fields, clock });
  const talent = await driveTalent(client, { coordinating: options.coordinating, department: first, fields: [field, otherField], clock });
  const resources = await driveResources(client, { coordinating: options.coordinating, departments: [first, second], field, clock });
  const platformId = await drivePlatforms(client, {
    coordinating: options.coordinating,
    owner: first,
    fields: [field, otherField],
    policyId: resources.policyId,
    qualifiedPersonId: talent.qualifiedPersonId,
    volunteerId: talent.volunteerId,
    clock,
  });
  return { tasks: tasks.tasks, commands: client.accepted(), overdueTaskId: tasks.overdueTaskId, refused: tasks.refused, platformId };
}
