import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createKeyStore } from './keyStore.ts';
import { issueToken, verifyToken } from './token.ts';

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
