import { BackboneError } from '@backbone/contracts';
import type { PersonalDataBoundary } from './personalDataBoundary.ts';
import { DEFAULT_CLAIM_TIMEOUT_MS } from './personalDataBoundary.ts';

const MAX_ATTEMPTS = 3;

/**
 * Claims the hash of an external id for a new person. Returns false when a registered person
 * holds it (the decider then refuses with `person-already-registered`). A pending claim is
 * judged by its person's stream: written means registered (the claim is confirmed), erased
 * means an erasure left it behind, absent and older than the timeout means a registration
 * died before writing (both are released and the claim retried). A younger pending claim is
 * a registration in flight: 409, retryable.
 */
export async function claimExternalRef(boundary: PersonalDataBoundary, hash: string, personId: string): Promise<boolean> {
  const { externalRefs, persons, clock } = boundary;
  const timeoutMs = boundary.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const now = clock();
    if (await externalRefs.claim(hash, personId, now)) return true;
    const holder = await externalRefs.holder(hash);
    if (holder === undefined) continue; // released meanwhile
    if (holder.state === 'registered') return false;
    const { state } = await persons.load(holder.personId);
    if (state.status === 'registered') {
      await externalRefs.confirm(hash, holder.personId);
      return false;
    }
    if (state.status === 'none' && now.getTime() - holder.claimedAt.getTime() < timeoutMs) {
      throw new BackboneError('version_conflict', 'another registration of this person is being handled', {
        rule: 'person-registration-in-flight',
        canRetry: true,
        retryAfterSeconds: 1,
      });
    }
    await externalRefs.release(hash, holder.personId);
  }
  throw new BackboneError('version_conflict', 'the external id kept changing hands; try again', {
    rule: 'person-registration-in-flight',
    canRetry: true,
    retryAfterSeconds: 1,
  });
}
