import type { ExternalRefClaim, ExternalRefRegistry } from './externalRefRegistry.ts';

/** An `ExternalRefRegistry` in a Map: the contract suite's reference and a unit-test double. */
export function createInMemoryExternalRefRegistry(): ExternalRefRegistry {
  const claims = new Map<string, ExternalRefClaim>();
  return {
    claim: async (hash, personId, at) => {
      if (claims.has(hash)) return false;
      claims.set(hash, { personId, state: 'pending', claimedAt: new Date(at) });
      return true;
    },
    holder: async (hash) => {
      const claim = claims.get(hash);
      return claim === undefined ? undefined : { ...claim, claimedAt: new Date(claim.claimedAt) };
    },
    confirm: async (hash, personId) => {
      const claim = claims.get(hash);
      if (claim?.personId === personId) claims.set(hash, { ...claim, state: 'registered' });
    },
    release: async (hash, personId) => claims.get(hash)?.personId === personId && claims.delete(hash),
    releasePerson: async (personId) => {
      for (const [hash, claim] of claims) if (claim.personId === personId) claims.delete(hash);
    },
  };
}
