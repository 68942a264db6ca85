import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterTopic, type Envelope } from '@backbone/contracts';
import { createEmbeddedBus, createKafkaBus, envelopeToRecord, recordToEnvelope, type Bus } from '@backbone/messaging';
import { kafkaServer, redisServer } from '@backbone/testkit';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForVersion } from '../readYourWrites/waitForVersion.ts';
import { eventsPerSubjectProjection, testEnvelope, type SubjectSummary } from '../testing/eventsPerSubjectProjection.ts';
import { createRedisViewStore } from '../viewStore/redis/redisViewStore.ts';
import { createSqliteViewStore } from '../viewStore/sqlite/sqliteViewStore.ts';
import type { ViewStore } from '../viewStore/viewStore.ts';
import { markOf, projectionGroup, startProjection, type RunningProjection } from './startProjection.ts';

const kafka = await kafkaServer();
const redis = await redisServer();

/** A bus and a view store for one test, and how to remove every trace of them. */
interface RuntimeFixture {
  readonly bus: Bus;
  readonly viewStore: ViewStore;
  cleanup(topic: string, group: string): Promise<void>;
}

function embeddedWithSqlite(): RuntimeFixture {
  const dir = mkdtempSync(join(tmpdir(), 'views-runtime-'));
  const bus = createEmbeddedBus({ path: join(dir, 'bus.sqlite'), retryBackoff: { initialMs: 10, maxMs: 20 }, pollIntervalMs: 10 });
  const database = new Database(join(dir, 'views.sqlite'));
  const viewStore = createSqliteViewStore({ database });
  return {
    bus,
    viewStore,
    async cleanup() {
      await bus.close();
      await viewStore.close();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function kafkaWithRedis(brokers: string[], url: string): RuntimeFixture {
  const bus = createKafkaBus({ brokers, clientId: 'views-runtime-test', retryBackoff: { initialMs: 10, maxMs: 20 } });
  const client = new Redis(url);
  const prefix = `test-views-${randomUUID()}`;
  const viewStore = createRedisViewStore({ redis: client, prefix });
  return {
    bus,
    viewStore,
    async cleanup(topic, group) {
      await bus.close();
      await viewStore.close();
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length > 0) await client.unlink(...keys);
      await client.quit();
      const admin = new Kafka({ brokers, clientId: 'views-runtime-cleanup', logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const existing = new Set(await admin.listTopics());
        const owned = [topic, deadLetterTopic(group)].filter((t) => existing.has(t));
        if (owned.length > 0) await admin.deleteTopics({ topics: owned });
        await admin.deleteGroups([group]).catch(() => undefined);
      } finally {
        await admin.disconnect();
      }
    },
  };
}

describeRuntime('embedded bus, SQLite view store', true, embeddedWithSqlite);
describeRuntime('Kafka bus, Redis view store', kafka.available && redis.available, () =>
  kafkaWithRedis(kafka.endpoint?.brokers ?? [], redis.endpoint?.url ?? ''),
);

function describeRuntime(name: string, available: boolean, open: () => RuntimeFixture): void {
  describe.skipIf(!available)(`startProjection over a real bus: ${name}`, () => {
    let topic: string;
    let bus: Bus;
    let viewStore: ViewStore;
    let fixture: RuntimeFixture;
    let running: RunningProjection | undefined;
    let projection: ReturnType<typeof eventsPerSubjectProjection>;

    beforeEach(async () => {
      topic = `test.views.${randomUUID()}`;
      projection = eventsPerSubjectProjection(`eps-${randomUUID()}`, [topic]);
      fixture = open();
      ({ bus, viewStore } = fixture);
      await bus.ensureTopics([topic]);
    });

    afterEach(async () => {
      await running?.stop();
      running = undefined;
      await fixture.cleanup(topic, projectionGroup(projection));
    });

    const publish = (...envelopes: Envelope[]) => bus.publish(topic, envelopes.map(envelopeToRecord));
    const appliedVersion = (subject: string) => () => viewStore.reader(projection.name).appliedVersion(subject);
    /** Read-your-writes, retried past its 2 s cap while the consumer joins its group. */
    async function caughtUp(subject: string, atLeast: number, withinMs = 30_000): Promise<boolean> {
      const deadline = Date.now() + withinMs;
      while (Date.now() < deadline) {
        if ((await waitForVersion({ read: appliedVersion(subject), atLeast, timeoutMs: 2000, pollMs: 20 })).caughtUp) return true;
      }
      return false;
    }

    it('applies each event once, a redelivered one changing nothing, and reports metrics', async () => {
      const registry = new Registry();
      const now = new Date('2030-01-01T00:00:10Z');
      running = await startProjection({ projection, bus, viewStore, decode: recordToEnvelope, metrics: registry, now: () => now });
      const a = [1, 2, 3].map((v) => testEnvelope('tasks', 'Touched', 'a', v, new Date('2030-01-01T00:00:00Z')));
      const b = [1, 2].map((v) => testEnvelope('tasks', 'Touched', 'b', v, new Date('2030-01-01T00:00:00Z')));
      await publish(a[0]!, a[1]!, a[1]!, b[0]!, a[2]!, a[0]!, b[1]!);

      expect(await caughtUp('a', 3)).toBe(true);
      expect(await caughtUp('b', 2)).toBe(true);
      // The lag is measured from the event applied last.
      await publish(testEnvelope('tasks', 'Touched', 'b', 3, new Date('2030-01-01T00:00:07Z')));
      expect(await caughtUp('b', 3)).toBe(true);
      const view = viewStore.reader(projection.name);
      expect(await view.counter('events')).toBe(6);
      expect(await view.counter('events:a')).toBe(3);
      expect(await view.get<SubjectSummary>('subjects', 'a')).toMatchObject({ count: 3 });
      expect(await view.members('subjects')).toEqual(['a', 'b']);
      const metrics = await registry.metrics();
      expect(metrics).toMatch(new RegExp(`backbone_projection_events_total\\{projection="${projection.name}",outcome="applied"\\} 6`));
      expect(metrics).toMatch(new RegExp(`backbone_projection_events_total\\{projection="${projection.name}",outcome="duplicate"\\} 2`));
      expect(metrics).toContain(`backbone_projection_lag_seconds{projection="${projection.name}"} 3`);
    });

    it('lets a record it cannot decode or project be retried and dead-lettered, then moves on', async () => {
      running = await startProjection({ projection, bus, viewStore, decode: recordToEnvelope, maxAttempts: 2 });
      const poison = testEnvelope('tasks', 'Exploded', 'p', 1);
      await bus.publish(topic, [{ key: 'x', headers: { ce_type: 'not-an-event' }, value: '{' }]);
      await publish(poison, testEnvelope('tasks', 'Touched', 'p', 2), testEnvelope('tasks', 'Touched', 'q', 1));

      expect(await caughtUp('q', 1)).toBe(true);
      const view = viewStore.reader(projection.name);
      expect(await view.counter('events')).toBe(1);
      expect(await view.get<SubjectSummary>('subjects', 'q')).toMatchObject({ count: 1 });
      // The dead-lettered first event of `p` leaves `p` behind: its second event is not folded
      // onto a missing history (a DLQ replay, then a rebuild, brings it back).
      expect(await view.appliedVersion('p')).toBeUndefined();
    });

    it('waits while a rebuild holds the live version, then applies to it', async () => {
      running = await startProjection({ projection, bus, viewStore, decode: recordToEnvelope });
      await publish(testEnvelope('tasks', 'Touched', 'c', 1));
      expect(await caughtUp('c', 1)).toBe(true);

      // A rebuild fills version 2 with the history so far, then promotes it under a hold.
      await viewStore.apply(projection.name, '2', markOf(testEnvelope('tasks', 'Touched', 'c', 1)), []);
      await viewStore.promote(projection.name, '2', { holdMs: 20_000 });
      await publish(testEnvelope('tasks', 'Touched', 'c', 2));
      const whileHeld = await waitForVersion({ read: appliedVersion('c'), atLeast: 2, timeoutMs: 700, pollMs: 20 });
      expect(whileHeld.caughtUp).toBe(false);

      await viewStore.release(projection.name, '2');
      expect(await caughtUp('c', 2)).toBe(true);
      expect(await viewStore.reader(projection.name).counter('events')).toBe(1);
    });
  });
}
