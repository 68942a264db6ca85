import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contextTopic } from '@backbone/contracts';
import type { Envelope } from '@backbone/contracts';
import { createSqliteEventStore } from '@backbone/eventsourcing';
import { kafkaServer } from '@backbone/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../bus/testing/eventually.ts';
import type { DeliveredRecord, RunningConsumer } from '../bus/bus.ts';
import { recordToEnvelope } from '../cloudEvents/kafkaBinding.ts';
import { createKafkaBus } from '../kafka/kafkaBus.ts';
import { createSqliteCheckpointStore } from './sqliteCheckpointStore.ts';
import { appendSampleEvents } from './testing/sampleEvents.ts';

const kafka = await kafkaServer();
// The child is node itself with tsx's loader (not the tsx launcher, which runs the script in a
// grandchild): a SIGKILL must reach the process doing the work.
const tsxLoader = createRequire(import.meta.url).resolve('tsx');
const fixture = fileURLToPath(new URL('./testing/relayProcess.ts', import.meta.url));

interface RelayRun {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line that starts with `marker`. */
  readonly line: (marker: string) => Promise<string>;
  readonly exited: Promise<number | null>;
}

function runRelayProcess(args: string[]): RelayRun {
  const child = spawn(process.execPath, ['--import', pathToFileURL(tsxLoader).href, fixture, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (marker: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = stdout.split('\n').find((l) => l.startsWith(marker));
        if (found) resolve(found);
      };
      listeners.push(check);
      check();
      void exited.then((code) => reject(new Error(`relay process exited (${code}) before "${marker}"\n${stdout}\n${stderr}`)));
    });
  return { child, line, exited };
}

describe.skipIf(!kafka.available)('relay crash between publish and checkpoint (real process, real Kafka)', () => {
  const brokers = kafka.endpoint?.brokers ?? [];
  const dir = mkdtempSync(join(tmpdir(), 'relay-crash-'));
  const prefix = `relay-crash-${randomUUID()}`;
  const topics = ['tasks', 'resources', 'talent'].map((context) => `${prefix}.${contextTopic(context)}`);
  const readerGroup = `relay-crash-reader-${randomUUID()}`;
  const cleanups: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    const admin = new Kafka({ brokers, clientId: 'relay-crash-cleanup', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    const owned = [...topics, `${readerGroup}.dlq`].filter((topic) => existing.has(topic));
    if (owned.length > 0) await admin.deleteTopics({ topics: owned });
    await admin.deleteGroups([readerGroup]).catch(() => undefined);
    await admin.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('republishes after a SIGKILL; deduplicating by (subject, streamversion) yields exactly the stored events in stream order', async () => {
    const storePath = join(dir, 'events.sqlite');
    const checkpointPath = join(dir, 'checkpoints.sqlite');
    const store = createSqliteEventStore({ path: storePath });
    const stored = await appendSampleEvents(store, 300, 12);
    await store.close();
    const args = ['--store', storePath, '--checkpoints', checkpointPath, '--brokers', brokers.join(','), '--name', 'crash-relay'];
    const common = [...args, '--topic-prefix', prefix, '--batch-size', '100'];

    const doomed = runRelayProcess([...common, '--hang-on-first-save']);
    cleanups.push(async () => void doomed.child.kill('SIGKILL'));
    await doomed.line('CHECKPOINT_SAVE_REACHED');
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const checkpoints = createSqliteCheckpointStore({ path: checkpointPath });
    expect(await checkpoints.load('crash-relay')).toBeUndefined();
    await checkpoints.close();

    const restarted = runRelayProcess(common);
    cleanups.push(async () => void restarted.child.kill('SIGKILL'));
    expect(await restarted.line('RELAY_CAUGHT_UP')).toBe('RELAY_CAUGHT_UP 300');
    expect(await restarted.exited).toBe(0);

    const bus = createKafkaBus({ brokers, clientId: 'relay-crash-reader' });
    cleanups.push(() => bus.close());
    const received: DeliveredRecord[] = [];
    const consumer: RunningConsumer = await bus.subscribe({
      group: readerGroup,
      topics,
      handle: async (record) => void received.push(record),
    });
    cleanups.push(() => consumer.stop());
    await eventually('the first batch twice and the rest once (400 records)', () => received.length >= 400, 45_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const allIds = [...stored.values()].flat().map((e) => e.id);
    const receivedIds = received.map((r) => r.headers.ce_id);
    expect(new Set(receivedIds)).toEqual(new Set(allIds));
    expect(received.length).toBe(400);
    expect(receivedIds.length - new Set(receivedIds).size).toBe(100);

    // A consumer that deduplicates by (ce_subject, ce_streamversion) ends with the stored set, in stream order.
    const seen = new Set<string>();
    const deduplicated = new Map<string, Envelope[]>();
    for (const record of received) {
      const identity = `${record.headers.ce_subject}#${record.headers.ce_streamversion}`;
      if (seen.has(identity)) continue;
      seen.add(identity);
      const envelope = recordToEnvelope(record);
      deduplicated.set(envelope.subject, [...(deduplicated.get(envelope.subject) ?? []), envelope]);
    }
    expect(deduplicated).toEqual(stored);
  });
});
