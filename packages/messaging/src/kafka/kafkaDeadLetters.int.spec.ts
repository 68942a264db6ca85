import { kafkaServer } from '@backbone/testkit';
import { describe } from 'vitest';
import { describeDeadLetterToolContract } from '../deadLetters/deadLetterTool.contract.ts';
import { createKafkaBus } from './kafkaBus.ts';
import { createKafkaDeadLetterTool } from './kafkaDeadLetters.ts';
import { deleteKafkaTopicsAndGroups } from './kafkaTestCleanup.ts';

const kafka = await kafkaServer();

describe.skipIf(!kafka.available)('Kafka dead letters', () => {
  const brokers = kafka.endpoint?.brokers ?? [];
  describeDeadLetterToolContract('kafka', {
    createBus: () => createKafkaBus({ brokers, clientId: 'dlq-contract' }),
    createTool: () => createKafkaDeadLetterTool({ brokers, clientId: 'dlq-contract-tool' }),
    cleanup: (names) => deleteKafkaTopicsAndGroups(brokers, names),
  });
});
