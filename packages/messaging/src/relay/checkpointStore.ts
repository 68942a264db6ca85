/**
 * Where a relay keeps the global log position up to which every event was published.
 * Adapters: SQLite (`createSqliteCheckpointStore`) and Redis (`createRedisCheckpointStore`).
 */
export interface CheckpointStore {
  /** The saved position, or undefined when the relay never saved one. */
  load(name: string): Promise<number | undefined>;
  /**
   * Moves the checkpoint from `expected` (what the caller loaded; undefined when there was none)
   * to `position`. Resolves false, changing nothing, when the stored checkpoint is no longer
   * `expected`: it was lost (Redis flushed) or another relay moved it meanwhile. The relay then
   * loads it again, instead of saving a position past events it never published again.
   */
  save(name: string, position: number, expected: number | undefined): Promise<boolean>;
}
