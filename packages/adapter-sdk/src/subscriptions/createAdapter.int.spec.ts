import { BackboneError, inboxTopic } from '@backbone/contracts';
import { envelopeToRecord } from '@backbone/messaging';
import { kafkaServer } from '@backbone/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ReceivedEvent } from '../events/knownEvents.ts';
import type { UnreadableEvent } from '../events/readEvent.ts';
import { envelopeOf } from '../testing/events.ts';
import { embeddedBusUnderTest, eventually, kafkaBusUnderTest, pause, useAdapterFixture } from './adapter.fixture.ts';
import type { BusUnderTest } from './adapter.fixture.ts';
import { createAdapter } from './createAdapter.ts';

const assigned = (taskId: string, lead: string, version = 2) =>
  envelopeOf('TaskAssigned', { lead, supporting: [], assignedAt: '2025-03-14T08:00:00.000Z' }, { subject: taskId, streamversion: version });
const progressed = (taskId: string, department: string, percent: number, version: number) =>
  envelopeOf('TaskProgressReported', { department, percent }, { subject: taskId, streamversion: version });

const retry = { maxAttempts: 3, initialMs: 20, maxMs: 50 };

function adapterSuite(bus: BusUnderTest, full: boolean) {
  const fixture = useAdapterFixture(bus);

  it('hands each event of the department inbox to its typed handler, and ignores events it has no handler for', async () => {
    const department = fixture.aDepartment();
    const got: ReceivedEvent<'TaskAssigned'>[] = [];
    const adapter = fixture.track(
      createAdapter({ department, name: 'typed', bus: bus.config(), retry, handlers: { TaskAssigned: async (event) => void got.push(event) } }),
    );
    await adapter.start();
    await fixture.publish(inboxTopic(department), [progressed('task-1', department, 10, 3), assigned('task-1', department)]);

    await eventually('the TaskAssigned event', () => got.length === 1);
    expect(got[0]!.data.lead).toBe(department);
    expect(got[0]!.envelope.subject).toBe('task-1');
    expect(got[0]!.delivery.topic).toBe(inboxTopic(department));
    expect(adapter.group).toBe(`adapter.${department}.typed`);
  });

  it('dead-letters an event it cannot read, with the reason, and goes on with the next one', async () => {
    const department = fixture.aDepartment();
    const got: string[] = [];
    const adapter = fixture.track(
      createAdapter({ department, name: 'strict', bus: bus.config(), retry, onEvent: async (event) => void got.push(event.envelope.subject) }),
    );
    await adapter.start();
    const good = assigned('task-good', department);
    const notJson = { ...envelopeToRecord(assigned('task-a', department)), value: '{not json' };
    const unknownType = envelopeToRecord({ ...assigned('task-b', department), type: 'gov.backbone.tasks.TaskTeleported.v1' });
    const unknownVersion = envelopeToRecord({ ...assigned('task-c', department), type: 'gov.backbone.tasks.TaskAssigned.v9' });
    const invalidData = envelopeToRecord({ ...assigned('task-d', department), data: { lead: department } });
    await fixture.publish(inboxTopic(department), [notJson, unknownType, unknownVersion, invalidData, good]);

    await eventually('the good event after the bad ones', () => got.includes('task-good'));
    await eventually('four dead letters', async () => (await fixture.deadLetters(adapter.group)).length === 4);
    const reasons = new Map((await fixture.deadLetters(adapter.group)).map((l) => [l.record.key, l.reason]));
    expect(reasons.get('task-a')).toMatch(/^undecodable: record value is not JSON/);
    expect(reasons.get('task-b')).toMatch(/^unknown-type: gov\.backbone\.tasks\.TaskTeleported\.v1/);
    expect(reasons.get('task-c')).toMatch(/^unknown-version: gov\.backbone\.tasks\.TaskAssigned\.v9/);
    expect(reasons.get('task-d')).toMatch(/^invalid-data: .*supporting/);
    expect(got).toEqual(['task-good']);
  });

  if (!full) return;

  it('retries a failing handler with backoff, then dead-letters the event with the error and moves on', async () => {
    const department = fixture.aDepartment();
    const attempts = new Map<number, number[]>();
    const registry = new Registry();
    const adapter = fixture.track(
      createAdapter({
        department,
        name: 'flaky',
        bus: bus.config(),
        retry,
        metrics: registry,
        handlers: {
          TaskProgressReported: async (event) => {
            const version = event.envelope.streamversion;
            attempts.set(version, [...(attempts.get(version) ?? []), event.delivery.attempt]);
            if (event.data.percent === 13) throw new Error('department system is down');
            if (event.data.percent === 20 && event.delivery.attempt < 3) throw new Error('busy');
          },
        },
      }),
    );
    await adapter.start();
    // One task, so one partition: the order of the three is the order they are handled in.
    await fixture.publish(inboxTopic(department), [progressed('task-x', department, 13, 3), progressed('task-x', department, 20, 4), progressed('task-x', department, 30, 5)]);

    await eventually('the last event', () => attempts.has(5));
    expect([...attempts]).toEqual([
      [3, [1, 2, 3]],
      [4, [1, 2, 3]],
      [5, [1]],
    ]);
    const letters = await fixture.deadLetters(adapter.group);
    expect(letters.map((l) => [l.record.headers.ce_streamversion, l.attempts])).toEqual([['3', 3]]);
    expect(letters[0]!.reason).toContain('department system is down');
    const text = await registry.metrics();
    expect(text).toMatch(/backbone_adapter_events_total\{adapter="adapter\.d[0-9a-f]+\.flaky",event="TaskProgressReported",outcome="handled"\} 2/);
    expect(text).toMatch(/backbone_consumer_dead_letters_total\{group="adapter\.d[0-9a-f]+\.flaky"\} 1/);
  });

  it('dead-letters at once what a handler refuses for good (a BackboneError that cannot be retried)', async () => {
    const department = fixture.aDepartment();
    const attempts: number[] = [];
    const adapter = fixture.track(
      createAdapter({
        department,
        name: 'refusing',
        bus: bus.config(),
        retry,
        handlers: {
          TaskAssigned: async (event) => {
            attempts.push(event.delivery.attempt);
            throw new BackboneError('rule_violation', 'not ours', { rule: 'outside-remit' });
          },
        },
      }),
    );
    await adapter.start();
    await fixture.publish(inboxTopic(department), [assigned('task-r', department)]);
    await eventually('the dead letter', async () => (await fixture.deadLetters(adapter.group)).length === 1);
    expect(attempts).toEqual([1]);
    expect((await fixture.deadLetters(adapter.group))[0]!.reason).toBe('rule_violation (outside-remit): not ours');
  });

  it('skips unreadable events instead when onUnknown says so', async () => {
    const department = fixture.aDepartment();
    const seen: UnreadableEvent[] = [];
    const got: string[] = [];
    const adapter = fixture.track(
      createAdapter({
        department,
        name: 'lenient',
        bus: bus.config(),
        retry,
        onUnknown: (event) => {
          seen.push(event);
          return 'skip';
        },
        onEvent: async (event) => void got.push(event.envelope.subject),
      }),
    );
    await adapter.start();
    const future = envelopeToRecord({ ...assigned('task-v2', department), type: 'gov.backbone.tasks.TaskAssigned.v2' });
    await fixture.publish(inboxTopic(department), [future, assigned('task-ok', department)]);
    await eventually('the readable event', () => got.includes('task-ok'));
    expect(seen.map((s) => [s.kind, s.envelope?.subject])).toEqual([['unknown-version', 'task-v2']]);
    expect(await fixture.deadLetters(adapter.group)).toEqual([]);
  });

  it('consumes granted context topics instead of its inbox when told to', async () => {
    const department = fixture.aDepartment();
    const topic = `granted-${department}`;
    const got: string[] = [];
    const adapter = fixture.track(
      createAdapter({ department, name: 'granted', bus: bus.config(), topics: [topic], retry, onEvent: async (e) => void got.push(e.envelope.subject) }),
    );
    expect(adapter.topics).toEqual([topic]);
    await adapter.start();
    await fixture.publish(topic, [assigned('task-g', 'someone-else')]);
    await eventually('the granted topic event', () => got.length === 1);
  });

  it('leaves a record that fails while stopping uncommitted, so the next run of the group gets it again', async () => {
    const department = fixture.aDepartment();
    let failing = true;
    const first: number[] = [];
    const adapter = fixture.track(
      createAdapter({
        department,
        name: 'restart',
        bus: bus.config(),
        retry: { maxAttempts: 50, initialMs: 20, maxMs: 20 },
        handlers: {
          TaskAssigned: async (event) => {
            first.push(event.delivery.attempt);
            if (failing) throw new Error('down');
          },
        },
      }),
    );
    await adapter.start();
    await fixture.publish(inboxTopic(department), [assigned('task-s', department)]);
    await eventually('a few failed attempts', () => first.length >= 2);
    await adapter.stop();
    failing = false;
    const again: string[] = [];
    const next = fixture.track(
      createAdapter({ department, name: 'restart', bus: bus.config(), retry, handlers: { TaskAssigned: async (e) => void again.push(e.envelope.subject) } }),
    );
    await next.start();
    await eventually('the redelivery', () => again.length === 1);
    await pause(100);
    expect(again).toEqual(['task-s']);
    expect(await fixture.deadLetters(adapter.group)).toEqual([]);
  });
}

describe('createAdapter on the embedded bus', () => {
  adapterSuite(embeddedBusUnderTest(), true);
});

const kafka = await kafkaServer();
describe.skipIf(!kafka.available)('createAdapter on Kafka', () => {
  adapterSuite(kafkaBusUnderTest(kafka.endpoint?.brokers ?? []), false);
});
