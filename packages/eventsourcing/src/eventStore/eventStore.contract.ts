import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '@backbone/contracts';
import { hashEnvelope } from '../audit/hashChain.ts';
import { VersionConflictError, type EventStore, type StoredEvent } from './eventStore.ts';

/**
 * The behaviour every `EventStore` adapter must show. `createStore` opens a new store on
 * the same underlying log each time it is called (two calls = two writers on one log).
 * Streams are unique per test, so the suite also runs against a log other tests share.
 */
export function describeEventStoreContract(name: string, createStore: () => Promise<EventStore>): void {
  describe(`${name} — EventStore contract`, () => {
    const opened: EventStore[] = [];
    const open = async () => {
      const store = await createStore();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    it('appends to a new stream with no_stream and reads it back in order', async () => {
      const store = await open();
      const stream = newStream();
      const events = envelopes(stream, 1, 3);
      const result = await store.append(stream, events, 'no_stream');
      expect(result.nextVersion).toBe(3);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.envelope)).toEqual(events);
      expect(read.every((e) => e.stream === stream)).toBe(true);
      expect(result.lastPosition).toBe(read[2]!.position);
    });

    it('treats expected version 0 as no_stream', async () => {
      const store = await open();
      const stream = newStream();
      await expect(store.append(stream, envelopes(stream, 1, 1), 0)).resolves.toMatchObject({ nextVersion: 1 });
      await expect(store.append(stream, envelopes(stream, 1, 1), 0)).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('appends with the exact expected version', async () => {
      const store = await open();
      const stream = newStream();
      await store.append(stream, envelopes(stream, 1, 2), 'no_stream');
      const result = await store.append(stream, envelopes(stream, 3, 2), 2);
      expect(result.nextVersion).toBe(4);
      expect((await store.readStream(stream)).map((e) => e.envelope.streamversion)).toEqual([1, 2, 3, 4]);
    });

    it('appends with any, to a new and to an existing stream', async () => {
      const store = await open();
      const stream = newStream();
      await expect(store.append(stream, envelopes(stream, 1, 1), 'any')).resolves.toMatchObject({ nextVersion: 1 });
      await expect(store.append(stream, envelopes(stream, 2, 2), 'any')).resolves.toMatchObject({ nextVersion: 3 });
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it('refuses a wrong expected version with the actual version and writes nothing', async () => {
      const store = await open();
      const stream = newStream();
      await store.append(stream, envelopes(stream, 1, 2), 'no_stream');
      for (const expected of ['no_stream', 1, 3] as const) {
        const error = await store.append(stream, envelopes(stream, 3, 1), expected).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(VersionConflictError);
        expect(error).toMatchObject({ stream, expected, actual: 2 });
      }
      const missing = newStream();
      const error = await store.append(missing, envelopes(missing, 2, 1), 1).catch((e: unknown) => e);
      expect(error).toMatchObject({ stream: missing, expected: 1, actual: 0 });
      expect(await store.readStream(stream)).toHaveLength(2);
      expect(await store.readStream(missing)).toEqual([]);
    });

    it('reads a stream from a version, and a missing stream as empty', async () => {
      const store = await open();
      const stream = newStream();
      await store.append(stream, envelopes(stream, 1, 5), 'no_stream');
      const tail = await store.readStream(stream, { fromVersion: 3 });
      expect(tail.map((e) => e.envelope.streamversion)).toEqual([3, 4, 5]);
      expect(await store.readStream(stream, { fromVersion: 6 })).toEqual([]);
      expect(await store.readStream(newStream())).toEqual([]);
    });

    it('reads the global log after a position, in append order, exclusive', async () => {
      const store = await open();
      const head = await store.headPosition();
      const [a, b] = [newStream(), newStream()];
      await store.append(a, envelopes(a, 1, 2), 'no_stream');
      await store.append(b, envelopes(b, 1, 1), 'no_stream');
      const last = await store.append(a, envelopes(a, 3, 1), 2);
      const ours = (events: StoredEvent[]) => events.filter((e) => e.stream === a || e.stream === b);

      const all = ours(await readAllAfter(store, head, [a, b], 4));
      expect(all.map((e) => [e.stream, e.envelope.streamversion])).toEqual([[a, 1], [a, 2], [b, 1], [a, 3]]);
      expectIncreasing(all.map((e) => e.position));
      expect(all[3]!.position).toBe(last.lastPosition);
      expect(await store.headPosition()).toBeGreaterThanOrEqual(last.lastPosition);

      const afterSecond = ours(await readAllAfter(store, all[1]!.position, [a, b], 2));
      expect(afterSecond.map((e) => e.envelope.id)).toEqual([all[2]!.envelope.id, all[3]!.envelope.id]);
    });

    it('pages through the global log with limit', async () => {
      const store = await open();
      const head = await store.headPosition();
      const stream = newStream();
      const events = envelopes(stream, 1, 7);
      await store.append(stream, events, 'no_stream');
      const seen: StoredEvent[] = [];
      let after = head;
      for (let pages = 0; seen.length < 7 && pages < 100; pages += 1) {
        const page = await store.readAll({ after, limit: 3 });
        expect(page.length).toBeLessThanOrEqual(3);
        if (page.length === 0) break;
        seen.push(...page.filter((e) => e.stream === stream));
        after = page[page.length - 1]!.position;
      }
      expect(seen.map((e) => e.envelope)).toEqual(events);
    });

    it('lets exactly one of several concurrent appends with the same expectation win', async () => {
      const [first, second] = [await open(), await open()];
      const stream = newStream();
      await first.append(stream, envelopes(stream, 1, 1), 'no_stream');
      const attempts = [first, second, first, second].map((store) => store.append(stream, envelopes(stream, 2, 2), 1));
      const outcomes = await Promise.allSettled(attempts);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(3);
      for (const reason of lost) expect(reason).toBeInstanceOf(VersionConflictError);
      expect((await second.readStream(stream)).map((e) => e.envelope.streamversion)).toEqual([1, 2, 3]);
    });

    it('appends 5,000 events in one batch and keeps the log ordered', async () => {
      const store = await open();
      const head = await store.headPosition();
      const stream = newStream();
      const events = envelopes(stream, 1, 5000);
      const result = await store.append(stream, events, 'no_stream');
      expect(result.nextVersion).toBe(5000);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.envelope.streamversion)).toEqual(events.map((e) => e.streamversion));
      const logged = (await readAllAfter(store, head, [stream], 5000)).filter((e) => e.stream === stream);
      expect(logged.map((e) => e.envelope.id)).toEqual(events.map((e) => e.id));
      expectIncreasing(logged.map((e) => e.position));
    });

    it('round-trips envelopes exactly', async () => {
      const store = await open();
      const head = await store.headPosition();
      const stream = newStream();
      const [plain] = envelopes(stream, 1, 1);
      const rich: Envelope = {
        ...envelopes(stream, 2, 1)[0]!,
        data: { text: '社工+志愿服务 — "quoted" \\ \u00e9', nested: { list: [1, 2.5, null, true, { deep: [] }], empty: {} } },
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        prevhash: hashEnvelope(plain!),
      };
      await store.append(stream, [plain!, rich], 'no_stream');
      const fromStream = (await store.readStream(stream)).map((e) => e.envelope);
      expect(fromStream).toStrictEqual([plain, rich]);
      expect(fromStream.map(hashEnvelope)).toEqual([plain!, rich].map(hashEnvelope));
      const fromLog = (await readAllAfter(store, head, [stream], 2)).map((e) => e.envelope);
      expect(fromLog).toStrictEqual([plain, rich]);
    });
  });
}

/** Reads the log after `after` until `count` events of `streams` were seen (or the log ends). */
async function readAllAfter(
  store: EventStore,
  after: number | undefined,
  streams: string[],
  count: number,
): Promise<StoredEvent[]> {
  const found: StoredEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, limit: 1000 });
    found.push(...page.filter((e) => streams.includes(e.stream)));
    if (page.length === 0 || found.length >= count) return found;
    cursor = page[page.length - 1]!.position;
  }
}

function expectIncreasing(positions: number[]): void {
  positions.slice(1).forEach((position, index) => expect(position).toBeGreaterThan(positions[index]!));
}

function newStream(): string {
  return `contract-${randomUUID()}`;
}

function envelopes(stream: string, fromVersion: number, count: number): Envelope[] {
  const correlationid = randomUUID();
  return Array.from({ length: count }, (_, index) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: '/backbone/tasks',
    type: 'gov.backbone.tasks.ContractProbed.v1',
    time: new Date(Date.UTC(2025, 2, 1, 8, 0, index % 60)).toISOString(),
    subject: stream,
    datacontenttype: 'application/json',
    data: { index: fromVersion + index },
    correlationid,
    causationid: correlationid,
    actor: 'civil-affairs',
    streamversion: fromVersion + index,
  }));
}
