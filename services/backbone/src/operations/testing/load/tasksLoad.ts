import type { LoadClient } from './loadClient.ts';

// Key tasks through their closed loop: created, assigned, accepted, declined, moved, blocked,
// completed and verified, one left to go overdue and be escalated, and calls that must be refused.

export interface TasksLoadOptions {
  readonly coordinating: string;
  /** Two departments that take the work. */
  readonly assignees: readonly [string, string];
  readonly fields: readonly string[];
  readonly clock: () => Date;
}

export interface TasksLoadResult {
  readonly tasks: number;
  /** The task left to pass its due date (the deadline watcher marks it overdue, then escalates it). */
  readonly overdueTaskId: string;
  /** HTTP statuses of the calls meant to be refused, in order: no credential, bad body, unknown task, a broken rule, another department's right. */
  readonly refused: readonly number[];
}

const TASKS = 6;

/** Drives the tasks; throws on the first command the backbone did not accept. */
export async function driveTasks(client: LoadClient, options: TasksLoadOptions): Promise<TasksLoadResult> {
  const { coordinating, fields } = options;
  const [first, second] = options.assignees;
  const inDays = (days: number) => new Date(options.clock().getTime() + days * 86_400_000).toISOString();
  const leadOf = (i: number) => (i % 2 === 0 ? first : second);
  const supportOf = (i: number) => (i % 2 === 0 ? second : first);

  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const { id } = await client.command('/api/tasks', coordinating, { title: `Operations proof task ${i + 1}`, field: fields[i % fields.length], dueDate: inDays(14) });
    await client.command(`/api/tasks/${id}/assignments`, coordinating, { lead: leadOf(i), supporting: [supportOf(i)] });
    ids.push(id);
  }

  // Tasks 0-3 accepted by both assignees, 0-2 moving, 1 blocked, 0 done and verified; 4 declined.
  for (let i = 0; i < 4; i++) {
    await client.command(`/api/tasks/${ids[i]}/accept`, leadOf(i), {});
    await client.command(`/api/tasks/${ids[i]}/accept`, supportOf(i), {});
  }
  for (let i = 0; i < 3; i++) await client.command(`/api/tasks/${ids[i]}/progress`, leadOf(i), { percent: 40 + 10 * i, note: 'first venue open' });
  await client.command(`/api/tasks/${ids[1]}/block`, leadOf(1), { reason: 'waiting for the venue agreement', needsHelpFrom: supportOf(1) });
  await client.command(`/api/tasks/${ids[0]}/complete`, leadOf(0), { summary: 'service points open in every street' });
  await client.command(`/api/tasks/${ids[0]}/verify`, coordinating, { outcome: 'accept', rating: 5 });
  await client.command(`/api/tasks/${ids[4]}/decline`, leadOf(4), { reason: 'outside our remit', citedRule: 'departmental duties, art. 3' });

  // Due in two seconds: the deadline watcher marks it overdue and (grace 0 h) escalates it.
  const overdue = await client.command('/api/tasks', coordinating, {
    title: 'Operations proof task due now',
    field: fields[0],
    dueDate: new Date(options.clock().getTime() + 2_000).toISOString(),
  });
  await client.command(`/api/tasks/${overdue.id}/assignments`, coordinating, { lead: first, supporting: [] });

  const refused = [
    (await client.call('POST', '/api/tasks', undefined, { title: 'no credential' })).status,
    (await client.call('POST', '/api/tasks', coordinating, { title: '' })).status,
    (await client.call('GET', '/api/tasks/task-that-does-not-exist', coordinating)).status,
    // Refused by the decider, so counted by the command metrics as rule_violation and forbidden.
    (await client.call('POST', `/api/tasks/${ids[3]}/accept`, leadOf(3), {})).status,
    (await client.call('POST', `/api/tasks/${ids[2]}/verify`, leadOf(2), { outcome: 'accept', rating: 5 })).status,
  ];
  return { tasks: TASKS + 1, overdueTaskId: overdue.id, refused };
}
