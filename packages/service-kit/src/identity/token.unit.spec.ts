import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeyStore } from './keyStore.ts';
import { createTokenVerifier, issueToken, verifyToken } from './token.ts';

const issuer = 'backbone';
const audience = 'backbone-api';

describe('department credentials', () => {
  const keys = createKeyStore();

  it('carry the department as subject and claim, with issuer, audience, expiry and kid', async () => {
    const now = () => new Date('2025-03-01T08:00:00Z');
    const token = await issueToken({ department: 'science-tech-bureau', keys, issuer, audience, ttlSeconds: 600, now });
    const identity = await verifyToken(token, { keys, issuer, audience, now });
    expect(identity).toMatchObject({ department: 'science-tech-bureau', expiresAt: new Date('2025-03-01T08:10:00Z') });
    expect(identity.tokenId).toEqual(expect.any(String));
  });

  it('refuse a token that expired, judged by the verifier clock', async () => {
    const token = await issueToken({ department: 'd', keys, issuer, audience, ttlSeconds: 60, now: () => new Date('2025-03-01T08:00:00Z') });
    await expect(verifyToken(token, { keys, issuer, audience, now: () => new Date('2025-03-01T08:02:00Z') })).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'The credential has expired',
    });
  });

  it('refuse a token whose department claim and subject disagree', async () => {
    const { kid, privateKey } = await keys.signingKey();
    const token = await new SignJWT({ department: 'civil-affairs-bureau' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('science-tech-bureau')
      .setIssuer(issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifyToken(token, { keys, issuer, audience })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuse a token without expiry', async () => {
    const { kid, privateKey } = await keys.signingKey();
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject('science-tech-bureau')
      .setIssuer(issuer)
      .setAudience(audience)
      .sign(privateKey);
    await expect(verifyToken(token, { keys, issuer, audience })).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuse a token without kid and an unsigned one', async () => {
    const { privateKey } = await keys.signingKey();
    const noKid = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('d').setIssuer(issuer)
      .setAudience(audience).setExpirationTime('5m').sign(privateKey);
    await expect(verifyToken(noKid, { keys, issuer, audience })).rejects.toMatchObject({ message: 'The credential names no key (kid)' });
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: 'd', iss: issuer, aud: audience, exp: 4e9 })).toString('base64url');
    await expect(verifyToken(`${header}.${payload}.`, { keys, issuer, audience })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});

describe('a verifier that remembers verified credentials', () => {
  const at = (iso: string) => () => new Date(iso);
  const issuedAt = at('2025-03-01T08:00:00Z');

  it('answers a repeated credential until it expires, then refuses it as a full verification does', async () => {
    const keys = createKeyStore();
    let clock = issuedAt;
    const verify = createTokenVerifier({ keys, issuer, audience, now: () => clock() });
    const token = await issueToken({ department: 'civil-affairs-bureau', keys, issuer, audience, ttlSeconds: 60, now: issuedAt });
    expect((await verify(token)).department).toBe('civil-affairs-bureau');
    clock = at('2025-03-01T08:00:30Z');
    expect((await verify(token)).department).toBe('civil-affairs-bureau');
    clock = at('2025-03-01T08:02:00Z');
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated', message: 'The credential has expired' });
  });

  it('refuses a remembered credential once its key is retired', async () => {
    const keys = createKeyStore();
    const verify = createTokenVerifier({ keys, issuer, audience });
    const token = await issueToken({ department: 'd', keys, issuer, audience, ttlSeconds: 600 });
    await verify(token);
    await keys.rotate();
    expect((await verify(token)).department).toBe('d');
    const { kid } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    await keys.retire(kid);
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated', message: 'The credential is signed by an unknown key' });
  });

  it('never lets a remembered credential vouch for another token', async () => {
    const keys = createKeyStore();
    const verify = createTokenVerifier({ keys, issuer, audience, maxTokens: 1 });
    const genuine = await issueToken({ department: 'd', keys, issuer, audience, ttlSeconds: 600 });
    await verify(genuine);
    const [header, payload] = genuine.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'other', iss: issuer, aud: audience, exp: 4e9 })).toString('base64url')}.${genuine.split('.')[2]}`;
    expect(payload).not.toBe(forged.split('.')[1]);
    await expect(verify(forged)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await verify(genuine)).department).toBe('d');
  });
});
