import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { defineConfig } from '@backbone/service-kit';

/** Environment of the talent module; read when the module starts, never at import. */
export const TalentEnv = z.object({
  /**
   * Key of the HMAC that turns a person's external id (e.g. an identity number) into the
   * `externalRefHash` of PersonRegistered. At least 32 characters. Every talent process must
   * use the same key for ever: another key hashes the same person differently, so duplicate
   * registrations would pass. Unset: a development key made once and kept in
   * DATA_DIR/talent-external-ref.key (fine for one host; set it explicitly across hosts).
   */
  TALENT_EXTERNAL_REF_KEY: z.string().min(32).optional(),
  /** SQLite file of the personal data and the external-id index; default DATA_DIR/talent-personal.db. */
  TALENT_PERSONAL_DATA_PATH: z.string().min(1).optional(),
});
export type TalentEnv = z.output<typeof TalentEnv>;

/** Parses the talent variables of an environment; throws `invalid_input` naming every bad one. */
export const loadTalentEnv = defineConfig(TalentEnv);

/** What the talent module runs with, every default resolved. */
export interface TalentConfig {
  readonly externalRefKey: string;
  /** `env` when TALENT_EXTERNAL_REF_KEY was set, else the file the development key lives in. */
  readonly externalRefKeySource: 'env' | string;
  readonly personalDataPath: string;
}

export const DEV_KEY_FILE = 'talent-external-ref.key';
export const PERSONAL_DATA_FILE = 'talent-personal.db';

/** Resolves the talent config against the data directory, making the development key if needed. */
export function resolveTalentConfig(env: TalentEnv, options: { readonly dataDir: string }): TalentConfig {
  const personalDataPath = env.TALENT_PERSONAL_DATA_PATH ?? join(options.dataDir, PERSONAL_DATA_FILE);
  if (env.TALENT_EXTERNAL_REF_KEY !== undefined) {
    return { externalRefKey: env.TALENT_EXTERNAL_REF_KEY, externalRefKeySource: 'env', personalDataPath };
  }
  const file = join(options.dataDir, DEV_KEY_FILE);
  return { externalRefKey: readOrCreateDevKey(file), externalRefKeySource: file, personalDataPath };
}

const hasCode = (error: unknown, code: string): boolean => error instanceof Error && (error as NodeJS.ErrnoException).code === code;

/**
 * Reads the development key, or writes a new random one. The key is written to a temporary
 * file and linked into place, so of several processes starting at once exactly one key wins
 * and no process ever reads half a key.
 */
function readOrCreateDevKey(file: string): string {
  const read = (): string | undefined => {
    try {
      const key = readFileSync(file, 'utf8').trim();
      return key.length >= 32 ? key : undefined;
    } catch (error) {
      if (hasCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  };
  const existing = read();
  if (existing !== undefined) return existing;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
  } finally {
    unlinkSync(temporary);
  }
  const written = read();
  if (written === undefined) throw new Error(`${file} holds no usable key (at least 32 characters); delete it or set TALENT_EXTERNAL_REF_KEY`);
  return written;
}
