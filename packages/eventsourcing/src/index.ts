export type { Decider } from './decider/decider.ts';

export { VersionConflictError } from './eventStore/eventStore.ts';
export type { AppendResult, EventStore, ExpectedVersion, ReadAllOptions, StoredEvent } from './eventStore/eventStore.ts';
export { createSqliteEventStore, SQLITE_READ_ALL_MAX_PAGE } from './eventStore/sqliteEventStore.ts';
export type { SqliteEventStoreOptions } from './eventStore/sqliteEventStore.ts';
export { createEventStoreDbStore, EVENTSTOREDB_READ_ALL_MAX_PAGE } from './eventStore/eventStoreDb.ts';
export type { EventStoreDbStoreOptions } from './eventStore/eventStoreDb.ts';
export { openSqliteDatabase } from './sqlite/sqliteDatabase.ts';
export { groupCommit } from './sqlite/groupCommit.ts';
export type { GroupCommit, GroupCommitOptions } from './sqlite/groupCommit.ts';
export type { OpenSqliteDatabaseOptions, SqliteDatabase } from './sqlite/sqliteDatabase.ts';

export { createCommandHandler } from './commandHandling/commandHandler.ts';
export type {
  CommandHandler,
  CommandHandlerOptions,
  CommandResult,
  HandleRequest,
  IdempotencyRequest,
} from './commandHandling/commandHandler.ts';
export type { LoadedAggregate } from './commandHandling/aggregateStream.ts';
export { commandMetrics } from './commandHandling/commandMetrics.ts';
export type { CommandMetrics } from './commandHandling/commandMetrics.ts';

export { canonicalJson } from './audit/canonicalJson.ts';
export { chainVerifier, hashEnvelope, verifyChain } from './audit/hashChain.ts';
export type { ChainVerification, ChainVerifier } from './audit/hashChain.ts';

export { DEFAULT_IN_FLIGHT_TTL_MS, DEFAULT_RESULT_TTL_MS } from './idempotency/idempotencyStore.ts';
export type { IdempotencyStore, IdempotencyTtlOptions, Reservation } from './idempotency/idempotencyStore.ts';
export { createSqliteIdempotencyStore } from './idempotency/sqliteIdempotencyStore.ts';
export type { SqliteIdempotencyStoreOptions } from './idempotency/sqliteIdempotencyStore.ts';
export { createRedisIdempotencyStore } from './idempotency/redisIdempotencyStore.ts';
export type { RedisIdempotencyStoreOptions } from './idempotency/redisIdempotencyStore.ts';

