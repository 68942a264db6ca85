import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { contextTopic, deadLetterTopic, inboxTopic, taskEvents } from '@backbone/contracts';
import type { Envelope, EventData } from '@backbone/contracts';
import { createEmbeddedBus, envelopeToRecord } from '@backbone/messaging';
import type { Bus, DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import { createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX_ROUTER, startInboxRouter } from './inboxRouter.ts';
import type { RunningInboxRouter } from './inboxRouter.ts';

const at = '2025-03-14T08:00:00.000Z';

function taskEvent<K extends keyof typeof taskEvents>(name: K, data: EventData<(typeof taskEvents)[K]>, subject: string, streamversion: number): Envelope {
  const id = randomUUID();
  return {
    specversion: '1.0',
    id,
    source: '/backbone/tasks',
    type: taskEvents[name].type,
    time: at,
    subject,
    datacontenttype: 'application/json',
    data,
    correlationid: id,
    causationid: id,
    actor: 'social-work',
    streamversion,
  };
}

async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the inbox router (embedded bus, SQLite views)', () => {
  let dir: string;
  let bus: Bus;
  let views: ViewStore;
  const running: (RunningConsumer | RunningInboxRouter)[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inbox-router-'));
    bus = createEmbeddedBus({ path: join(dir, 'bus.db') });
    views = createSqliteViewStore({ path: join(dir, 'views.db') });
  });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.stop();
    await bus.close();
    await views.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function inbox(department: string): Promise<DeliveredRecord[]> {
    const received: DeliveredRecord[] = [];
    running.push(await bus.subscribe({ group: `reader-${department}`, topics: [inboxTopic(department)], handle: async (r) => void received.push(r) }));
    return received;
  }

  it("copies each task event, unchanged, to the inboxes of the departments it concerns, once each even when redelivered", async () => {
    const registry = new Registry();
    running.push(await startInboxRouter({ bus, views, metrics: registry }));
    const [civil, science, social] = await Promise.all([inbox('civil-affairs'), inbox('science-technology'), inbox('social-work')]);
    const task = `task-${randomUUID()}`;
    const created = taskEvent('TaskCreated', { taskId: task, title: 'Volunteer hours', field: 'new-employment-groups', dueDate: at, createdBy: 'social-work' }, task, 1);
    const assigned = taskEvent('TaskAssigned', { lead: 'civil-affairs', supporting: [], assignedAt: at }, task, 2);
    const blocked = taskEvent('TaskBlocked', { department: 'civil-affairs', reason: 'needs a lab', needsHelpFrom: 'science-technology' }, task, 3);
    const records = [created, assigned, blocked].map(envelopeToRecord);
    await bus.ensureTopics([contextTopic('tasks')]);
    await bus.publish(contextTopic('tasks'), records);
    // A relay that crashed before its checkpoint publishes a batch again.
    await bus.publish(contextTopic('tasks'), records.slice(1));

    await eventually('the block in the helping department', () => science.length === 1);
    await eventually('three events for the coordinating department', () => social.length === 3);
    await eventually('two for the lead', () => civil.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(social.map((r) => r.headers.ce_streamversion)).toEqual(['1', '2', '3']);
    expect(civil.map((r) => r.headers.ce_type)).toEqual([taskEvents.TaskAssigned.type, taskEvents.TaskBlocked.type]);
    expect(science[0]).toMatchObject({ key: task, value: records[2]!.value, headers: records[2]!.headers });
    const text = await registry.metrics();
    expect(text).toContain('backbone_inbox_router_events_total{outcome="routed"} 3');
    expect(text).toContain('backbone_inbox_router_events_total{outcome="duplicate"} 2');
  });

  it('remembers the assignees across a restart, from its view', async () => {
    const task = `task-${randomUUID()}`;
    await bus.ensureTopics([contextTopic('tasks')]);
    const first = await startInboxRouter({ bus, views });
    await bus.publish(contextTopic('tasks'), [
      envelopeToRecord(taskEvent('TaskCreated', { taskId: task, title: 'T', field: 'f', dueDate: at, createdBy: 'social-work' }, task, 1)),
      envelopeToRecord(taskEvent('TaskAssigned', { lead: 'civil-affairs', supporting: ['department-4'], assignedAt: at }, task, 2)),
    ]);
    const placeholder = await inbox('department-4');
    await eventually('the assignment', () => placeholder.length === 1);
    await first.stop();

    running.push(await startInboxRouter({ bus, views }));
    await bus.publish(contextTopic('tasks'), [envelopeToRecord(taskEvent('TaskProgressReported', { department: 'civil-affairs', percent: 10 }, task, 3))]);
    await eventually('the progress report in the supporting department', () => placeholder.length === 2);
    expect(placeholder[1]!.headers.ce_type).toBe(taskEvents.TaskProgressReported.type);
  });

  it('routes a chunk of many tasks in order, each copy once, and remembers every task it saw', async () => {
    const registry = new Registry();
    await bus.ensureTopics([contextTopic('tasks')]);
    const envelopes = Array.from({ length: 40 }, (_, i) => `task-${randomUUID()}-${i}`).flatMap((task, i) => [
      taskEvent('TaskCreated', { taskId: task, title: 'T', field: 'f', dueDate: at, createdBy: 'social-work' }, task, 1),
      taskEvent('TaskAssigned', { lead: 'civil-affairs', supporting: i % 2 === 0 ? ['department-4'] : [], assignedAt: at }, task, 2),
      taskEvent('TaskProgressReported', { department: 'civil-affairs', percent: 50 }, task, 3),
    ]);
    // Published before the router starts, so it gets them as chunks, duplicates of the first task's events included.
    await bus.publish(contextTopic('tasks'), [...envelopes, ...envelopes.slice(0, 3)].map(envelopeToRecord));
    const [civil, placeholder] = await Promise.all([inbox('civil-affairs'), inbox('department-4')]);
    running.push(await startInboxRouter({ bus, views, metrics: registry }));

    await eventually('two copies of each task for the lead', () => civil.length === 80);
    await eventually('two copies of every other task for the supporting department', () => placeholder.length === 40);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Per task (one key, one partition) in stream order; tasks on different partitions interleave.
    const perTask = (ids: string[]) => {
      const byTask = new Map<string, string[]>();
      for (const id of ids) {
        const { subject } = envelopes.find((e) => e.id === id)!;
        byTask.set(subject, [...(byTask.get(subject) ?? []), id]);
      }
      return new Map([...byTask].sort(([a], [b]) => a.localeCompare(b)));
    };
    const received = (records: DeliveredRecord[]) => perTask(records.map((r) => r.headers.ce_id!));
    expect(received(civil)).toEqual(perTask(envelopes.filter((e) => e.streamversion > 1).map((e) => e.id)));
    expect(received(placeholder)).toEqual(perTask(envelopes.filter((e, i) => e.streamversion > 1 && Math.floor(i / 3) % 2 === 0).map((e) => e.id)));
    const text = await registry.metrics();
    expect(text).toContain('backbone_inbox_router_events_total{outcome="routed"} 120');
    expect(text).toContain('backbone_inbox_router_events_total{outcome="duplicate"} 3');
    expect(text).toContain('backbone_inbox_router_copies_total{department="civil-affairs"} 80');
    const reader = views.readerOf(INBOX_ROUTER, '1');
    expect(await reader.appliedVersions(envelopes.filter((e) => e.streamversion === 1).map((e) => `tasks:${e.subject}`))).toEqual(Array(40).fill(3));
  });

  it('dead-letters a record it cannot read and routes the rest of its chunk', async () => {
    await bus.ensureTopics([contextTopic('tasks')]);
    const task = `task-${randomUUID()}`;
    const created = envelopeToRecord(taskEvent('TaskCreated', { taskId: task, title: 'T', field: 'f', dueDate: at, createdBy: 'social-work' }, task, 1));
    const broken = { ...envelopeToRecord(taskEvent('TaskAssigned', { lead: 'civil-affairs', supporting: [], assignedAt: at }, task, 2)), value: '{"lead": 7}' };
    const assigned = envelopeToRecord(taskEvent('TaskAssigned', { lead: 'civil-affairs', supporting: [], assignedAt: at }, task, 2));
    await bus.publish(contextTopic('tasks'), [created, broken, assigned]);
    const [civil, dead] = await Promise.all([inbox('civil-affairs'), readTopic(deadLetterTopic(INBOX_ROUTER))]);
    running.push(await startInboxRouter({ bus, views }));

    await eventually('the dead letter', () => dead.length === 1);
    await eventually('the assignment in the lead department', () => civil.length === 1);
    expect(civil[0]!.value).toEqual(assigned.value);
    expect(dead[0]!.value).toEqual(broken.value);
  });

  async function readTopic(topic: string): Promise<DeliveredRecord[]> {
    await bus.ensureTopics([topic]);
    const received: DeliveredRecord[] = [];
    running.push(await bus.subscribe({ group: `reader-${randomUUID()}`, topics: [topic], handle: async (r) => void received.push(r) }));
    return received;
  }
});
