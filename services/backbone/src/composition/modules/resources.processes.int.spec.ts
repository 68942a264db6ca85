import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventDefinitions, contextTopic, createEventRegistry } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { envelopeToRecord, recordToEnvelope } from '@backbone/messaging';
import { createResourceCommands, createResourceHandlers, createResourcesDirectory, startGrantDelivery } from '@backbone/service-resources';
import { createTaskDirectory } from '@backbone/service-tasks';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { ModuleDeps } from '../contextModule.ts';
import { createCommandHandlers } from '../contexts.ts';
import type { DirectorySource } from '../directorySource.ts';
import { openInfrastructure } from '../infrastructure.ts';
import type { Infrastructure } from '../infrastructure.ts';
import { deliveryTasksOver, resourcesModule } from './resources.ts';

const COORDINATING = 'social-work';
const SPONSOR = 'civil-affairs';
const FIELD = 'new-employment-groups';
const departments = [COORDINATING, SPONSOR, 'science-technology'];
const directory: DirectorySource = {
  require: async () => ({
    coordinating: COORDINATING,
    departments: departments.map((id) => ({ id, name: id })),
    fields: [{ id: FIELD, name: 'New employment groups' }],
  }),
  forTasks: async () => createTaskDirectory({ coordinating: COORDINATING, departments, fields: [FIELD] }),
};

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe('grant-delivery process manager (embedded bus, real tasks handler)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resources-process-'));
  const clock = { now: new Date('2025-04-10T09:00:00.000Z') };
  const runtime = { clock: () => clock.now, newId: randomUUID };
  let infra: Infrastructure;
  let deps: ModuleDeps;
  let stops: (() => Promise<void>)[] = [];
  const registry = createEventRegistry(allEventDefinitions);

  /** Writes a real award (pool, funds, call, scored application) and returns its GrantAwarded envelope. */
  async function award(endsAt: string, poolId?: string): Promise<{ envelope: Envelope; grantId: string; poolId: string }> {
    const handlers = createResourceHandlers({ store: infra.store, registry, clock: runtime.clock, newId: randomUUID });
    const resourcesDirectory = createResourcesDirectory({ coordinating: COORDINATING, departments, fields: [FIELD] });
    const commands = createResourceCommands({ handlers, directory: async () => resourcesDirectory, clock: runtime.clock, newId: randomUUID });
    const as = (actor: string) => ({ actor });
    const pool = poolId ?? (await commands.openPool({ name: 'Venture' }, as(COORDINATING))).id;
    await commands.contributeFunds(pool, { amountFen: 10_000 }, as(SPONSOR));
    const window = { opensAt: '2025-04-01T00:00:00Z', closesAt: '2025-05-01T00:00:00Z' };
    const weights = { partyBuilding: 25, theoryResearch: 25, professionalValue: 25, serviceScenarios: 25 };
    const { id: callId } = await commands.openCall({ poolId: pool, field: FIELD, budgetFen: 10_000, ...window, weights }, as(COORDINATING));
    const body = { applicantOrganisationId: 'org-1', field: FIELD, title: 'Riders’ rest stations', requestedFen: 5_000 };
    const { id: applicationId } = await commands.submitApplication(callId, body, as(SPONSOR));
    const scores = { partyBuilding: 80, theoryResearch: 80, professionalValue: 80, serviceScenarios: 80 };
    await commands.scoreApplication(applicationId, { reviewerId: 'reviewer-1', scores }, as('science-technology'));
    const result = await commands.awardGrant(applicationId, { amountFen: 5_000, endsAt }, as(COORDINATING));
    return { envelope: result.events[0]!, grantId: result.id, poolId: pool };
  }

  const publish = (...envelopes: Envelope[]) => infra.bus.publish(contextTopic('resources'), envelopes.map(envelopeToRecord));
  const taskEvents = async (taskId: string) =>
    (await deps.handlers.tasks.load(taskId)).events.map((e) => e.envelope);

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
    const logger = pino({ level: 'silent' });
    const metrics = new Registry();
    infra = openInfrastructure(config, { logger, metrics });
    await infra.bus.ensureTopics([contextTopic('resources')]);
    deps = { config, infra, runtime, directory, handlers: createCommandHandlers(infra.store, infra.idempotency, runtime), metrics, logger };
    stops.push(await resourcesModule.processes!(deps));
    // A second process manager in another group: every award reaches both, and they race on it.
    const racer = await startGrantDelivery({ bus: infra.bus, decode: recordToEnvelope, tasks: deliveryTasksOver(deps), clock: runtime.clock, group: `process.grant-delivery-racer-${randomUUID()}` });
    stops.push(() => racer.stop());
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    stops = [];
    await infra.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates and assigns one delivery task, due at the grant’s end, however often the award is delivered', async () => {
    const first = await award('2025-12-31T16:00:00.000Z');
    const taskId = `task-grant-${first.grantId}`;
    await publish(first.envelope, first.envelope);
    await waitFor('the delivery task', async () => (await taskEvents(taskId)).length >= 2);
    // Deliver it again after the task exists, then a later award of the same pool (same key, so
    // handled after the repeats): once its task exists, every repeat before it was handled.
    await publish(first.envelope);
    const second = await award('2025-12-31T16:00:00.000Z', first.poolId);
    await publish(second.envelope);
    await waitFor('the second delivery task', async () => (await taskEvents(`task-grant-${second.grantId}`)).length >= 2);

    const events = await taskEvents(taskId);
    expect(events.map((e) => e.type)).toEqual(['gov.backbone.tasks.TaskCreated.v1', 'gov.backbone.tasks.TaskAssigned.v1']);
    expect(events[0]).toMatchObject({ actor: COORDINATING, causationid: first.envelope.id, correlationid: first.envelope.correlationid });
    expect(events[0]!.data).toMatchObject({ taskId, field: FIELD, dueDate: '2025-12-31T16:00:00.000Z', createdBy: COORDINATING });
    expect(events[1]!.data).toMatchObject({ lead: SPONSOR, supporting: [] });
  });

  it('never reassigns a task its lead has declined when the award is delivered again', async () => {
    const { envelope, grantId, poolId } = await award('2025-12-31T16:00:00.000Z');
    const taskId = `task-grant-${grantId}`;
    await publish(envelope);
    await waitFor('the delivery task', async () => (await taskEvents(taskId)).length >= 2);
    const tasks = await directory.forTasks();
    const decline = { type: 'declineTask' as const, taskId, actor: SPONSOR, now: clock.now, directory: tasks, data: { reason: 'not ours', citedRule: 'remit §2' } };
    await deps.handlers.tasks.handle({ aggregateId: taskId, command: decline, actor: SPONSOR });
    // A later award of the same pool (same key) is handled after the repeat.
    const probe = await award('2025-12-31T16:00:00.000Z', poolId);
    await publish(envelope, probe.envelope);
    await waitFor('the probe task', async () => (await taskEvents(`task-grant-${probe.grantId}`)).length >= 2);
    expect((await taskEvents(taskId)).map((e) => e.type.split('.')[3])).toEqual(['TaskCreated', 'TaskAssigned', 'TaskDeclined']);
  });

  it('makes a task whose grant already ended due one hour after it is created', async () => {
    const { envelope, grantId } = await award('2025-06-30T16:00:00.000Z');
    const saved = clock.now;
    clock.now = new Date('2025-07-02T08:00:00.000Z');
    try {
      await publish(envelope);
      await waitFor('the late delivery task', async () => (await taskEvents(`task-grant-${grantId}`)).length >= 2);
    } finally {
      clock.now = saved;
    }
    const [created] = await taskEvents(`task-grant-${grantId}`);
    expect(created!.data).toMatchObject({ dueDate: '2025-07-02T09:00:00.000Z' });
    expect((created!.data as { description: string }).description).toContain('2025-06-30T16:00:00.000Z');
  });
});
