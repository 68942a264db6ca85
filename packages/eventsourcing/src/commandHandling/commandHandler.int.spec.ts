import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BackboneError,
  createEventRegistry,
  defineEvent,
  ruleViolation,
  type DomainEvent,
} from '@backbone/contracts';
import { hashEnvelope, verifyChain } from '../audit/hashChain.ts';
import type { Decider } from '../decider/decider.ts';
import type { EventStore } from '../eventStore/eventStore.ts';
import { createSqliteEventStore } from '../eventStore/sqliteEventStore.ts';
import type { IdempotencyStore } from '../idempotency/idempotencyStore.ts';
import { createSqliteIdempotencyStore } from '../idempotency/sqliteIdempotencyStore.ts';
import { createCommandHandler, type CommandHandlerOptions } from './commandHandler.ts';

const ProbeOpened = defineEvent('tasks', 'ProbeOpened', 1, z.object({ title: z.string() }).strict());
const ProbeNoted = defineEvent('tasks', 'ProbeNoted', 1, z.object({ note: z.string().min(1) }).strict());
type ProbeEvent = DomainEvent<'ProbeOpened', { title: string }> | DomainEvent<'ProbeNoted', { note: string }>;
type ProbeCommand =
  | { type: 'open'; title: string }
  | { type: 'note'; notes: string[] }
  | { type: 'noop' }
  | { type: 'fail' };
interface ProbeState {
  opened: boolean;
  notes: number;
}

let decisions = 0;
const probeDecider: Decider<ProbeCommand, ProbeState, ProbeEvent> = {
  initialState: () => ({ opened: false, notes: 0 }),
  evolve: (state, event) =>
    event.type === 'ProbeOpened' ? { ...state, opened: true } : { ...state, notes: state.notes + 1 },
  decide: (command, state) => {
    decisions += 1;
    switch (command.type) {
      case 'open':
        if (state.opened) throw ruleViolation('probe-opened-once', 'already open');
        return [{ type: 'ProbeOpened', data: { title: command.title } }];
      case 'note':
        if (!state.opened) throw ruleViolation('probe-must-be-open', 'not open');
        return command.notes.map((note) => ({ type: 'ProbeNoted' as const, data: { note } }));
      case 'noop':
        return [];
      case 'fail':
        throw ruleViolation('probe-fails', 'always');
    }
  },
};

const directory = mkdtempSync(join(tmpdir(), 'backbone-command-handler-'));
const file = join(directory, 'backbone.db');
const opened: (EventStore | IdempotencyStore)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((closable) => closable.close()));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function setup(overrides: Partial<CommandHandlerOptions<ProbeCommand, ProbeState, ProbeEvent>> = {}) {
  const store = createSqliteEventStore({ path: file });
  const idempotency = createSqliteIdempotencyStore({ path: file });
  opened.push(store, idempotency);
  const handler = createCommandHandler({
    store,
    decider: probeDecider,
    context: 'tasks',
    streamName: (id) => `tasks-probe-${id}`,
    events: { ProbeOpened, ProbeNoted },
    registry: createEventRegistry([ProbeOpened, ProbeNoted]),
    clock: () => new Date('2025-03-14T09:30:00.000Z'),
    newId: randomUUID,
    idempotency,
    ...overrides,
  });
  return { store, idempotency, handler };
}

const open = (title = 'Volunteer hours audit') => ({ type: 'open' as const, title });
const actor = 'civil-affairs';

describe('command handler', () => {
  it('builds envelopes from the injected clock and ids', async () => {
    const ids = Array.from({ length: 4 }, () => randomUUID());
    const { handler } = setup({ newId: () => ids.shift() ?? randomUUID() });
    const [correlation, first, second] = [...ids];
    const id = randomUUID();
    const result = await handler.handle({ aggregateId: id, command: open(), actor, traceparent: '00-abc-01' });
    expect(result).toMatchObject({ id, version: 1, eventIds: [first], replayed: false });
    expect(result.events[0]).toStrictEqual({
      specversion: '1.0',
      id: first,
      source: '/backbone/tasks',
      type: 'gov.backbone.tasks.ProbeOpened.v1',
      time: '2025-03-14T09:30:00.000Z',
      subject: id,
      datacontenttype: 'application/json',
      data: { title: 'Volunteer hours audit' },
      correlationid: correlation,
      causationid: correlation,
      actor,
      streamversion: 1,
      traceparent: '00-abc-01',
      prevhash: '',
    });
    const next = await handler.handle({
      aggregateId: id,
      command: { type: 'note', notes: ['n'] },
      actor: 'science-technology',
      correlationId: 'corr-7',
      causationId: 'cause-7',
    });
    expect(next.events[0]).toMatchObject({ id: second, correlationid: 'corr-7', causationid: 'cause-7', streamversion: 2 });
    expect(next.events[0]).not.toHaveProperty('traceparent');
  });

  it('chains each event to the hash of the one before it in its stream', async () => {
    const { handler, store } = setup();
    const id = randomUUID();
    const opening = await handler.handle({ aggregateId: id, command: open(), actor });
    const notes = await handler.handle({ aggregateId: id, command: { type: 'note', notes: ['a', 'b'] }, actor });
    expect(notes.events[0]!.prevhash).toBe(hashEnvelope(opening.events[0]!));
    expect(notes.events[1]!.prevhash).toBe(hashEnvelope(notes.events[0]!));
    const stored = await store.readStream(`tasks-probe-${id}`);
    expect(stored.map((e) => e.envelope)).toEqual([...opening.events, ...notes.events]);
    expect(verifyChain(stored)).toEqual({ ok: true, checked: 3 });
  });

  it('retries after a version conflict when two handlers race on one stream', async () => {
    const [one, two] = [setup(), setup()];
    const id = randomUUID();
    await one.handler.handle({ aggregateId: id, command: open(), actor });
    decisions = 0;
    const results = await Promise.all([
      one.handler.handle({ aggregateId: id, command: { type: 'note', notes: ['from one'] }, actor }),
      two.handler.handle({ aggregateId: id, command: { type: 'note', notes: ['from two'] }, actor }),
    ]);
    expect(decisions).toBe(3);
    expect(results.map((r) => r.version).sort()).toEqual([2, 3]);
    const stored = await one.store.readStream(`tasks-probe-${id}`);
    expect(stored.map((e) => e.envelope.data)).toHaveLength(3);
    expect(verifyChain(stored)).toMatchObject({ ok: true });
  });

  it('gives up with a retryable version_conflict after maxConflictRetries', async () => {
    const [one, two] = [setup({ maxConflictRetries: 0 }), setup({ maxConflictRetries: 0 })];
    const id = randomUUID();
    await one.handler.handle({ aggregateId: id, command: open(), actor });
    const outcomes = await Promise.allSettled([
      one.handler.handle({ aggregateId: id, command: { type: 'note', notes: ['one'] }, actor }),
      two.handler.handle({ aggregateId: id, command: { type: 'note', notes: ['two'] }, actor }),
    ]);
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(BackboneError);
    expect(failures[0]).toMatchObject({ code: 'version_conflict', canRetry: true });
    expect(await one.store.readStream(`tasks-probe-${id}`)).toHaveLength(2);
  });

  it('refuses a stale expectedVersion at once and writes nothing', async () => {
    const { handler, store } = setup();
    const id = randomUUID();
    await handler.handle({ aggregateId: id, command: open(), actor });
    decisions = 0;
    const error = await handler
      .handle({ aggregateId: id, command: { type: 'note', notes: ['late'] }, actor, expectedVersion: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackboneError);
    expect(error).toMatchObject({ code: 'version_conflict', rule: 'stale-expected-version' });
    expect(decisions).toBe(0);
    expect(await store.readStream(`tasks-probe-${id}`)).toHaveLength(1);
    await expect(
      handler.handle({ aggregateId: id, command: { type: 'note', notes: ['ok'] }, actor, expectedVersion: 1 }),
    ).resolves.toMatchObject({ version: 2 });
  });

  it('writes nothing when the decider decides nothing', async () => {
    const { handler, store } = setup();
    const id = randomUUID();
    await handler.handle({ aggregateId: id, command: open(), actor });
    const head = await store.headPosition();
    const result = await handler.handle({ aggregateId: id, command: { type: 'noop' }, actor });
    expect(result).toEqual({ id, version: 1, eventIds: [], events: [], replayed: false });
    expect(await store.headPosition()).toBe(head);
  });

  it('treats event data that breaks its schema as a bug and writes nothing', async () => {
    const { handler, store } = setup();
    const id = randomUUID();
    await handler.handle({ aggregateId: id, command: open(), actor });
    const error = await handler.handle({ aggregateId: id, command: { type: 'note', notes: ['fine', ''] }, actor }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'internal', rule: 'event-data-matches-schema' });
    expect(await store.readStream(`tasks-probe-${id}`)).toHaveLength(1);
  });
});

describe('command handler with an idempotency key', () => {
  const key = () => ({ scope: actor, key: randomUUID(), requestHash: 'hash-1' });

  it('answers a repeat with the first result and writes nothing', async () => {
    const { handler, store } = setup();
    const id = randomUUID();
    const idempotency = key();
    const first = await handler.handle({ aggregateId: id, command: open(), actor, idempotency });
    const head = await store.headPosition();
    decisions = 0;
    const repeat = await handler.handle({ aggregateId: id, command: open(), actor, idempotency });
    expect(repeat).toEqual({ ...first, replayed: true });
    expect(decisions).toBe(0);
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses the same key for a different request', async () => {
    const { handler } = setup();
    const idempotency = key();
    await handler.handle({ aggregateId: randomUUID(), command: open(), actor, idempotency });
    const error = await handler
      .handle({ aggregateId: randomUUID(), command: open(), actor, idempotency: { ...idempotency, requestHash: 'hash-2' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rule_violation', rule: 'idempotency-key-reused' });
  });

  it('says a request is in flight while another holds its key', async () => {
    const { handler, idempotency: keys } = setup();
    const idempotency = key();
    await keys.reserve(idempotency.scope, idempotency.key, idempotency.requestHash);
    const error = await handler.handle({ aggregateId: randomUUID(), command: open(), actor, idempotency }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'version_conflict', rule: 'idempotent-request-in-flight', canRetry: true });
  });

  it('releases the key when the command fails', async () => {
    const { handler, idempotency: keys } = setup();
    const idempotency = key();
    const request = { aggregateId: randomUUID(), command: { type: 'fail' as const }, actor, idempotency };
    await expect(handler.handle(request)).rejects.toMatchObject({ rule: 'probe-fails' });
    await expect(handler.handle(request)).rejects.toMatchObject({ rule: 'probe-fails' });
    expect(await keys.reserve(idempotency.scope, idempotency.key, 'another-request')).toEqual({ state: 'new' });
  });
});

describe('command handler loading old events', () => {
  it('upcasts and validates stored events through the registry before folding them', async () => {
    const OpenedV2 = defineEvent(
      'tasks',
      'ProbeOpened',
      2,
      z.object({ title: z.string(), field: z.string() }).strict(),
    );
    type Seen = DomainEvent<'ProbeOpened', { title: string; field: string }>;
    const recorder: Decider<{ type: 'noop' }, Seen['data'][], Seen> = {
      initialState: () => [],
      evolve: (state, event) => [...state, event.data],
      decide: () => [],
    };
    const store = createSqliteEventStore({ path: file });
    opened.push(store);
    const handler = createCommandHandler({
      store,
      decider: recorder,
      context: 'tasks',
      streamName: (id) => `tasks-probe-${id}`,
      events: { ProbeOpened: OpenedV2 },
      registry: createEventRegistry(
        [OpenedV2],
        [{ fromType: ProbeOpened.type, toType: OpenedV2.type, upcast: (data) => ({ ...(data as object), field: 'unassigned' }) }],
      ),
      clock: () => new Date(),
      newId: randomUUID,
    });
    const id = randomUUID();
    const old = await setup().handler.handle({ aggregateId: id, command: open('old'), actor });
    const loaded = await handler.load(id);
    expect(loaded.state).toEqual([{ title: 'old', field: 'unassigned' }]);
    expect(loaded.version).toBe(1);
    expect(loaded.events.map((e) => e.envelope)).toEqual(old.events);
  });

  it('counts commands by outcome and appended events by type in the given registry', async () => {
    const registry = new Registry();
    const { handler } = setup({ metrics: registry });
    const id = randomUUID();
    await handler.handle({ aggregateId: id, command: open(), actor });
    await handler.handle({ aggregateId: id, command: { type: 'note', notes: ['a', 'b'] }, actor });
    await handler.handle({ aggregateId: id, command: { type: 'noop' }, actor });
    await expect(handler.handle({ aggregateId: id, command: { type: 'fail' }, actor })).rejects.toThrow(BackboneError);

    const text = await registry.metrics();
    expect(text).toContain('backbone_commands_total{context="tasks",command="open",outcome="accepted"} 1');
    expect(text).toContain('backbone_commands_total{context="tasks",command="noop",outcome="unchanged"} 1');
    expect(text).toContain('backbone_commands_total{context="tasks",command="fail",outcome="rule_violation"} 1');
    expect(text).toContain('backbone_events_appended_total{context="tasks",type="gov.backbone.tasks.ProbeNoted.v1"} 2');
    expect(text).toContain('backbone_department_commands_total{department="civil-affairs",context="tasks",outcome="accepted"} 2');
  });
});
