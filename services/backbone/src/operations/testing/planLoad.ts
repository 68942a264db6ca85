// A small, bounded piece of the plan's work over HTTP, so every metric the dashboards and
// alerts read has real data behind it: tasks created, assigned, accepted, declined, moved,
// blocked, completed and verified, one left to go overdue and be escalated, and refused calls.

export interface PlanLoadOptions {
  /** URL of the process serving /api/reference and /api/tasks. */
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
  readonly commands: number;
  /** The task left to pass its due date (the deadline watcher marks it overdue, then escalates it). */
  readonly overdueTaskId: string;
  /** HTTP statuses of the calls meant to be refused. */
  readonly refused: readonly number[];
}

interface CommandAnswer {
  readonly id: string;
  readonly version: number;
}

const TASKS = 6;

/** Drives the load; throws on the first command the backbone did not accept. */
export async function drivePlanLoad(options: PlanLoadOptions): Promise<PlanLoadResult> {
  const clock = options.clock ?? (() => new Date());
  const [first, second] = options.assignees;
  let commands = 0;

  async function call(method: string, path: string, department: string | undefined, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (department) headers.authorization = `Bearer ${options.tokens[department] ?? ''}`;
    return fetch(`${options.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }
  async function command(path: string, department: string, body: unknown, method = 'POST'): Promise<CommandAnswer> {
    const response = await call(method, path, department, body);
    const answer: unknown = await response.json();
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`${method} ${path} as ${department} answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    commands++;
    return answer as CommandAnswer;
  }

  const fieldsAnswer = await call('GET', '/api/reference/fields', undefined);
  const fields = ((await fieldsAnswer.json()) as { id: string; placeholder: boolean }[]).filter((f) => !f.placeholder).map((f) => f.id);
  if (fields.length === 0) throw new Error('the reference directory lists no key field');

  const inDays = (days: number) => new Date(clock().getTime() + days * 86_400_000).toISOString();
  const ids: string[] = [];
  for (let i = 0; i < TASKS; i++) {
    const lead = i % 2 === 0 ? first : second;
    const supporting = lead === first ? second : first;
    const { id } = await command('/api/tasks', options.coordinating, { title: `Operations proof task ${i + 1}`, field: fields[i % fields.length], dueDate: inDays(14) });
    await command(`/api/tasks/${id}/assignments`, options.coordinating, { lead, supporting: [supporting] });
    ids.push(id);
  }
  const leadOf = (i: number) => (i % 2 === 0 ? first : second);
  const supportOf = (i: number) => (i % 2 === 0 ? second : first);

  // Tasks 0-3 accepted by both assignees, 0-2 moving, 1 blocked, 0 done and verified; 4 declined.
  for (let i = 0; i < 4; i++) {
    await command(`/api/tasks/${ids[i]}/accept`, leadOf(i), {});
    await command(`/api/tasks/${ids[i]}/accept`, supportOf(i), {});
  }
  for (let i = 0; i < 3; i++) await command(`/api/tasks/${ids[i]}/progress`, leadOf(i), { percent: 40 + 10 * i, note: 'first venue open' });
  await command(`/api/tasks/${ids[1]}/block`, leadOf(1), { reason: 'waiting for the venue agreement', needsHelpFrom: supportOf(1) });
  await command(`/api/tasks/${ids[0]}/complete`, leadOf(0), { summary: 'service points open in every street' });
  await command(`/api/tasks/${ids[0]}/verify`, options.coordinating, { outcome: 'accept', rating: 5 });
  await command(`/api/tasks/${ids[4]}/decline`, leadOf(4), { reason: 'outside our remit', citedRule: 'departmental duties, art. 3' });

  // Due in two seconds: the deadline watcher marks it overdue and (grace 0 h) escalates it.
  const overdue = await command('/api/tasks', options.coordinating, {
    title: 'Operations proof task due now',
    field: fields[0],
    dueDate: new Date(clock().getTime() + 2_000).toISOString(),
  });
  await command(`/api/tasks/${overdue.id}/assignments`, options.coordinating, { lead: first, supporting: [] });

  const refused = [
    (await call('POST', '/api/tasks', undefined, { title: 'no credential' })).status,
    (await call('POST', '/api/tasks', options.coordinating, { title: '' })).status,
    (await call('GET', '/api/tasks/task-that-does-not-exist', options.coordinating)).status,
  ];
  return { tasks: TASKS + 1, commands, overdueTaskId: overdue.id, refused };
}
