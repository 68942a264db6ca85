export { MAX_BATCH_RECORDS } from './bus/bus.ts';
export type { Bus, BusRecord, DeliveredRecord, RunningConsumer, Subscription } from './bus/bus.ts';
export { envelopeToRecord, recordToEnvelope } from './cloudEvents/kafkaBinding.ts';

export { createKafkaBus } from './kafka/kafkaBus.ts';
export type { KafkaBusOptions } from './kafka/kafkaBus.ts';
export { createKafkaDeadLetterTool } from './kafka/kafkaDeadLetters.ts';
export type { KafkaDeadLetterToolOptions } from './kafka/kafkaDeadLetters.ts';

export { createEmbeddedBus } from './embedded/embeddedBus.ts';
export type { EmbeddedBusOptions } from './embedded/embeddedBus.ts';
export { createEmbeddedDeadLetterTool } from './embedded/embeddedDeadLetters.ts';
export type { RecordLogLocation } from './embedded/recordLog.ts';

export { backoffDelay, DEFAULT_MAX_ATTEMPTS } from './consumers/deliverWithRetries.ts';
export type { RetryBackoff } from './consumers/deliverWithRetries.ts';
export { DLQ_HEADERS, replayerGroup } from './deadLetters/deadLetterRecord.ts';
export type { DeadLetter, DeadLetterTool } from './deadLetters/deadLetterRecord.ts';

export { contextTopicOf, createRelay } from './relay/relay.ts';
export type { Relay, RelayOptions } from './relay/relay.ts';
export type { CheckpointStore } from './relay/checkpointStore.ts';
export { createSqliteCheckpointStore } from './relay/sqliteCheckpointStore.ts';
export type { SqliteCheckpointStoreOptions } from './relay/sqliteCheckpointStore.ts';
export { createRedisCheckpointStore } from './relay/redisCheckpointStore.ts';
export type { RedisCheckpointStoreOptions } from './relay/redisCheckpointStore.ts';
