import { kafkaServer } from '@backbone/testkit';
import { describe } from 'vitest';
import { describeBusContract } from '../bus/bus.contract.ts';
import { createKafkaBus } from './kafkaBus.ts';
import { deleteKafkaTopicsAndGroups } from './kafkaTestCleanup.ts';

const kafka = await kafkaServer();

describe.skipIf(!kafka.available)('Kafka bus', () => {
  const brokers = kafka.endpoint?.brokers ?? [];
  describeBusContract('kafka', ({ metrics }) => createKafkaBus({ brokers, clientId: 'bus-contract', metrics, lagRefreshMs: 200 }), {
    cleanup: (names) => deleteKafkaTopicsAndGroups(brokers, names),
  });
});
