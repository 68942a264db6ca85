import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createKeyStore } from './keyStore.ts';
import type { KeyBacking, KeyStore, KeyStoreOptions } from './keyStore.ts';
import { PrivateSigningJwk } from './signingJwk.ts';

const SUFFIX = '.private.jwk.json';

const isMissing = (error: unknown): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Keeps each private key as `<kid>.private.jwk.json` (mode 0600) in `dir` (mode 0700). */
export function fileKeyBacking(dir: string): KeyBacking {
  const fileOf = (kid: string): string => join(dir, `${kid}${SUFFIX}`);
  return {
    async load() {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const names = (await readdir(dir)).filter((name) => name.endsWith(SUFFIX)).sort();
      const keys: PrivateSigningJwk[] = [];
      for (const name of names) {
        let text: string;
        try {
          text = await readFile(join(dir, name), 'utf8');
        } catch (error) {
          if (isMissing(error)) continue; // retired by another process meanwhile
          throw error;
        }
        const parsed = PrivateSigningJwk.safeParse(JSON.parse(text));
        if (!parsed.success) throw new Error(`${join(dir, name)} is not a private ES256 signing JWK`);
        keys.push(parsed.data);
      }
      return keys;
    },
    async save(jwk) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // Write then rename, so a process reading the directory never sees half a key.
      const temporary = join(dir, `.${jwk.kid}.${randomUUID()}.tmp`);
      await writeFile(temporary, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temporary, fileOf(jwk.kid));
    },
    async remove(kid) {
      try {
        await unlink(fileOf(kid));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}

/**
 * The embedded default: keys persisted in `dir`, made on first use, so a CLI process can issue
 * tokens that the running instance accepts (it re-reads the directory on an unknown kid).
 */
export function createDevKeyStore(dir: string, options: Omit<KeyStoreOptions, 'backing' | 'keys'> = {}): KeyStore {
  return createKeyStore({ ...options, backing: fileKeyBacking(dir) });
}
