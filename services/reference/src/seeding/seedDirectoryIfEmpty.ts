import { BackboneError } from '@backbone/contracts';
import type { DirectoryCommandHandler } from '../api/referenceApi.ts';
import { DIRECTORY_ID, SYSTEM_ACTOR, seedDirectoryCommand } from '../domain/index.ts';
import type { DirectorySeed } from '../domain/index.ts';

export interface SeedDirectoryOptions {
  readonly handler: DirectoryCommandHandler;
  /** The content of config/reference.json, as `parseReferenceConfig` returns it. */
  readonly config: DirectorySeed;
}

export interface SeedOutcome {
  /** True when this call wrote the seed; false when the directory already had entries. */
  readonly seeded: boolean;
  /** The directory stream's version afterwards. */
  readonly version: number;
}

/**
 * Seeds an empty directory from the config as actor `system`; does nothing once it is seeded.
 * Safe when several processes start at once: the one that loses the append sees the directory
 * seeded by the other (`directory-already-seeded` after the handler's reload, or a conflict).
 */
export async function seedDirectoryIfEmpty(options: SeedDirectoryOptions): Promise<SeedOutcome> {
  const { handler } = options;
  const before = await handler.load(DIRECTORY_ID);
  if (before.version > 0) return { seeded: false, version: before.version };
  try {
    const result = await handler.handle({
      aggregateId: DIRECTORY_ID,
      command: seedDirectoryCommand(options.config),
      actor: SYSTEM_ACTOR,
    });
    return { seeded: true, version: result.version };
  } catch (error) {
    if (!lostTheRace(error)) throw error;
    const after = await handler.load(DIRECTORY_ID);
    if (after.version === 0) throw error;
    return { seeded: false, version: after.version };
  }
}

function lostTheRace(error: unknown): boolean {
  return (
    error instanceof BackboneError && (error.rule === 'directory-already-seeded' || error.code === 'version_conflict')
  );
}
