import type { otherContexts } from './otherContexts.ts';

// Test-only: what the resources and talent contexts have published before the platforms tests run.

export const SEEDED = {
  policy: 'policy-rider-support',
  grant: 'grant-riders-station',
  revokedGrant: 'grant-withdrawn',
  certified: 'person-certified-worker',
  tiered: 'person-backbone-worker',
  volunteer: 'person-volunteer',
  erased: 'person-erased',
} as const;

const FIELD = 'new-employment-groups';
const hash = (c: string) => c.repeat(64);

/** One policy, a grant and a revoked grant of one pool, and four people: certified, tiered, plain and erased. */
export async function seedReferences(others: ReturnType<typeof otherContexts>, ids: typeof SEEDED = SEEDED, poolId = 'pool-platforms-seed'): Promise<void> {
  await others.resources(ids.policy, 'social-work', [
    { type: 'PolicyIssued', data: { policyId: ids.policy, kind: 'policy', fields: [FIELD], issuedBy: 'social-work', title: 'Support desks for riders' } },
  ]);
  const award = (grantId: string) => ({
    type: 'GrantAwarded' as const,
    data: {
      grantId,
      applicationId: `application-${grantId}`,
      callId: 'call-2025',
      poolId,
      amountFen: 5_000_000,
      sponsoringDepartment: 'civil-affairs',
      field: FIELD,
      title: 'Rider station',
      endsAt: '2025-12-31T16:00:00.000Z',
    },
  });
  await others.resources(poolId, 'social-work', [
    award(ids.grant),
    award(ids.revokedGrant),
    { type: 'GrantRevoked', data: { grantId: ids.revokedGrant, callId: 'call-2025', field: FIELD, returnedFen: 5_000_000, reason: 'withdrawn' } },
  ]);
  const registered = (personId: string, c: string) => ({
    type: 'PersonRegistered' as const,
    data: { personId, kind: 'social-worker' as const, sector: 'community' as const, fields: [FIELD], registeredBy: 'civil-affairs', externalRefHash: hash(c) },
  });
  await others.talent(ids.certified, 'civil-affairs', [
    registered(ids.certified, 'a'),
    { type: 'CertificationGranted', data: { personId: ids.certified, certification: 'social-worker-intermediate', grantedBy: 'social-work' } },
  ]);
  await others.talent(ids.tiered, 'civil-affairs', [
    registered(ids.tiered, 'b'),
    { type: 'SelectionResultRecorded', data: { roundId: 'round-2025', personId: ids.tiered, tier: 'entry' } },
  ]);
  await others.talent(ids.volunteer, 'civil-affairs', [registered(ids.volunteer, 'c')]);
  await others.talent(ids.erased, 'civil-affairs', [registered(ids.erased, 'd'), { type: 'PersonErased', data: { personId: ids.erased } }]);
}
