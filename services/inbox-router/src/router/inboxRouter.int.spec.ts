import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { contextTopic, inboxTopic, taskEvents } from '@backbone/contracts';
import type { Envelope, EventData } from '@backbone/contracts';
import { createEmbeddedBus, envelopeToRecord } from '@backbone/messaging';
import type { Bus, DeliveredRecord, RunningConsumer } from '@backbone/messaging';
import { createSqliteViewStore } from '@backbone/views';
import type { ViewStore } from '@backbone/views';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startInboxRouter } from './inboxRouter.ts';
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
});
