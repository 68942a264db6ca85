// Credentials an attacker could bring: forged, expired, re-signed, alg confusion. Built with
// node:crypto alone (no JWT library), so a flaw shared with the verifier cannot hide one.
import { createHmac, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const encode = (part: object): string => b64(JSON.stringify(part));

function es256(key: KeyObject, header: object, claims: object): string {
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${b64(sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`;
}

interface SigningKeyFile {
  readonly kid: string;
  readonly x: string;
  readonly y: string;
  readonly d: string;
}

/** The backbone's own newest-by-name signing key, read from its key directory (what a thief of the disk has). */
export function readSigningKey(keysDir: string): { kid: string; privateKey: KeyObject; publicJwk: object } {
  const name = readdirSync(keysDir).find((file) => file.endsWith('.private.jwk.json'));
  if (!name) throw new Error(`no signing key in ${keysDir}`);
  const jwk = JSON.parse(readFileSync(join(keysDir, name), 'utf8')) as SigningKeyFile;
  const publicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  return { kid: jwk.kid, privateKey: createPrivateKey({ key: { ...publicJwk, d: jwk.d }, format: 'jwk' }), publicJwk };
}

export interface CraftedTokenOptions {
  readonly keysDir: string;
  readonly issuer: string;
  readonly audience: string;
  /** The department the forgeries claim to be (the most powerful one is the interesting target). */
  readonly department: string;
  /** A genuine credential of another department, to tamper with. */
  readonly genuineToken: string;
  readonly now: Date;
}

/** Every credential here must be refused with 401: none of them is a current, genuine credential. */
export function craftedTokens(options: CraftedTokenOptions): Readonly<Record<string, string>> {
  const { kid, privateKey, publicJwk } = readSigningKey(options.keysDir);
  const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const seconds = Math.floor(options.now.getTime() / 1000);
  const header = { alg: 'ES256', kid, typ: 'JWT' };
  const claims = {
    sub: options.department,
    department: options.department,
    iss: options.issuer,
    aud: options.audience,
    iat: seconds,
    exp: seconds + 3600,
    jti: 'crafted',
  };
  const [genuineHeader, genuinePayload, genuineSignature] = options.genuineToken.split('.');
  const unsigned = (h: object, c: object) => `${encode(h)}.${encode(c)}.`;
  const hs256 = (c: object) => {
    const input = `${encode({ alg: 'HS256', kid, typ: 'JWT' })}.${encode(c)}`;
    return `${input}.${createHmac('sha256', JSON.stringify(publicJwk)).update(input).digest('base64url')}`;
  };
  const { exp: _exp, ...withoutExpiry } = claims;
  const { sub: _sub, department: _department, ...withoutSubject } = claims;
  return {
    'expired an hour ago': es256(privateKey, header, { ...claims, iat: seconds - 7200, exp: seconds - 3600 }),
    'not valid before tomorrow': es256(privateKey, header, { ...claims, nbf: seconds + 86_400 }),
    'another issuer': es256(privateKey, header, { ...claims, iss: 'urn:evil' }),
    'another audience': es256(privateKey, header, { ...claims, aud: 'urn:other-api' }),
    'no expiry': es256(privateKey, header, withoutExpiry),
    'no subject': es256(privateKey, header, withoutSubject),
    'an empty subject': es256(privateKey, header, { ...claims, sub: '', department: '' }),
    'a subject of 200 characters': es256(privateKey, header, { ...claims, sub: 'x'.repeat(200), department: 'x'.repeat(200) }),
    'two departments in one credential': es256(privateKey, header, { ...claims, department: 'civil-affairs' }),
    'alg none': unsigned({ alg: 'none', typ: 'JWT' }, claims),
    'alg none with the kid': unsigned({ alg: 'none', kid, typ: 'JWT' }, claims),
    'HS256 keyed with the public key': hs256(claims),
    'signed by a foreign key under the real kid': es256(foreign, header, claims),
    'signed by a foreign key under an unknown kid': es256(foreign, { ...header, kid: 'unknown-kid' }, claims),
    'signed by a foreign key, no kid': es256(foreign, { alg: 'ES256', typ: 'JWT' }, claims),
    'a genuine credential with its payload rewritten': `${genuineHeader}.${encode({ ...claims, exp: seconds + 600 })}.${genuineSignature}`,
    'a genuine credential with its header rewritten to alg none': `${encode({ alg: 'none', kid })}.${genuinePayload}.`,
    'a genuine credential without its signature': `${genuineHeader}.${genuinePayload}.`,
    'a genuine credential with a crit header': es256(privateKey, { ...header, crit: ['x-unknown'], 'x-unknown': true }, claims),
  };
}
