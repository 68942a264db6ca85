// Kafka least privilege against the real secured broker (scripts/kafka-secure.sh): SCRAM
// principals, the standard authorizer, deny by default, the grants of infra/kafka-acl/acls.json.
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { secureKafkaPrerequisites, startSecureKafka } from './testing/secureKafka.ts';
import type { SecureKafka } from './testing/secureKafka.ts';

const prerequisites = await secureKafkaPrerequisites();

const inbox = (department: string): string => `backbone.inbox.${department}.v1`;
const DEPARTMENT = 'civil-affairs';
/** The Kafka error code of a kafkajs failure, looking through the errors that wrap it. */
function kafkaErrorType(error: unknown): string | undefined {
  let current = error;
  while (typeof current === 'object' && current !== null) {
    const { type, cause } = current as { type?: unknown; cause?: unknown };
    if (typeof type === 'string') return type;
    current = cause;
  }
  return undefined;
}

const OTHER_DEPARTMENT = 'science-technology';

describe.skipIf(!prerequisites.available)('Kafka ACLs on the secured broker', () => {
  let broker: SecureKafka;
  const producers: Producer[] = [];
  const consumers: Consumer[] = [];
  const groups: string[] = [];

  beforeAll(async () => {
    broker = await startSecureKafka();
  }, 90_000);

  afterEach(async () => {
    await Promise.allSettled([...producers.splice(0), ...consumers.splice(0)].map((client) => client.disconnect()));
    if (groups.length > 0) {
      const admin = broker.clientAs('admin').admin();
      await admin.connect();
      await admin.deleteGroups(groups.splice(0)).catch(() => undefined);
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await broker?.stop();
  }, 45_000);

  async function producerOf(kafka: Kafka): Promise<Producer> {
    const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
    producers.push(producer);
    await producer.connect();
    return producer;
  }

  /** `patient`: retries transient errors (a fresh broker creates its offsets topic on the first group). */
  async function consumerOf(kafka: Kafka, groupId: string, patient = false): Promise<Consumer> {
    const retry = patient ? { retries: 10, initialRetryTime: 200, maxRetryTime: 2000 } : { retries: 0 };
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200, retry });
    consumers.push(consumer);
    groups.push(groupId);
    await consumer.connect();
    return consumer;
  }

  /** Resolves with the first error the consumer crashes with once running. */
  function crashOf(consumer: Consumer): Promise<unknown> {
    return new Promise((resolve) => consumer.on(consumer.events.CRASH, (event) => resolve(event.payload.error)));
  }

  const send = (producer: Producer, topic: string, key: string) =>
    producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ probe: key }) }] });

  it('lets a department read its own inbox (written by the inbox router) with its own consumer group', async () => {
    const key = randomUUID();
    await send(await producerOf(broker.clientAs('svc.inbox-router')), inbox(DEPARTMENT), key);

    const consumer = await consumerOf(broker.clientAs(`dept.${DEPARTMENT}`), `adapter.${DEPARTMENT}.${randomUUID()}`, true);
    await consumer.subscribe({ topics: [inbox(DEPARTMENT)], fromBeginning: true });
    const received = new Promise<string>((resolve, reject) => {
      // kafkajs restarts after a retriable crash (e.g. the coordinator still loading); only a final one fails.
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) reject(event.payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            if (message.key?.toString() === key) resolve(message.value?.toString() ?? '');
          },
        })
        .catch(reject);
    });
    await expect(received).resolves.toBe(JSON.stringify({ probe: key }));
  });

  it("refuses a department another department's inbox", async () => {
    const consumer = await consumerOf(broker.clientAs(`dept.${DEPARTMENT}`), `adapter.${DEPARTMENT}.${randomUUID()}`);
    await expect(consumer.subscribe({ topics: [inbox(OTHER_DEPARTMENT)], fromBeginning: true })).rejects.toMatchObject({
      type: 'TOPIC_AUTHORIZATION_FAILED',
    });
  });

  it('refuses a department a consumer group outside its own adapter prefix', async () => {
    const consumer = await consumerOf(broker.clientAs(`dept.${DEPARTMENT}`), `adapter.${OTHER_DEPARTMENT}.${randomUUID()}`);
    await consumer.subscribe({ topics: [inbox(DEPARTMENT)], fromBeginning: true });
    const crashed = crashOf(consumer);
    await consumer.run({ eachMessage: async () => undefined }).catch(() => undefined);
    // kafkajs reports FindCoordinator's GROUP_AUTHORIZATION_FAILED as "coordinator not found".
    await expect(crashed).resolves.toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
  });

  it('lets a department read a context topic it is granted, and no other', async () => {
    const kafka = broker.clientAs(`dept.${DEPARTMENT}`);
    const admin = kafka.admin();
    await admin.connect();
    try {
      // A principal sees only the topics it may describe.
      expect((await admin.listTopics()).sort()).toEqual(['backbone.inbox.civil-affairs.v1', 'backbone.platforms.v1']);
    } finally {
      await admin.disconnect();
    }
    const consumer = await consumerOf(kafka, `adapter.${DEPARTMENT}.${randomUUID()}`);
    await expect(consumer.subscribe({ topics: ['backbone.tasks.v1'] })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('refuses a department any write: to a context topic and to its own inbox', async () => {
    const producer = await producerOf(broker.clientAs(`dept.${DEPARTMENT}`));
    for (const topic of ['backbone.tasks.v1', inbox(DEPARTMENT)]) {
      await expect(send(producer, topic, randomUUID()).catch(kafkaErrorType), topic).resolves.toBe('TOPIC_AUTHORIZATION_FAILED');
    }
  });

  it("lets a service write its own context topic and not another's", async () => {
    const producer = await producerOf(broker.clientAs('svc.tasks'));
    const [ack] = await send(producer, 'backbone.tasks.v1', randomUUID());
    expect(ack).toMatchObject({ topicName: 'backbone.tasks.v1', errorCode: 0 });
    await expect(send(producer, 'backbone.resources.v1', randomUUID()).catch(kafkaErrorType)).resolves.toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('refuses a principal with a wrong password', async () => {
    const admin = broker.clientAs(`dept.${DEPARTMENT}`, { password: 'not-the-password' }).admin();
    await expect(admin.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });
});
