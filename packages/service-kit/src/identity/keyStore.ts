import { BackboneError } from '@backbone/contracts';
import type { CryptoKey, JSONWebKeySet, JWSHeaderParameters } from 'jose';
import { generateSigningJwk, loadSigningJwk } from './signingJwk.ts';
import type { LoadedKey, PrivateSigningJwk } from './signingJwk.ts';

/** A set of signing keys: any current key verifies (by kid), the newest signs. */
export interface KeyStore {
  /** The newest key; new tokens are signed with it. */
  signingKey(): Promise<{ readonly kid: string; readonly privateKey: CryptoKey }>;
  /** The public key a token names in its `kid` header; unknown kids are unauthenticated. */
  verificationKey(header: JWSHeaderParameters): Promise<CryptoKey>;
  /** The public half of every current key, newest first, as served at `/.well-known/jwks.json`. */
  jwks(): Promise<JSONWebKeySet>;
  /** Adds a new newest key and returns its kid; older keys keep verifying until retired. */
  rotate(): Promise<string>;
  /** Removes a key; tokens it signed stop verifying. The last key cannot be retired. */
  retire(kid: string): Promise<void>;
}

/** Where a key store keeps its private keys. */
export interface KeyBacking {
  load(): Promise<PrivateSigningJwk[]>;
  save(jwk: PrivateSigningJwk): Promise<void>;
  remove(kid: string): Promise<void>;
}

export interface KeyStoreOptions {
  /** Keys to start with (e.g. from configuration); ignored when `backing` is given. */
  readonly keys?: readonly PrivateSigningJwk[];
  /** Persistence; in memory by default. */
  readonly backing?: KeyBacking;
  readonly now?: () => Date;
  /** Least time between two re-reads of the backing for an unknown kid. */
  readonly reloadIntervalMs?: number;
}

/** A backing that keeps keys in memory only. */
export function memoryKeyBacking(initial: readonly PrivateSigningJwk[] = []): KeyBacking {
  const keys = new Map(initial.map((jwk) => [jwk.kid, jwk]));
  return {
    load: async () => [...keys.values()],
    save: async (jwk) => void keys.set(jwk.kid, jwk),
    remove: async (kid) => void keys.delete(kid),
  };
}

const newestFirst = (a: LoadedKey, b: LoadedKey): number => b.createdAt - a.createdAt || (a.kid < b.kid ? -1 : 1);

/** A key store over a backing; makes a first key when the backing holds none. */
export function createKeyStore(options: KeyStoreOptions = {}): KeyStore {
  const backing = options.backing ?? memoryKeyBacking(options.keys);
  const now = options.now ?? (() => new Date());
  const reloadIntervalMs = options.reloadIntervalMs ?? 1000;
  let keys: LoadedKey[] = [];
  let lastLoadAt = Number.NEGATIVE_INFINITY;
  let ready: Promise<void> | undefined;

  const reload = async (): Promise<void> => {
    lastLoadAt = now().getTime();
    const loaded = await Promise.all((await backing.load()).map(loadSigningJwk));
    keys = loaded.sort(newestFirst);
  };

  const add = async (createdAt: Date): Promise<string> => {
    const jwk = await generateSigningJwk(createdAt);
    await backing.save(jwk);
    keys = [...keys, await loadSigningJwk(jwk)].sort(newestFirst);
    return jwk.kid;
  };

  const ensureReady = (): Promise<void> => {
    ready ??= (async () => {
      await reload();
      if (keys.length === 0) await add(now());
    })().catch((error: unknown) => {
      ready = undefined; // let the next call try again
      throw error;
    });
    return ready;
  };

  const newest = (): LoadedKey => {
    const key = keys[0];
    if (!key) throw new BackboneError('unavailable', 'No signing key is available');
    return key;
  };

  return {
    async signingKey() {
      await ensureReady();
      const { kid, privateKey } = newest();
      return { kid, privateKey };
    },
    async verificationKey(header) {
      await ensureReady();
      if (header.kid === undefined) throw new BackboneError('unauthenticated', 'The credential names no key (kid)');
      const find = (): LoadedKey | undefined => keys.find((key) => key.kid === header.kid);
      // Another process may have rotated; look again, but not on every forged kid.
      if (!find() && now().getTime() - lastLoadAt >= reloadIntervalMs) await reload();
      const key = find();
      if (!key) throw new BackboneError('unauthenticated', 'The credential is signed by an unknown key');
      return key.publicKey;
    },
    async jwks() {
      await ensureReady();
      return { keys: keys.map((key) => ({ ...key.publicJwk })) };
    },
    async rotate() {
      await ensureReady();
      const after = (keys[0]?.createdAt ?? 0) + 1;
      return add(new Date(Math.max(now().getTime(), after)));
    },
    async retire(kid) {
      await ensureReady();
      if (!keys.some((key) => key.kid === kid)) throw new BackboneError('not_found', `No key ${kid}`);
      if (keys.length === 1) {
        throw new BackboneError('rule_violation', 'The last signing key cannot be retired', { rule: 'keep-one-signing-key' });
      }
      await backing.remove(kid);
      keys = keys.filter((key) => key.kid !== kid);
    },
  };
}
