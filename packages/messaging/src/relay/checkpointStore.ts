/**
 * Where a relay keeps the global log position up to which every event was published.
 * Adapters: SQLite (`createSqliteCheckpointStore`) and Redis (`createRedisCheckpointStore`).
 */
export interface CheckpointStore {
  /** The saved position, or undefined when the relay never saved one. */
  load(name: string): Promise<number | undefined>;
  save(name: string, position: number): Promise<void>;
}
