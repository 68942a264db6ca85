import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kafkaServer, redisServer } from '@backbone/testkit';
import { CloudEvent, Kafka as KafkaBinding } from 'cloudevents';
import type { KafkaMessage as CloudEventsKafkaMessage } from 'cloudevents';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startBackbone } from '../composition/startBackbone.ts';
import type { RunningBackbone } from '../composition/startBackbone.ts';
import { api } from '../testing/api.ts';
import type { CommandAnswer } from '../testing/api.ts';
import { eventually } from '../testing/eventually.ts';
import { serverNamespace } from '../testing/sharedServers.ts';
import type { ServerNamespace } from '../testing/sharedServers.ts';
import { tokenIssuer } from '../testing/tokens.ts';

const REFERENCE_CONFIG = fileURLToPath(new URL('../../../../config/reference.json', import.meta.url));
const kafka = await kafkaServer();
const redis = await redisServer();

// The consumer path below uses only kafkajs and the `cloudevents` SDK: what a department's
// own system (in any language, with its CloudEvents SDK) would do with our topics.
interface Read {
  readonly topic: string;
  readonly event: CloudEvent<unknown>;
}

async function readCloudEvents(brokers: readonly string[], groupId: string, topics: readonly string[], enough: (read: Read[]) => boolean): Promise<Read[]> {
  const client = new Kafka({ brokers: [...brokers], clientId: 'interop-reader', logLevel: logLevel.NOTHING });
  const consumer: Consumer = client.consumer({ groupId, maxWaitTimeInMs: 200 });
  const events: Read[] = [];
  const toEvent = (message: KafkaMessage): CloudEvent<unknown> => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
    const value = message.value?.toString() ?? '';
    const kafkaMessage: CloudEventsKafkaMessage<string> = { key: message.key?.toString() ?? '', value, body: value, headers };
    const event = KafkaBinding.toEvent(kafkaMessage);
    if (Array.isArray(event)) throw new Error('expected one event per Kafka message, got a batch');
    return event as CloudEvent<unknown>;
  };
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${events.length} CloudEvents, not enough`)), 60_000);
      void consumer.run({
        eachMessage: async ({ topic, message }) => {
          try {
            events.push({ topic, event: toEvent(message) });
          } catch (error) {
            clearTimeout(timer);
            reject(error);
            return;
          }
          if (enough(events)) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return events;
}

describe.skipIf(!kafka.available || !redis.available)('our Kafka topics, read with only kafkajs and the cloudevents SDK', () => {
  const brokers = kafka.endpoint?.brokers ?? [];
  let namespace: ServerNamespace;
  let dataDir: string;
  let backbone: RunningBackbone | undefined;

  beforeAll(async () => {
    namespace = serverNamespace({ brokers, redisUrl: redis.endpoint?.url ?? '' }, 'interop');
    dataDir = mkdtempSync(join(tmpdir(), 'interop-'));
    const config = loadConfig({ ...namespace.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', REFERENCE_CONFIG, PROCESS_NAME: 'interop' });
    backbone = await startBackbone(config, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await backbone?.stop();
    await namespace?.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('yields well-formed CloudEvents with the types the AsyncAPI document publishes, on the context topic and in the inbox', async () => {
    const token = tokenIssuer({ dataDir });
    const coordinating = api(backbone!.url, await token('social-work'));
    const lead = api(backbone!.url, await token('civil-affairs'));
    await eventually('readiness', () => coordinating.get('/readyz'), (r) => r.status === 200, { timeoutMs: 60_000 });

    const created = await coordinating.post<CommandAnswer>('/api/tasks', {
      title: 'Register delivery riders for the volunteer service',
      field: 'new-employment-groups',
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expect(created).toMatchObject({ status: 201 });
    const taskId = created.body.id;
    expect((await coordinating.post(`/api/tasks/${taskId}/assignments`, { lead: 'civil-affairs', supporting: ['science-technology'] })).status).toBe(200);
    expect((await lead.post(`/api/tasks/${taskId}/accept`, {})).status).toBe(200);
    expect((await lead.post(`/api/tasks/${taskId}/progress`, { percent: 25, note: 'first district done' })).status).toBe(200);

    const tasksTopic = `${namespace.name}.backbone.tasks.v1`;
    const inbox = `${namespace.name}.backbone.inbox.civil-affairs.v1`;
    const admin = new Kafka({ brokers: [...brokers], clientId: 'interop-admin', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await eventually('both topics', () => admin.listTopics(), (names) => names.includes(tasksTopic) && names.includes(inbox), { timeoutMs: 60_000 });
    await admin.disconnect();

    const ofTask = (read: Read[], topic: string) => read.filter((r) => r.topic === topic && r.event.subject === taskId).map((r) => r.event);
    const events = await readCloudEvents(brokers, `${namespace.name}.interop-reader`, [tasksTopic, inbox], (all) => ofTask(all, tasksTopic).length >= 4 && ofTask(all, inbox).length >= 3);

    const onTopic = ofTask(events, tasksTopic);
    expect(onTopic.map((e) => e.type)).toEqual([
      'gov.backbone.tasks.TaskCreated.v1',
      'gov.backbone.tasks.TaskAssigned.v1',
      'gov.backbone.tasks.TaskAccepted.v1',
      'gov.backbone.tasks.TaskProgressReported.v1',
    ]);
    for (const [index, event] of onTopic.entries()) {
      expect(event.validate()).toBe(true);
      expect(event).toMatchObject({ specversion: '1.0', source: '/backbone/tasks', subject: taskId, datacontenttype: 'application/json' });
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(event.time ?? ''))).toBe(false);
      expect(event.streamversion).toBe(String(index + 1));
      expect(typeof event.correlationid).toBe('string');
      expect(typeof event.data).toBe('object');
    }
    expect(onTopic[0]!.actor).toBe('social-work');
    expect(onTopic[3]).toMatchObject({ actor: 'civil-affairs', data: { department: 'civil-affairs', percent: 25, note: 'first district done' } });

    const inInbox = ofTask(events, inbox);
    expect(inInbox.map((e) => e.id)).toEqual(onTopic.slice(1).map((e) => e.id));

    const published = await api(backbone!.url).get<{ components: { messages: Record<string, { name: string }> } }>('/asyncapi.json');
    expect(published.status).toBe(200);
    const documented = new Set(Object.values(published.body.components.messages).map((m) => m.name));
    for (const event of onTopic) expect(documented.has(event.type)).toBe(true);
  }, 180_000);
});
