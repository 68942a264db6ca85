import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '@backbone/contracts';
import { createEmbeddedBus, createRelay, createSqliteCheckpointStore, recordToEnvelope } from '@backbone/messaging';
import type { Bus, Relay } from '@backbone/messaging';
import { createSqliteViewStore, markOf, startProjection, waitForVersion } from '@backbone/views';
import type { RunningProjection, ViewStore } from '@backbone/views';
import { DIRECTORY_ID, listDepartments, listFields } from '../domain/state.ts';
import { seedDirectoryIfEmpty } from '../seeding/seedDirectoryIfEmpty.ts';
import { openDirectoryFixture, shippedConfig } from '../testing/directoryFixture.ts';
import type { DirectoryFixture } from '../testing/directoryFixture.ts';
import { REFERENCE_DIRECTORY, readDirectory, referenceDirectoryProjection } from './referenceDirectoryProjection.ts';

const COORDINATING = 'social-work';

let fixture: DirectoryFixture;
let viewStore: ViewStore;
let bus: Bus;
let relay: Relay;
let checkpoints: ReturnType<typeof createSqliteCheckpointStore>;
let running: RunningProjection | undefined;

beforeEach(() => {
  fixture = openDirectoryFixture();
  const dir = join(fixture.file, '..');
  viewStore = createSqliteViewStore({ path: join(dir, 'views.db') });
  bus = createEmbeddedBus({ path: join(dir, 'bus.db'), pollIntervalMs: 10 });
  checkpoints = createSqliteCheckpointStore({ path: join(dir, 'checkpoints.db') });
  relay = createRelay({ store: fixture.store, bus, checkpoints, name: `relay-${randomUUID()}`, idleMs: 10 });
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  await relay.stop();
  await bus.close();
  await checkpoints.close();
  await viewStore.close();
  await fixture.close();
});

const reader = () => viewStore.reader(REFERENCE_DIRECTORY);
const caughtUp = async () =>
  waitForVersion({ read: () => reader().appliedVersion(DIRECTORY_ID), atLeast: await fixture.streamVersion(), timeoutMs: 2000 });

describe('referenceDirectoryProjection over the embedded bus', () => {
  it('holds nothing before the directory is seeded', async () => {
    running = await startProjection({ projection: referenceDirectoryProjection(), bus, viewStore, decode: recordToEnvelope });
    expect(await readDirectory(reader())).toBeUndefined();
  });

  it('copies the seeded directory, then every change, in registration order', async () => {
    running = await startProjection({ projection: referenceDirectoryProjection(), bus, viewStore, decode: recordToEnvelope });
    relay.start();
    await seedDirectoryIfEmpty({ handler: fixture.handler, config: shippedConfig() });
    expect((await caughtUp()).caughtUp).toBe(true);

    const { state: seeded } = await fixture.handler.load(DIRECTORY_ID);
    expect(await readDirectory(reader())).toEqual({
      coordinating: COORDINATING,
      departments: listDepartments(seeded),
      fields: listFields(seeded),
    });

    const change = (command: Parameters<typeof fixture.handler.handle>[0]['command']) =>
      fixture.handler.handle({ aggregateId: DIRECTORY_ID, command, actor: COORDINATING });
    await change({
      type: 'registerDepartment',
      actor: COORDINATING,
      data: { departmentId: 'education', name: 'Education Bureau', placeholder: false },
    });
    await change({ type: 'updateDepartment', actor: COORDINATING, data: { departmentId: 'department-4', name: 'Health Commission', placeholder: false } });
    await change({ type: 'updateField', actor: COORDINATING, data: { fieldId: 'field-4', nameZh: '养老服务' } });
    await change({ type: 'registerField', actor: COORDINATING, data: { fieldId: 'a-first-by-id', name: 'Sorted last', placeholder: true } });
    expect((await caughtUp()).caughtUp).toBe(true);

    const { state } = await fixture.handler.load(DIRECTORY_ID);
    const copy = await readDirectory(reader());
    expect(copy).toEqual({ coordinating: COORDINATING, departments: listDepartments(state), fields: listFields(state) });
    expect(copy?.departments[3]).toEqual({ id: 'department-4', name: 'Health Commission', nameZh: '部门4(待定)', coordinating: false, placeholder: false });
    expect(copy?.fields.at(-1)?.id).toBe('a-first-by-id');
  });
});

describe('referenceDirectoryProjection applied directly', () => {
  const projection = referenceDirectoryProjection();
  const apply = async (envelope: Envelope) =>
    viewStore.apply(REFERENCE_DIRECTORY, '1', markOf(envelope), await projection.project(envelope, viewStore.readerOf(REFERENCE_DIRECTORY, '1')));

  it('changes nothing when an event is delivered again', async () => {
    await viewStore.ensureLive(REFERENCE_DIRECTORY, '1');
    await seedDirectoryIfEmpty({ handler: fixture.handler, config: shippedConfig() });
    const events = (await fixture.store.readStream(DIRECTORY_ID)).map((e) => e.envelope);
    for (const envelope of events) expect(await apply(envelope)).toBe(true);
    const before = await readDirectory(reader());
    expect(await apply(events[0]!)).toBe(false);
    expect(await readDirectory(reader())).toEqual(before);
  });

  it("ignores other contexts' events and reference types it does not know", async () => {
    const foreign: Envelope = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/backbone/reference',
      type: 'gov.backbone.reference.DepartmentArchived.v1',
      time: new Date().toISOString(),
      subject: DIRECTORY_ID,
      datacontenttype: 'application/json',
      data: { departmentId: 'civil-affairs' },
      correlationid: 'c',
      causationid: 'c',
      actor: COORDINATING,
      streamversion: 1,
    };
    const view = viewStore.readerOf(REFERENCE_DIRECTORY, '1');
    expect(await projection.project(foreign, view)).toEqual([]);
    expect(await projection.project({ ...foreign, source: '/backbone/tasks', type: 'gov.backbone.tasks.TaskCancelled.v1' }, view)).toEqual([]);
  });

  it('refuses a known event whose data breaks its schema (the bus retries, then dead-letters it)', async () => {
    await seedDirectoryIfEmpty({ handler: fixture.handler, config: shippedConfig() });
    const [first] = await fixture.store.readStream(DIRECTORY_ID);
    const broken = { ...first!.envelope, data: { departmentId: 'Not A Slug' } };
    await expect(projection.project(broken, viewStore.readerOf(REFERENCE_DIRECTORY, '1'))).rejects.toMatchObject({
      rule: 'event-data-matches-schema',
    });
  });
});
