import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextTopic, type Envelope } from '@backbone/contracts';
import { createSqliteEventStore, type EventStore } from '@backbone/eventsourcing';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markOf } from '../projections/startProjection.ts';
import { eventsPerSubjectProjection, testEnvelope, type SubjectSummary } from '../testing/eventsPerSubjectProjection.ts';
import { createSqliteViewStore } from '../viewStore/sqlite/sqliteViewStore.ts';
import type { ViewReader, ViewStore, ViewWrite } from '../viewStore/viewStore.ts';
import type { Projection } from '../projections/projection.ts';
import { rebuildProjection } from './rebuildProjection.ts';

const projection = eventsPerSubjectProjection('events-per-subject', [contextTopic('tasks')]);

/** Everything the example projection keeps, to compare two versions. */
async function snapshot(view: ViewReader) {
  const subjects = await view.members('subjects');
  return {
    total: await view.counter('events'),
    perSubject: await Promise.all(subjects.map((s) => view.counter(`events:${s}`))),
    docs: await view.all<SubjectSummary>('subjects'),
    marks: await Promise.all(subjects.map((s) => view.appliedVersion(s))),
    subjects,
  };
}

interface Doc {
  readonly count: number;
  readonly seen: number;
  readonly totalBefore: number;
  readonly membersBefore: number;
  readonly manyAgrees: boolean;
}

/** A projection whose writes depend on everything it reads of the version it builds. */
function readingProjection(): Projection & { listings: number } {
  return {
    listings: 0,
    name: 'reads-its-writes',
    topics: [contextTopic('tasks')],
    async project(event, view): Promise<ViewWrite[]> {
      const before = await view.get<Doc>('docs', event.subject);
      const [many] = await view.getMany<Doc>('docs', [event.subject, 'nobody']);
      const doc: Doc = {
        count: (before?.count ?? 0) + 1,
        seen: (await view.appliedVersion(event.subject)) ?? 0,
        totalBefore: await view.counter('events'),
        membersBefore: (await view.members('subjects')).length,
        manyAgrees: many?.count === before?.count,
      };
      const writes: ViewWrite[] = [
        { op: 'increment', counter: 'events', by: 1 },
        { op: 'put', collection: 'docs', id: event.subject, doc },
        { op: 'addToSet', set: 'subjects', member: event.subject },
      ];
      if (event.streamversion % 3 === 0) writes.push({ op: 'removeFromSet', set: 'subjects', member: event.subject });
      if (event.streamversion % 5 === 0) writes.push({ op: 'delete', collection: 'docs', id: event.subject });
      // `all` cannot merge pending documents: the rebuild applies its batch first.
      if (event.streamversion % 4 === 0) {
        this.listings++;
        writes.push({ op: 'increment', counter: 'listed', by: (await view.all<Doc>('docs')).length });
      }
      return writes;
    },
  };
}

async function readingSnapshot(view: ViewReader) {
  return {
    events: await view.counter('events'),
    listed: await view.counter('listed'),
    docs: await view.all<Doc>('docs'),
    subjects: await view.members('subjects'),
  };
}

describe('rebuildProjection', () => {
  let dir: string;
  let store: EventStore;
  let viewStore: ViewStore;
  const versions = new Map<string, number>();

  /** Appends the next event of `subject` to the log and returns its envelope. */
  async function append(context: string, subject: string, name = 'Touched'): Promise<Envelope> {
    const next = (versions.get(subject) ?? 0) + 1;
    versions.set(subject, next);
    const envelope = testEnvelope(context, name, subject, next);
    await store.append(`${context}-${subject}`, [envelope], next === 1 ? 'no_stream' : next - 1);
    return envelope;
  }

  /** What the live consumer does with an event it received from the bus. */
  async function applyLive(envelope: Envelope): Promise<void> {
    const version = (await viewStore.liveVersion(projection.name))!;
    const writes = await projection.project(envelope, viewStore.readerOf(projection.name, version));
    await viewStore.apply(projection.name, version, markOf(envelope), writes);
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
    store = createSqliteEventStore({ path: join(dir, 'events.db') });
    viewStore = createSqliteViewStore({ path: join(dir, 'views.db') });
    versions.clear();
  });
  afterEach(async () => {
    await viewStore.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds counters and documents equal to the live ones, only from the topics it consumes', async () => {
    await viewStore.ensureLive(projection.name, '1');
    const subjects = ['a', 'b', 'c'].map((s) => `${s}-${randomUUID()}`);
    for (let round = 0; round < 4; round++) {
      for (const subject of subjects.slice(0, Math.min(round + 1, 3))) await applyLive(await append('tasks', subject));
      await append('talent', `person-${round}`);
    }
    await applyLive(await append('tasks', subjects[0]!, 'Ignored'));
    const live = await snapshot(viewStore.reader(projection.name));
    expect(live.total).toBe(4 + 3 + 2);

    const registry = new Registry();
    const result = await rebuildProjection({ projection, store, viewStore, batchSize: 3, metrics: registry });

    expect(result.version).toBe('2');
    expect(result.events).toBe(10);
    expect(result.seconds).toBeGreaterThan(0);
    expect(await viewStore.liveVersion(projection.name)).toBe('2');
    expect(await snapshot(viewStore.reader(projection.name))).toEqual(live);
    expect(await snapshot(viewStore.readerOf(projection.name, '1'))).toEqual({ total: 0, perSubject: [], docs: [], marks: [], subjects: [] });
    const metrics = await registry.metrics();
    expect(metrics).toContain('backbone_projection_rebuild_progress_ratio{projection="events-per-subject"} 1');
    expect(metrics).toContain('backbone_projection_rebuild_events_total{projection="events-per-subject"} 10');
  });

  it('keeps the old version readable until the promote, and builds beside it', async () => {
    await viewStore.ensureLive(projection.name, '1');
    for (let i = 0; i < 6; i++) await applyLive(await append('tasks', `s${i % 2}`));
    const during: { liveVersion?: string; liveTotal: number; buildingTotal: number }[] = [];

    const result = await rebuildProjection({
      projection,
      store,
      viewStore,
      batchSize: 2,
      // Applied page by page, so the building version can be seen to grow.
      applyEvents: 2,
      async onProgress() {
        during.push({
          liveVersion: await viewStore.liveVersion(projection.name),
          liveTotal: await viewStore.reader(projection.name).counter('events'),
          buildingTotal: await viewStore.readerOf(projection.name, '2').counter('events'),
        });
        // The live consumer keeps going while the rebuild reads the log.
        if (during.length === 1) {
          await applyLive(await append('tasks', 's0'));
          await applyLive(await append('tasks', 'late'));
        }
      },
    });

    expect(during.slice(0, 2)).toEqual([
      { liveVersion: '1', liveTotal: 6, buildingTotal: 2 },
      { liveVersion: '1', liveTotal: 8, buildingTotal: 4 },
    ]);
    expect(result).toMatchObject({ version: '2', events: 8 });
    const rebuilt = await snapshot(viewStore.reader(projection.name));
    expect(rebuilt).toMatchObject({ total: 8, subjects: ['late', 's0', 's1'], marks: [1, 4, 3], perSubject: [1, 4, 3] });
  });

  it('catches up, under a hold, what was appended between its last read and the promote', async () => {
    await viewStore.ensureLive(projection.name, '1');
    for (let i = 0; i < 3; i++) await applyLive(await append('tasks', 'a'));
    let raced = false;
    const heldDuringCatchUp: boolean[] = [];
    // The event store, with one event appended (and applied live to version 1) right after the first pass ends.
    const racing: EventStore = {
      append: (stream, events, expected) => store.append(stream, events, expected),
      readStream: (stream, options) => store.readStream(stream, options),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
      async readAll(options) {
        const page = await store.readAll(options);
        if (raced) heldDuringCatchUp.push(await viewStore.isHeld(projection.name, '2'));
        if (page.length === 0 && !raced) {
          raced = true;
          await applyLive(await append('tasks', 'a'));
          await applyLive(await append('tasks', 'b'));
        }
        return page;
      },
    };

    const result = await rebuildProjection({ projection, store: racing, viewStore, batchSize: 10 });

    expect(result).toMatchObject({ version: '2', events: 5 });
    expect(heldDuringCatchUp.length).toBeGreaterThan(0);
    expect(heldDuringCatchUp.every(Boolean)).toBe(true);
    expect(await viewStore.isHeld(projection.name, '2')).toBe(false);
    expect(await snapshot(viewStore.reader(projection.name))).toMatchObject({ total: 5, marks: [4, 1], perSubject: [4, 1] });
  });

  it('starts from nothing in the target version, even when a failed rebuild left data there', async () => {
    await viewStore.ensureLive(projection.name, '1');
    await applyLive(await append('tasks', 'a'));
    await viewStore.apply(projection.name, '2', { subject: 'a', streamversion: 9 }, [{ op: 'increment', counter: 'events', by: 100 }]);

    const result = await rebuildProjection({ projection, store, viewStore, batchSize: 10 });

    expect(result.version).toBe('2');
    expect(await snapshot(viewStore.reader(projection.name))).toMatchObject({ total: 1, marks: [1] });
  });

  it.each([
    { store: 'writes each batch at once', delayMs: 0 },
    { store: 'writes each batch 30 ms after it is asked to (projecting goes on meanwhile)', delayMs: 30 },
  ])('batches the first pass, and builds what one-by-one applies build for a projection reading its own writes, into a store that $store', async ({ delayMs }) => {
    const readsItsWrites = readingProjection();
    await viewStore.ensureLive(readsItsWrites.name, '1');
    const subjects = ['a', 'b', 'c', 'd'].map((s) => `${s}-${randomUUID()}`);
    for (let i = 0; i < 90; i++) {
      const envelope = await append('tasks', subjects[(i * 7) % (i < 40 ? 2 : 4)]!);
      const version = (await viewStore.liveVersion(readsItsWrites.name))!;
      const writes = await readsItsWrites.project(envelope, viewStore.readerOf(readsItsWrites.name, version));
      await viewStore.apply(readsItsWrites.name, version, markOf(envelope), writes);
    }
    const oneByOne = await readingSnapshot(viewStore.reader(readsItsWrites.name));
    expect(oneByOne.events).toBe(90);
    const calls = { apply: 0, applyBatch: 0, applyNet: 0 };
    readsItsWrites.listings = 0;
    const counted: ViewStore = {
      ...viewStore,
      apply: (...args) => (calls.apply++, viewStore.apply(...args)),
      applyBatch: (...args) => (calls.applyBatch++, viewStore.applyBatch(...args)),
      async applyNet(...args) {
        calls.applyNet++;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return viewStore.applyNet(...args);
      },
    };

    const result = await rebuildProjection({ projection: readsItsWrites, store, viewStore: counted, batchSize: 25, applyEvents: 50 });

    expect(result).toMatchObject({ version: '2', events: 90 });
    // Pages of 25 applied two at a time (50, then the last 40), plus at most one before each `all` that met pending documents.
    expect(calls.apply).toBe(0);
    expect(calls.applyBatch).toBe(0);
    expect(calls.applyNet).toBeGreaterThanOrEqual(2);
    expect(calls.applyNet).toBeLessThanOrEqual(2 + readsItsWrites.listings);
    expect(await readingSnapshot(viewStore.reader(readsItsWrites.name))).toEqual(oneByOne);
    expect(await viewStore.reader(readsItsWrites.name).lastPosition()).toBe('90');
  });

  it('stops with a conflict, and promotes nothing, when someone else writes the version it builds', async () => {
    await viewStore.ensureLive(projection.name, '1');
    for (let i = 0; i < 30; i++) await applyLive(await append('tasks', i % 2 === 0 ? 'a' : 'b'));
    const intruding: ViewStore = {
      ...viewStore,
      // Another writer moves b's mark in version 2 just before the first batch is written.
      async applyNet(name, version, net) {
        const moved = (await viewStore.readerOf(name, version).appliedVersion('b')) ?? 0;
        await viewStore.apply(name, version, { subject: 'b', streamversion: moved + 1 }, [{ op: 'increment', counter: 'events', by: 1 }]);
        return viewStore.applyNet(name, version, net);
      },
    };

    await expect(rebuildProjection({ projection, store, viewStore: intruding, batchSize: 10, applyEvents: 10 })).rejects.toMatchObject({
      code: 'version_conflict',
      rule: 'rebuild-writes-its-version-alone',
    });
    expect(await viewStore.liveVersion(projection.name)).toBe('1');
    expect(await viewStore.readerOf(projection.name, '2').appliedVersion('a')).toBeUndefined();
  });

  it('refuses to rebuild into the live version', async () => {
    await viewStore.ensureLive(projection.name, '1');
    await expect(rebuildProjection({ projection, store, viewStore, batchSize: 10, newVersion: '1' })).rejects.toMatchObject({
      code: 'rule_violation',
    });
  });
});
