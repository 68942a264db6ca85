import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDevKeyStore } from './devKeyStore.ts';
import { issueToken, verifyToken } from './token.ts';
import type { KeyStore } from './keyStore.ts';

const issuer = 'backbone';
const audience = 'backbone-api';
const sign = (keys: KeyStore, department = 'science-tech-bureau') =>
  issueToken({ department, keys, issuer, audience, ttlSeconds: 60 });
const verify = (keys: KeyStore, token: string) => verifyToken(token, { keys, issuer, audience });

describe('the dev key store (keys persisted in a directory)', () => {
  let dir: string;

  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'backbone-keys-')), 'keys');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('makes a key pair on first use and keeps it as a private JWK readable by its owner only', async () => {
    const keys = createDevKeyStore(dir);
    const { kid } = await keys.signingKey();
    const files = await readdir(dir);
    expect(files).toEqual([`${kid}.private.jwk.json`]);
    expect((await stat(join(dir, files[0] ?? ''))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('a token issued by a second instance on the same directory (the CLI) verifies in the first (the server)', async () => {
    const server = createDevKeyStore(dir);
    await server.signingKey();
    const cli = createDevKeyStore(dir);
    const token = await sign(cli, 'civil-affairs-bureau');
    expect((await verify(server, token)).department).toBe('civil-affairs-bureau');
    expect((await cli.signingKey()).kid).toBe((await server.signingKey()).kid);
  });

  it('after a rotation, old tokens still verify and new tokens carry the new kid', async () => {
    const keys = createDevKeyStore(dir);
    const oldToken = await sign(keys);
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const newKid = await keys.rotate();
    expect(newKid).not.toBe(oldKid);
    const newToken = await sign(keys);
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);
    await expect(verify(keys, oldToken)).resolves.toMatchObject({ department: 'science-tech-bureau' });
    await expect(verify(keys, newToken)).resolves.toMatchObject({ department: 'science-tech-bureau' });
    expect((await keys.jwks()).keys.map((key) => key.kid)).toEqual([newKid, oldKid]);
  });

  it('a running instance accepts tokens signed with a key another process rotated in', async () => {
    const server = createDevKeyStore(dir, { reloadIntervalMs: 0 });
    await server.signingKey();
    const cli = createDevKeyStore(dir);
    const rotatedKid = await cli.rotate();
    const token = await sign(cli);
    expect(decodeProtectedHeader(token).kid).toBe(rotatedKid);
    await expect(verify(server, token)).resolves.toMatchObject({ department: 'science-tech-bureau' });
  });

  it('a retired key stops verifying; the last key cannot be retired', async () => {
    const keys = createDevKeyStore(dir);
    const oldToken = await sign(keys);
    const oldKid = decodeProtectedHeader(oldToken).kid ?? '';
    await keys.rotate();
    await keys.retire(oldKid);
    await expect(verify(keys, oldToken)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await readdir(dir)).toHaveLength(1);
    const { kid } = await keys.signingKey();
    await expect(keys.retire(kid)).rejects.toMatchObject({ code: 'rule_violation', rule: 'keep-one-signing-key' });
  });

  it('refuses a key file that is not a private signing JWK, naming the file', async () => {
    await createDevKeyStore(dir).signingKey();
    await writeFile(join(dir, 'broken.private.jwk.json'), JSON.stringify({ kty: 'EC' }), { mode: 0o600 });
    await expect(createDevKeyStore(dir).signingKey()).rejects.toThrow(/broken\.private\.jwk\.json/);
  });
});
