import { issueToken } from '@backbone/service-kit';
import type { KeyStore } from '@backbone/service-kit';
import type { LoadTokens } from './httpClient.ts';

/** The load's two credentials, signed by a server's keys: the coordinating department's and the lead's. */
export async function issueLoadTokens(keys: KeyStore, issuer: string, audience: string): Promise<LoadTokens> {
  const token = (department: string) => issueToken({ department, keys, issuer, audience, ttlSeconds: 3600 });
  return { coordinating: await token('social-work'), lead: await token('civil-affairs') };
}
