export type { Projection } from './projections/projection.ts';
export { markOf, projectionGroup, startProjection } from './projections/startProjection.ts';
export type { RunningProjection, StartProjectionOptions } from './projections/startProjection.ts';
export { pendingBatch } from './projections/pendingBatch.ts';
export type { PendingBatch } from './projections/pendingBatch.ts';
export { projectionMetrics } from './projections/projectionMetrics.ts';
export type { ProjectionMetrics } from './projections/projectionMetrics.ts';

export { rebuildProjection } from './rebuild/rebuildProjection.ts';
export type { RebuildProjectionOptions, RebuildResult } from './rebuild/rebuildProjection.ts';

export { MAX_WAIT_MS, waitForVersion } from './readYourWrites/waitForVersion.ts';
export type { WaitForVersionOptions, WaitForVersionResult } from './readYourWrites/waitForVersion.ts';

export { assertViewName, isRetiredVersion } from './viewStore/viewStore.ts';
export type { ApplyItem, ApplyMark, PromoteOptions, ViewReader, ViewStore, ViewWrite } from './viewStore/viewStore.ts';
export { createRedisViewStore } from './viewStore/redis/redisViewStore.ts';
export type { RedisViewStoreOptions } from './viewStore/redis/redisViewStore.ts';
export { createSqliteViewStore } from './viewStore/sqlite/sqliteViewStore.ts';
export type { SqliteViewStoreOptions } from './viewStore/sqlite/sqliteViewStore.ts';
